import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { DeviceIdentity, QueuedEvent } from '../store/records.ts';
import { type BackoffOptions, reconnectBackoff } from './backoff.ts';
import type { NetworkMonitor } from './network.ts';

/** Where queued events go: the local store, which applies them durably before they are acked. */
export interface EventSink {
  /** The last sequence number durably applied for this device (0 for a new device). */
  resume(identity: DeviceIdentity): Promise<number>;
  /** Applies events in order; resolves once they are committed. */
  apply(events: QueuedEvent[]): Promise<void>;
}

export interface GatewayTiming {
  /** How long a client frame waits for its answer. */
  requestTimeoutMs: number;
  /** A ping frame goes out this long after the previous one was answered... */
  pingIntervalMs: number;
  /** ...and the connection counts as dead if its answer takes longer than this. */
  pingTimeoutMs: number;
  /** Acks wait at most this long to be batched... */
  ackDelayMs: number;
  /** ...or go out at once when this many applied events are unacknowledged. */
  ackEvery: number;
  /** Events applied per store transaction. */
  applyBatch: number;
  backoff: BackoffOptions;
}

export const defaultTiming: GatewayTiming = {
  requestTimeoutMs: 15_000,
  pingIntervalMs: 20_000,
  pingTimeoutMs: 10_000,
  ackDelayMs: 50,
  ackEvery: 100,
  applyBatch: 200,
  backoff: reconnectBackoff,
};

export interface GatewayOptions {
  /** ws: or wss: URL of /api/v1/gateway; see gatewayUrl(). */
  url: string;
  /** The session token; browsers cannot set headers on a WebSocket, so it goes in the query. */
  token: string;
  sink: EventSink;
  /** The WebSocket class; Node 20 has none, so tests pass the `ws` package's. */
  webSocket?: typeof WebSocket;
  clock?: Clock;
  /** 0..1, for reconnect jitter. */
  random?: () => number;
  network?: NetworkMonitor;
  logger?: Logger;
  timing?: Partial<GatewayTiming>;
}
