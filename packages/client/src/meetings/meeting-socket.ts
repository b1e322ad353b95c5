import { type MeetingServerFrame, meetingCloseCodes } from '@parley/protocol';
import { ApiError, isApiError } from '../api-error.ts';
import type { Clock } from '../clock.ts';
import { Emitter } from '../emitter.ts';
import { backoffDelay } from '../gateway/backoff.ts';
import type { NetworkMonitor } from '../gateway/network.ts';
import { PendingRequests } from '../gateway/pending-requests.ts';
import type { Logger } from '../logger.ts';
import { NamedTimers } from '../named-timers.ts';
import {
  type MeetingAnswer,
  type MeetingRequest,
  meetingError,
  parseMeetingFrame,
} from './meeting-frames.ts';
import type { MeetingTiming } from './meeting-timing.ts';

/** The server closes with these when the participant must not come back on this token. */
const finalCloseCodes: ReadonlySet<number> = new Set(Object.values(meetingCloseCodes));
/**
 * Our close code for a connection given up on (no handshake, no pong). Not one of the server's
 * 4000-4006: the server must treat it as a dropped connection and keep the participant.
 */
const abandonedCloseCode = 4100;

/**
 * - `connecting`: the first connection is being made;
 * - `open`: the server sent `waiting` or `joined` on the current connection;
 * - `reconnecting`: the connection dropped; the next try is at `retryAt` (epoch ms), or when the
 *   network comes back (`retryAt` null);
 * - `closed`: the server closed with one of meetingCloseCodes; no more tries.
 */
export type MeetingSocketState =
  | { status: 'connecting' }
  | { status: 'open' }
  | { status: 'reconnecting'; attempt: number; retryAt: number | null }
  | { status: 'closed'; code: number };

export interface MeetingSocketEvents {
  state: [MeetingSocketState];
  /** Every server frame except the answers to this client's frames. */
  frame: [MeetingServerFrame];
}

export interface MeetingSocketOptions {
  /** See meetingSocketUrl(); it carries the participant token, which every reconnect reuses. */
  url: string;
  webSocket: typeof WebSocket;
  clock: Clock;
  random: () => number;
  network: NetworkMonitor;
  logger: Logger;
  timing: MeetingTiming;
}

type TimerName = 'retry' | 'handshake' | 'ping';

/**
 * The meeting socket of one participant: connects, answers each client frame's promise from its
 * `ok` or `error`, pings to notice a dead connection, and reconnects with backoff on any close
 * that is not one of the server's final close codes.
 */
export class MeetingSocket {
  readonly #options: MeetingSocketOptions;
  readonly #events = new Emitter<MeetingSocketEvents>();
  readonly #pending: PendingRequests<MeetingAnswer>;
  readonly #timers: NamedTimers<TimerName>;
  #state: MeetingSocketState = { status: 'connecting' };
  #running = false;
  #socket: WebSocket | null = null;
  /** Whether the current socket brought `waiting` or `joined`. */
  #open = false;
  #attempt = 0;
  #frameCount = 0;
  #unsubscribeNetwork: (() => void) | undefined;

  constructor(options: MeetingSocketOptions) {
    this.#options = options;
    this.#pending = new PendingRequests(options.clock);
    this.#timers = new NamedTimers(options.clock);
  }

  get state(): MeetingSocketState {
    return this.#state;
  }

  on<K extends keyof MeetingSocketEvents>(
    name: K,
    listener: (...args: MeetingSocketEvents[K]) => void,
  ): () => void {
    return this.#events.on(name, listener);
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#unsubscribeNetwork = this.#options.network.onOnline(() => this.#onNetworkBack());
    this.#setState({ status: 'connecting' });
    this.#connect();
  }

  /**
   * Sends a frame; resolves with its `ok` data. Rejects with an ApiError: the server's code for
   * an `error` answer, NETWORK when not connected or when no answer comes in time.
   */
  request(frame: MeetingRequest, timeoutMs = this.#options.timing.requestTimeoutMs): Promise<MeetingAnswer> {
    const socket = this.#socket;
    if (!socket || !this.#open) {
      return Promise.reject(new ApiError('NETWORK', 0, 'Not connected to the meeting'));
    }
    return this.#send(socket, frame, timeoutMs);
  }

  /** Closes for good, without a state event: the caller decided why. Idempotent. */
  close(): void {
    if (!this.#running) return;
    this.#stop();
    const socket = this.#socket;
    if (!socket) return;
    this.#forget(socket);
    socket.close(1000, 'closed by the client');
  }

  #connect(): void {
    if (!this.#running) return;
    let socket: WebSocket;
    try {
      socket = new this.#options.webSocket(this.#options.url);
    } catch (error) {
      this.#options.logger.warn({ error }, 'meeting socket could not be created');
      this.#scheduleReconnect();
      return;
    }
    this.#socket = socket;
    this.#open = false;
    socket.onmessage = (event: MessageEvent) => this.#onMessage(socket, event.data);
    socket.onclose = (event: CloseEvent) => this.#onClose(socket, event.code);
    // An error is always followed by close, which does the work.
    socket.onerror = () => {};
    this.#timers.set('handshake', this.#options.timing.handshakeTimeoutMs, () =>
      this.#abandon(socket, 'no waiting or joined frame in time'),
    );
  }

  #onMessage(socket: WebSocket, data: unknown): void {
    if (socket !== this.#socket) return;
    const frame = parseMeetingFrame(data);
    if (frame === null) {
      this.#options.logger.warn({}, 'meeting frame not understood, ignored');
      return;
    }
    if (frame.type === 'ok') {
      this.#pending.resolve(frame.id, frame.data);
      return;
    }
    if (frame.type === 'error' && frame.id !== undefined) {
      this.#pending.reject(frame.id, meetingError(frame.code, frame.message));
      return;
    }
    if ((frame.type === 'waiting' || frame.type === 'joined') && !this.#open) this.#opened(socket);
    this.#events.emit('frame', frame);
  }

  #opened(socket: WebSocket): void {
    this.#open = true;
    this.#attempt = 0;
    this.#timers.clear('handshake');
    this.#setState({ status: 'open' });
    this.#schedulePing(socket);
  }

  #schedulePing(socket: WebSocket): void {
    const { pingIntervalMs, pingTimeoutMs } = this.#options.timing;
    this.#timers.set('ping', pingIntervalMs, async () => {
      try {
        await this.#send(socket, { type: 'ping' }, pingTimeoutMs);
      } catch (error) {
        // Any answer, even an error, shows the connection is alive; only silence does not.
        if (isApiError(error, 'NETWORK')) {
          this.#abandon(socket, 'ping not answered');
          return;
        }
      }
      if (socket === this.#socket) this.#schedulePing(socket);
    });
  }

  #send(socket: WebSocket, frame: MeetingRequest, timeoutMs: number): Promise<MeetingAnswer> {
    this.#frameCount += 1;
    const id = `m${this.#frameCount}`;
    const answer = this.#pending.add(id, timeoutMs);
    try {
      socket.send(JSON.stringify({ ...frame, id }));
    } catch (cause) {
      this.#pending.reject(id, ApiError.network(cause));
    }
    return answer;
  }

  #onClose(socket: WebSocket, code: number): void {
    if (socket !== this.#socket) return;
    this.#forget(socket);
    if (finalCloseCodes.has(code)) {
      this.#stop();
      this.#setState({ status: 'closed', code });
      return;
    }
    this.#options.logger.info({ code }, 'meeting socket dropped');
    this.#scheduleReconnect();
  }

  /** Gives up on a connection that is open but useless, without waiting for its close handshake. */
  #abandon(socket: WebSocket, reason: string): void {
    if (socket !== this.#socket) return;
    this.#options.logger.info({ reason }, 'meeting socket abandoned');
    this.#forget(socket);
    socket.close(abandonedCloseCode, reason);
    this.#scheduleReconnect();
  }

  /** Forgets a socket: its timers, its unanswered frames, its place as the current connection. */
  #forget(socket: WebSocket): void {
    if (socket !== this.#socket) return;
    this.#socket = null;
    this.#open = false;
    this.#timers.clear('handshake');
    this.#timers.clear('ping');
    this.#pending.rejectAll(new ApiError('NETWORK', 0, 'The connection to the meeting was lost'));
  }

  #scheduleReconnect(): void {
    if (!this.#running) return;
    this.#timers.clear('retry');
    this.#attempt += 1;
    if (!this.#options.network.isOnline()) {
      this.#setState({ status: 'reconnecting', attempt: this.#attempt, retryAt: null });
      return;
    }
    const { clock, random, timing } = this.#options;
    const delay = backoffDelay(this.#attempt, random, timing.backoff);
    this.#setState({ status: 'reconnecting', attempt: this.#attempt, retryAt: clock.now() + delay });
    this.#timers.set('retry', delay, () => this.#connect());
  }

  #onNetworkBack(): void {
    if (!this.#running || this.#socket) return;
    this.#timers.clear('retry');
    this.#connect();
  }

  #stop(): void {
    this.#running = false;
    this.#unsubscribeNetwork?.();
    this.#timers.clear('retry');
  }

  #setState(state: MeetingSocketState): void {
    this.#state = state;
    this.#events.emit('state', state);
  }
}
