import {
  type ClientFrame,
  clientFrameSchema,
  type ErrorCode,
  maxClientFrameBytes,
  type ServerFrame,
} from '@parley/protocol';
import type { z } from 'zod';

/** The error frame, the same on the device gateway and on meeting sockets. */
export type ErrorFrame = Extract<ServerFrame, { type: 'error' }>;

export function errorFrame(code: ErrorCode, message: string, id?: unknown): ErrorFrame {
  return typeof id === 'string' ? { type: 'error', id, code, message } : { type: 'error', code, message };
}

/** A device gateway frame, or the error frame that answers a malformed one. */
export function parseClientFrame(
  data: Buffer,
  isBinary: boolean,
): { frame: ClientFrame } | { error: ErrorFrame } {
  return parseFrame(data, isBinary, clientFrameSchema, maxClientFrameBytes);
}

/** A frame `schema` accepts, or the error frame that answers a malformed one. */
export function parseFrame<S extends z.ZodType>(
  data: Buffer,
  isBinary: boolean,
  schema: S,
  maxBytes: number,
): { frame: z.output<S> } | { error: ErrorFrame } {
  if (isBinary) return { error: errorFrame('VALIDATION_FAILED', 'Frames are JSON text.') };
  if (data.length > maxBytes) {
    return { error: errorFrame('PAYLOAD_TOO_LARGE', `Frames are limited to ${maxBytes} bytes.`) };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(data.toString('utf8'));
  } catch {
    return { error: errorFrame('INVALID_JSON', 'The frame is not valid JSON.') };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const id = (raw as { id?: unknown } | null)?.id;
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'type';
    return {
      error: errorFrame('VALIDATION_FAILED', `Invalid frame: ${where}: ${issue?.message ?? 'invalid'}`, id),
    };
  }
  return { frame: parsed.data };
}
