import {
  type ClientFrame,
  clientFrameSchema,
  type ErrorCode,
  maxClientFrameBytes,
  type ServerFrame,
} from '@parley/protocol';

export function errorFrame(code: ErrorCode, message: string, id?: unknown): ServerFrame {
  return typeof id === 'string' ? { type: 'error', id, code, message } : { type: 'error', code, message };
}

/** A client frame, or the error frame that answers a malformed one. */
export function parseClientFrame(
  data: Buffer,
  isBinary: boolean,
): { frame: ClientFrame } | { error: ServerFrame } {
  if (isBinary) return { error: errorFrame('VALIDATION_FAILED', 'Frames are JSON text.') };
  if (data.length > maxClientFrameBytes) {
    return { error: errorFrame('PAYLOAD_TOO_LARGE', `Frames are limited to ${maxClientFrameBytes} bytes.`) };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(data.toString('utf8'));
  } catch {
    return { error: errorFrame('INVALID_JSON', 'The frame is not valid JSON.') };
  }
  const parsed = clientFrameSchema.safeParse(raw);
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
