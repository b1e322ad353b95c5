import { type BackoffOptions, reconnectBackoff } from '../gateway/backoff.ts';

export interface MeetingTiming {
  /** How long a client frame waits for its answer. */
  requestTimeoutMs: number;
  /** A new socket must bring `waiting` or `joined` within this time, or it is given up. */
  handshakeTimeoutMs: number;
  /**
   * Pings detect a dead connection sooner than TCP does; the server keeps a dropped participant
   * for 30 s only, so the socket must notice within a few seconds and reconnect.
   */
  pingIntervalMs: number;
  pingTimeoutMs: number;
  backoff: BackoffOptions;
  /** `view` waits this long for the layout to settle before it goes out. */
  viewDelayMs: number;
  /** How often the peer connections' stats are read for the network quality indicator. */
  statsIntervalMs: number;
  /** ICE `disconnected` for this long counts as failed (it often recovers on its own). */
  iceDisconnectedMs: number;
  /** An ICE restart that did not bring the connection back is tried again after this long. */
  iceRetryMs: number;
  /** leave() waits this long for the server to confirm before closing anyway. */
  leaveTimeoutMs: number;
}

export const defaultMeetingTiming: MeetingTiming = {
  requestTimeoutMs: 15_000,
  handshakeTimeoutMs: 15_000,
  pingIntervalMs: 10_000,
  pingTimeoutMs: 8_000,
  backoff: reconnectBackoff,
  viewDelayMs: 200,
  statsIntervalMs: 2_000,
  iceDisconnectedMs: 3_000,
  iceRetryMs: 10_000,
  leaveTimeoutMs: 3_000,
};
