import type { EditedContent, OutgoingContent, SendResult, ServerFrame } from '@parley/protocol';

/** What an `ok` answer carries: a SendResult for `send`, a CallConnection for call frames. */
export type OkData = Extract<ServerFrame, { type: 'ok' }>['data'];

import { ApiError } from '../api-error.ts';
import { type Clock, systemClock } from '../clock.ts';
import { Emitter } from '../emitter.ts';
import { type Logger, silentLogger } from '../logger.ts';
import { NamedTimers } from '../named-timers.ts';
import type { DeviceIdentity } from '../store/records.ts';
import { backoffDelay } from './backoff.ts';
import type { ConnectionState, GatewayEvents } from './connection-state.ts';
import { EventInbox } from './event-inbox.ts';
import { type ClientRequest, parseServerFrame } from './frames.ts';
import { defaultTiming, type GatewayOptions, type GatewayTiming } from './gateway-options.ts';
import { defaultNetwork, type NetworkMonitor } from './network.ts';
import { PendingRequests } from './pending-requests.ts';

/** Close code the server uses when this device was signed out: do not reconnect. */
export const signedOutCloseCode = 4001;
/** Close code this client uses when it gives up on a connection (heartbeat, handshake). */
const abandonedCloseCode = 4000;

type TimerName = 'retry' | 'handshake' | 'ping';

/**
 * The realtime connection of one signed-in device: connects, says `hello` with the last applied
 * sequence number, hands queued events to the sink in order and acknowledges them once applied
 * (batched), answers every client frame's promise, detects dead connections with pings and
 * reconnects with backoff until stopped or signed out.
 */
export class Gateway {
  readonly #options: GatewayOptions;
  readonly #timing: GatewayTiming;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #network: NetworkMonitor;
  readonly #logger: Logger;
  readonly #WebSocket: typeof WebSocket;
  readonly #events = new Emitter<GatewayEvents>();
  readonly #pending: PendingRequests<OkData>;

  #state: ConnectionState = { status: 'offline', reason: 'stopped' };
  #running = false;
  #socket: WebSocket | null = null;
  #helloDone = false;
  /** The hello sent on the current socket, until its answer arrives. */
  #hello: { id: string; lastSeq: number } | null = null;
  #signedOutReason: string | null = null;
  #attempt = 0;
  #frameCount = 0;
  readonly #inbox: EventInbox;
  readonly #timers: NamedTimers<TimerName>;
  #unsubscribeNetwork: (() => void) | undefined;

  constructor(options: GatewayOptions) {
    const WebSocketClass = options.webSocket ?? globalThis.WebSocket;
    if (!WebSocketClass) throw new Error('No WebSocket in this runtime: pass options.webSocket');
    this.#options = options;
    this.#WebSocket = WebSocketClass;
    this.#timing = { ...defaultTiming, ...options.timing };
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#network = options.network ?? defaultNetwork();
    this.#logger = options.logger ?? silentLogger;
    this.#pending = new PendingRequests(this.#clock);
    this.#timers = new NamedTimers(this.#clock);
    this.#inbox = new EventInbox({
      apply: (events) => options.sink.apply(events),
      sendAck: (seq) => this.#sendAck(seq),
      onCaughtUp: (socket) => this.#onCaughtUp(socket as WebSocket),
      onFailure: (error) => {
        // Nothing unapplied was acked: reconnecting makes the server send it again.
        this.#logger.warn({ error }, 'applying gateway events failed; reconnecting');
        if (this.#socket) this.#abandon(this.#socket, 'store failed');
      },
      clock: this.#clock,
      ackDelayMs: this.#timing.ackDelayMs,
      ackEvery: this.#timing.ackEvery,
      applyBatch: this.#timing.applyBatch,
    });
  }

  get state(): ConnectionState {
    return this.#state;
  }

  on<K extends keyof GatewayEvents>(name: K, listener: (...args: GatewayEvents[K]) => void): () => void {
    return this.#events.on(name, listener);
  }

  /** Connects and keeps connecting until stop() or sign-out. */
  start(): void {
    if (this.#running || this.#state.status === 'signed-out') return;
    this.#running = true;
    this.#attempt = 0;
    this.#unsubscribeNetwork = this.#network.onOnline(() => this.#onNetworkBack());
    this.#setState({ status: 'connecting' });
    this.#open();
  }

  /** Closes the connection and stops reconnecting. Idempotent. */
  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    this.#unsubscribeNetwork?.();
    this.#timers.clear('retry');
    const socket = this.#socket;
    if (socket) {
      this.#closed(socket);
      socket.close(1000, 'client stopped');
    }
    this.#setState({ status: 'offline', reason: 'stopped' });
  }

  /** Sends a message; resolves with the server's id and time once it is stored (one tick). */
  async send(chatId: string, messageId: string, content: OutgoingContent): Promise<SendResult> {
    const result = await this.request({ type: 'send', chatId, messageId, content });
    if (!result || !('messageId' in result))
      throw ApiError.invalidResponse(0, new Error('ok without a send result'));
    return result;
  }

  async edit(chatId: string, messageId: string, content: EditedContent): Promise<void> {
    await this.request({ type: 'edit', chatId, messageId, content });
  }

  async delete(chatId: string, messageId: string, forEveryone: boolean): Promise<void> {
    await this.request({ type: 'delete', chatId, messageId, forEveryone });
  }

  async react(chatId: string, messageId: string, emoji: string | null): Promise<void> {
    await this.request({ type: 'react', chatId, messageId, emoji });
  }

  async read(chatId: string, upToMessageId: string): Promise<void> {
    await this.request({ type: 'read', chatId, upToMessageId });
  }

  async typing(chatId: string, state: 'typing' | 'recording' | 'stopped'): Promise<void> {
    await this.request({ type: 'typing', chatId, state });
  }

  /**
   * Sends one client frame and resolves with its `ok` data. Rejects with an ApiError: the
   * server's code for an `error` frame, NETWORK when not connected or when no answer comes.
   */
  request(frame: ClientRequest): Promise<OkData> {
    const socket = this.#socket;
    if (!socket || !this.#helloDone) {
      return Promise.reject(new ApiError('NETWORK', 0, 'Not connected to the server'));
    }
    return this.#send(socket, frame, this.#timing.requestTimeoutMs);
  }

  #open(): void {
    if (!this.#running) return;
    const { url, token } = this.#options;
    let socket: WebSocket;
    try {
      socket = new this.#WebSocket(
        `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`,
      );
    } catch (error) {
      this.#logger.warn({ error }, 'gateway socket could not be created');
      this.#scheduleReconnect();
      return;
    }
    this.#socket = socket;
    this.#helloDone = false;
    this.#signedOutReason = null;
    socket.onmessage = (event: MessageEvent) => this.#onFrame(socket, event.data);
    socket.onclose = (event: CloseEvent) => this.#onClose(socket, event.code);
    // An error is always followed by close, which does the work.
    socket.onerror = () => {};
    this.#timers.set('handshake', this.#timing.requestTimeoutMs, () =>
      this.#abandon(socket, 'handshake timed out'),
    );
  }

  #onFrame(socket: WebSocket, data: unknown): void {
    if (socket !== this.#socket) return;
    const frame = parseServerFrame(data);
    if (frame === null) {
      this.#logger.warn({}, 'gateway frame not understood, ignored');
      return;
    }
    switch (frame.type) {
      case 'ready':
        void this.#onReady(socket, { userId: frame.userId, deviceId: frame.deviceId });
        return;
      case 'ok':
        if (frame.id === this.#hello?.id) this.#onHelloAnswer(socket, null);
        else this.#pending.resolve(frame.id, frame.data);
        return;
      case 'error': {
        if (frame.id !== undefined && frame.id === this.#hello?.id) {
          this.#onHelloAnswer(socket, `${frame.code}: ${frame.message}`);
          return;
        }
        const error = ApiError.of(frame.code, frame.message);
        if (frame.id !== undefined) this.#pending.reject(frame.id, error);
        else this.#logger.warn({ code: frame.code }, `gateway error: ${frame.message}`);
        return;
      }
      case 'event':
        this.#inbox.push({ seq: frame.seq, event: frame.event });
        return;
      case 'caught-up':
        this.#inbox.caughtUp(socket);
        return;
      case 'typing':
        this.#events.emit('typing', { chatId: frame.chatId, userId: frame.userId, state: frame.state });
        return;
      case 'presence':
        this.#events.emit('presence', frame.presence);
        return;
      case 'call-incoming':
        this.#events.emit('call-incoming', frame.call);
        return;
      case 'call-updated':
        this.#events.emit('call-updated', frame.call);
        return;
      case 'call-signal':
        this.#events.emit('call-signal', { callId: frame.callId, signal: frame.signal });
        return;
      case 'signed-out':
        this.#signedOutReason = frame.reason;
        return;
    }
  }

  async #onReady(socket: WebSocket, identity: DeviceIdentity): Promise<void> {
    this.#events.emit('ready', identity);
    let lastSeq: number;
    try {
      lastSeq = await this.#options.sink.resume(identity);
    } catch (error) {
      this.#logger.warn({ error }, 'the store could not say where to resume');
      this.#abandon(socket, 'store failed');
      return;
    }
    if (socket !== this.#socket) return;
    this.#inbox.resume(lastSeq);
    this.#hello = { id: this.#nextFrameId(), lastSeq };
    try {
      socket.send(JSON.stringify({ type: 'hello', id: this.#hello.id, lastSeq }));
    } catch {
      this.#abandon(socket, 'hello not sent');
    }
  }

  /**
   * The answer to hello is handled as it arrives, not after a promise turn: the server sends
   * `caught-up` right behind it, often in the same network read.
   */
  #onHelloAnswer(socket: WebSocket, refused: string | null): void {
    const lastSeq = this.#hello?.lastSeq;
    this.#hello = null;
    if (refused !== null) {
      this.#logger.warn({ reason: refused }, 'gateway refused hello');
      this.#abandon(socket, 'hello refused');
      return;
    }
    this.#timers.clear('handshake');
    this.#helloDone = true;
    this.#logger.info({ lastSeq }, 'gateway connected');
    this.#setState({ status: 'connected' });
    this.#schedulePing(socket);
  }

  #onCaughtUp(socket: WebSocket): void {
    if (socket !== this.#socket || !this.#helloDone) return;
    this.#inbox.flushAck();
    this.#attempt = 0;
    this.#setState({ status: 'caught-up' });
  }

  #sendAck(seq: number): boolean {
    const socket = this.#socket;
    if (!socket || !this.#helloDone) return false;
    this.#send(socket, { type: 'ack', seq }, this.#timing.requestTimeoutMs).catch((error: unknown) => {
      // A lost ack costs only a resend: the next ack or hello covers it (acks are cumulative).
      this.#logger.debug({ error, seq }, 'ack not answered');
    });
    return true;
  }

  #schedulePing(socket: WebSocket): void {
    this.#timers.set('ping', this.#timing.pingIntervalMs, async () => {
      try {
        await this.#send(socket, { type: 'ping' }, this.#timing.pingTimeoutMs);
        if (socket === this.#socket) this.#schedulePing(socket);
      } catch {
        // A half-open TCP connection never reports close: an unanswered ping is the only sign.
        this.#abandon(socket, 'heartbeat not answered');
      }
    });
  }

  #send(socket: WebSocket, frame: ClientRequest, timeoutMs: number): Promise<OkData> {
    const id = this.#nextFrameId();
    const answer = this.#pending.add(id, timeoutMs);
    try {
      socket.send(JSON.stringify({ ...frame, id }));
    } catch (cause) {
      this.#pending.reject(id, ApiError.network(cause));
    }
    return answer;
  }

  #nextFrameId(): string {
    this.#frameCount += 1;
    return `c${this.#frameCount}`;
  }

  /** Gives up on a connection that is open but useless, without waiting for its close handshake. */
  #abandon(socket: WebSocket, reason: string): void {
    if (socket !== this.#socket) return;
    this.#logger.info({ reason }, 'gateway connection abandoned');
    this.#closed(socket);
    socket.close(abandonedCloseCode, reason);
    if (this.#running) this.#scheduleReconnect();
  }

  #onClose(socket: WebSocket, code: number): void {
    if (socket !== this.#socket) return;
    this.#closed(socket);
    if (code === signedOutCloseCode) {
      this.#running = false;
      this.#unsubscribeNetwork?.();
      this.#logger.info({}, 'gateway: this device was signed out');
      this.#setState({
        status: 'signed-out',
        reason: this.#signedOutReason ?? 'This device was signed out.',
      });
      return;
    }
    this.#logger.info({ code }, 'gateway disconnected');
    if (this.#running) this.#scheduleReconnect();
  }

  /** Forgets a socket: its timers, its unanswered frames, its place as the current connection. */
  #closed(socket: WebSocket): void {
    if (socket !== this.#socket) return;
    this.#socket = null;
    this.#helloDone = false;
    this.#hello = null;
    this.#timers.clear('handshake');
    this.#timers.clear('ping');
    this.#inbox.cancelAck();
    this.#pending.rejectAll(new ApiError('NETWORK', 0, 'The connection to the server was lost'));
  }

  #scheduleReconnect(): void {
    this.#timers.clear('retry');
    this.#attempt += 1;
    if (!this.#network.isOnline()) {
      this.#setState({ status: 'offline', reason: 'no-network' });
      return;
    }
    const delay = backoffDelay(this.#attempt, this.#random, this.#timing.backoff);
    this.#setState({ status: 'reconnecting', attempt: this.#attempt, retryAt: this.#clock.now() + delay });
    this.#timers.set('retry', delay, () => this.#open());
  }

  #onNetworkBack(): void {
    if (!this.#running || this.#socket) return;
    this.#timers.clear('retry');
    this.#attempt = 0;
    this.#setState({ status: 'connecting' });
    this.#open();
  }

  #setState(state: ConnectionState): void {
    this.#state = state;
    this.#events.emit('state', state);
  }
}
