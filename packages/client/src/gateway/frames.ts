import { type ClientFrame, type ServerFrame, serverFrameSchema } from '@parley/protocol';

type WithoutId<F> = F extends unknown ? Omit<F, 'id'> : never;

/** A client frame before the gateway gives it an id. */
export type ClientRequest = WithoutId<ClientFrame>;

/** A server frame, or an event of a type this client does not know (from a newer server). */
export type IncomingFrame = ServerFrame | { type: 'event'; seq: number; event: null };

/**
 * Reads a server frame; null for anything that is not one. An `event` whose type this client
 * does not know becomes a null event: skipped, but its sequence number is still applied and
 * acked, so one unknown event cannot stall the device's queue.
 */
export function parseServerFrame(data: unknown): IncomingFrame | null {
  if (typeof data !== 'string') return null;
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = serverFrameSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const candidate = raw as { type?: unknown; seq?: unknown } | null;
  if (candidate?.type === 'event' && typeof candidate.seq === 'number' && Number.isInteger(candidate.seq)) {
    return { type: 'event', seq: candidate.seq, event: null };
  }
  return null;
}

/** The gateway URL for an API base URL ('' = this page's origin). */
export function gatewayUrl(baseUrl: string): string {
  return webSocketUrl(baseUrl, '/api/v1/gateway');
}

/** The ws: or wss: URL of a server path, for an API base URL ('' = this page's origin). */
export function webSocketUrl(baseUrl: string, path: string): string {
  const origin = baseUrl === '' ? globalThis.location.origin : baseUrl.replace(/\/+$/, '');
  return `${origin.replace(/^http/, 'ws')}${path}`;
}
