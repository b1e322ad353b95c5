import { randomUUID } from 'node:crypto';
import type { Channel } from './channel.ts';
import { Consumer, type ConsumerOptions } from './consumer.ts';
import { EnhancedEventEmitter } from './enhanced-event-emitter.ts';
import { InvalidStateError, UnsupportedError } from './errors.ts';
import { Producer, type ProducerOptions } from './producer.ts';
import type {
  AppData,
  IceServer,
  SessionDescription,
  TransportConnectionState,
  TransportListenIp,
  TransportRole,
  TransportStats,
} from './types.ts';

export type WebRtcTransportEvents = {
  routerclose: [];
  connectionstatechange: [TransportConnectionState];
  /** Subscribe transports: consumers wait for m-sections the subscriber has not seen; call `createOffer()`. */
  negotiationneeded: [];
  listenererror: [string, unknown];
};

export type WebRtcTransportObserverEvents = {
  close: [];
  newproducer: [Producer];
  newconsumer: [Consumer];
  connectionstatechange: [TransportConnectionState];
};

export interface WebRtcTransportOptions<TAppData extends AppData = AppData> {
  /** 'publish': the browser offers and sends; 'subscribe': the server offers and sends. */
  role: TransportRole;
  /** Defaults to `[{ ip: '0.0.0.0' }]` (every host address). */
  listenIps?: TransportListenIp[];
  /** Only UDP is supported (the default); false is refused. */
  enableUdp?: boolean;
  /**
   * Publish transports: negotiate transport-cc for video so the browser's uplink estimate (and with
   * it the simulcast layers it sends) ramps up quickly. Default true. Subscribe transports use REMB.
   */
  enableTransportCc?: boolean;
  /** STUN/TURN servers for the browser's side of this connection; the SFU only hands them on. */
  iceServers?: IceServer[];
  appData?: TAppData;
}

/** Parent-side hooks a transport's router gives it. */
export interface WebRtcTransportInternal {
  channel: Channel;
  getProducer: (producerId: string) => Producer | undefined;
  onNewProducer: (producer: Producer) => void;
  onProducerClose: (producer: Producer) => void;
  onClose: (transport: WebRtcTransport) => void;
}

/**
 * One of a participant's two peer connections with the SFU (Parley's two-PC model).
 *
 * Publish: `handleOffer(browserOffer)` returns the answer (again for every renegotiation), then
 * `produce({ mid, kind })` for each m-section the browser says carries a track.
 *
 * Subscribe: `consume({ producerId })` for each track to forward, then, when `negotiationNeeded`
 * (or on `negotiationneeded`), `createOffer()`, send the offer and each consumer's `mid` to the
 * browser, and `handleAnswer(answer)`. A closed consumer's m-section is reused by the
 * next consumer of the same kind without renegotiation. `createOffer({ iceRestart: true })` restarts ICE.
 */
export class WebRtcTransport<
  TAppData extends AppData = AppData,
> extends EnhancedEventEmitter<WebRtcTransportEvents> {
  readonly id: string;
  readonly role: TransportRole;
  readonly iceServers: IceServer[];
  readonly appData: TAppData;
  readonly observer = new EnhancedEventEmitter<WebRtcTransportObserverEvents>();
  readonly #internal: WebRtcTransportInternal;
  readonly #producers = new Map<string, Producer>();
  readonly #consumers = new Map<string, Consumer>();
  #closed = false;
  #connectionState: TransportConnectionState = 'new';
  #negotiationNeeded = false;

  constructor(options: {
    id: string;
    role: TransportRole;
    iceServers: IceServer[];
    appData: TAppData;
    internal: WebRtcTransportInternal;
  }) {
    super();
    this.id = options.id;
    this.role = options.role;
    this.iceServers = options.iceServers;
    this.appData = options.appData;
    this.#internal = options.internal;
    this.#internal.channel.subscribe(this.id, (event, data) => {
      if (event === 'transport.connectionstatechange') {
        this.#connectionState = (data as { state: TransportConnectionState }).state;
        this.safeEmit('connectionstatechange', this.#connectionState);
        this.observer.safeEmit('connectionstatechange', this.#connectionState);
      } else if (event === 'transport.negotiationneeded') {
        this.#negotiationNeeded = true;
        this.safeEmit('negotiationneeded');
      }
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  get connectionState(): TransportConnectionState {
    return this.#connectionState;
  }

  /** Subscribe: some consumer waits for an m-section the subscriber has not been offered yet. */
  get negotiationNeeded(): boolean {
    return this.#negotiationNeeded;
  }

  get producers(): ReadonlyMap<string, Producer> {
    return this.#producers;
  }

  get consumers(): ReadonlyMap<string, Consumer> {
    return this.#consumers;
  }

  /** Publish: applies the browser's offer (first or renegotiated) and returns the SFU's answer. */
  async handleOffer(sdp: string): Promise<SessionDescription> {
    this.#assert('publish', 'handleOffer');
    return this.#internal.channel.request('transport.handleOffer', { transportId: this.id, sdp });
  }

  /** Publish: the track on m-section `mid` of the applied offer becomes a producer of the router. */
  async produce<P extends AppData = AppData>(options: ProducerOptions<P>): Promise<Producer<P>> {
    this.#assert('publish', 'produce');
    const id = randomUUID();
    const paused = options.paused ?? false;
    const summary = await this.#internal.channel.request('transport.produce', {
      transportId: this.id,
      producerId: id,
      mid: options.mid,
      kind: options.kind,
      paused,
    });
    const producer = new Producer<P>({
      id,
      kind: summary.kind,
      type: summary.type,
      mid: options.mid,
      rids: summary.rids,
      paused,
      appData: options.appData ?? ({} as P),
      internal: {
        channel: this.#internal.channel,
        onClose: (closed) => {
          this.#producers.delete(closed.id);
          this.#internal.onProducerClose(closed);
        },
      },
    });
    if (this.#closed) {
      producer.transportClosed();
      throw new InvalidStateError('transport closed');
    }
    this.#producers.set(id, producer as Producer);
    this.#internal.onNewProducer(producer as Producer);
    this.observer.safeEmit('newproducer', producer as Producer);
    return producer;
  }

  /**
   * Subscribe: forwards a producer of the router. It reuses a negotiated m-section when one is free
   * (`consumer.mid` is set and media starts with the next keyframe); otherwise `negotiationNeeded`
   * turns true and its media flows after the next `createOffer()`/`handleAnswer()`.
   */
  async consume<C extends AppData = AppData>(options: ConsumerOptions<C>): Promise<Consumer<C>> {
    this.#assert('subscribe', 'consume');
    const producer = this.#internal.getProducer(options.producerId);
    if (!producer || producer.closed) throw new TypeError(`no producer ${options.producerId} in this router`);
    const id = randomUUID();
    const paused = options.paused ?? false;
    const summary = await this.#internal.channel.request('transport.consume', {
      transportId: this.id,
      consumerId: id,
      producerId: producer.id,
      paused,
      preferredLayers: options.preferredLayers,
      tileSize: options.tileSize,
    });
    const consumer = new Consumer<C>({
      id,
      producer,
      type: summary.type,
      mid: summary.mid,
      paused,
      preferredLayers: options.preferredLayers,
      tileSize: options.tileSize,
      appData: options.appData ?? ({} as C),
      internal: {
        channel: this.#internal.channel,
        onClose: (closed) => this.#consumers.delete(closed.id),
      },
    });
    if (this.#closed || producer.closed) {
      if (producer.closed) consumer.producerClosed();
      else consumer.transportClosed();
      throw new InvalidStateError(producer.closed ? 'producer closed' : 'transport closed');
    }
    if (summary.negotiationNeeded) this.#negotiationNeeded = true;
    this.#consumers.set(id, consumer as Consumer);
    this.observer.safeEmit('newconsumer', consumer as Consumer);
    return consumer;
  }

  /** Subscribe: an offer with every consumer's m-section; assigns `consumer.mid` to new consumers. */
  async createOffer(options: { iceRestart?: boolean } = {}): Promise<SessionDescription> {
    this.#assert('subscribe', 'createOffer');
    const { mids, ...offer } = await this.#internal.channel.request('transport.createOffer', {
      transportId: this.id,
      iceRestart: options.iceRestart ?? false,
    });
    this.#negotiationNeeded = false;
    for (const [consumerId, mid] of Object.entries(mids)) this.#consumers.get(consumerId)?.setMid(mid);
    return offer;
  }

  /** Subscribe: applies the browser's answer to the last offer. */
  async handleAnswer(sdp: string): Promise<void> {
    this.#assert('subscribe', 'handleAnswer');
    await this.#internal.channel.request('transport.handleAnswer', { transportId: this.id, sdp });
  }

  /**
   * Subscribe: takes back the last offer when its answer will not come (the browser lost it or
   * could not apply it); `negotiationNeeded` turns true and the next `createOffer()` offers every
   * m-section not yet answered.
   */
  async rollbackOffer(): Promise<void> {
    this.#assert('subscribe', 'rollbackOffer');
    await this.#internal.channel.request('transport.rollbackOffer', { transportId: this.id });
    this.#negotiationNeeded = true;
  }

  getStats(): Promise<TransportStats> {
    return this.#internal.channel.request('transport.getStats', { transportId: this.id });
  }

  /** Closes the connection, its producers (and their consumers elsewhere) and its consumers. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#internal.channel.request('transport.close', { transportId: this.id }).catch(() => {});
    this.#closeLocally();
  }

  /** @internal */
  routerClosed(): void {
    if (this.#closed) return;
    this.#closeLocally();
    this.safeEmit('routerclose');
  }

  #closeLocally(): void {
    this.#closed = true;
    this.#connectionState = 'closed';
    this.#internal.channel.unsubscribe(this.id);
    for (const producer of [...this.#producers.values()]) producer.transportClosed();
    for (const consumer of [...this.#consumers.values()]) consumer.transportClosed();
    this.#internal.onClose(this);
    this.observer.safeEmit('close');
  }

  #assert(role: TransportRole, method: string): void {
    if (this.#closed) throw new InvalidStateError('transport closed');
    if (this.role !== role)
      throw new UnsupportedError(`${method}() is for ${role} transports; this one is ${this.role}`);
  }
}

export const defaultListenIps: TransportListenIp[] = [{ ip: '0.0.0.0' }];
