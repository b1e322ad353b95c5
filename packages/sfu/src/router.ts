import { randomUUID } from 'node:crypto';
import { ActiveSpeakerObserver, type ActiveSpeakerObserverOptions } from './active-speaker-observer.ts';
import { AudioLevelObserver, type AudioLevelObserverOptions } from './audio-level-observer.ts';
import type { Channel } from './channel.ts';
import { EnhancedEventEmitter } from './enhanced-event-emitter.ts';
import { InvalidStateError } from './errors.ts';
import type { Producer } from './producer.ts';
import type { AudioObserverSettings } from './protocol.ts';
import type { RtpObserver } from './rtp-observer.ts';
import type { AppData, RtpCodecCapability } from './types.ts';
import { defaultListenIps, WebRtcTransport, type WebRtcTransportOptions } from './webrtc-transport.ts';

export type RouterEvents = {
  /** The worker closed or died; the meeting should reconnect its participants elsewhere. */
  workerclose: [];
  listenererror: [string, unknown];
};

export type RouterObserverEvents = {
  close: [];
  newtransport: [WebRtcTransport];
  newrtpobserver: [RtpObserver];
};

export interface RouterOptions<TAppData extends AppData = AppData> {
  /** Opus (in-band FEC and DTX on) and VP8 by default. */
  mediaCodecs?: RtpCodecCapability[];
  appData?: TAppData;
}

/** Parent-side hooks a router's worker gives it. */
export interface RouterInternal {
  channel: Channel;
  onClose: (router: Router) => void;
}

/** One meeting's media: its participants' transports, their producers and consumers, its audio observers. */
export class Router<TAppData extends AppData = AppData> extends EnhancedEventEmitter<RouterEvents> {
  readonly id: string;
  readonly mediaCodecs: RtpCodecCapability[];
  readonly appData: TAppData;
  readonly observer = new EnhancedEventEmitter<RouterObserverEvents>();
  readonly #internal: RouterInternal;
  readonly #transports = new Map<string, WebRtcTransport>();
  readonly #producers = new Map<string, Producer>();
  readonly #rtpObservers = new Map<string, RtpObserver>();
  #closed = false;

  constructor(options: {
    id: string;
    mediaCodecs: RtpCodecCapability[];
    appData: TAppData;
    internal: RouterInternal;
  }) {
    super();
    this.id = options.id;
    this.mediaCodecs = options.mediaCodecs;
    this.appData = options.appData;
    this.#internal = options.internal;
  }

  get closed(): boolean {
    return this.#closed;
  }

  get transports(): ReadonlyMap<string, WebRtcTransport> {
    return this.#transports;
  }

  /** Every producer of every transport of this router. */
  get producers(): ReadonlyMap<string, Producer> {
    return this.#producers;
  }

  async createWebRtcTransport<T extends AppData = AppData>(
    options: WebRtcTransportOptions<T>,
  ): Promise<WebRtcTransport<T>> {
    this.#assertOpen();
    if (options.enableUdp === false) throw new TypeError('only UDP transports are supported');
    const id = randomUUID();
    await this.#internal.channel.request('router.createWebRtcTransport', {
      routerId: this.id,
      transportId: id,
      settings: {
        role: options.role,
        listenIps: options.listenIps ?? defaultListenIps,
        enableTransportCc: options.enableTransportCc ?? true,
      },
    });
    const transport = new WebRtcTransport<T>({
      id,
      role: options.role,
      iceServers: options.iceServers ?? [],
      appData: options.appData ?? ({} as T),
      internal: {
        channel: this.#internal.channel,
        getProducer: (producerId) => this.#producers.get(producerId),
        onNewProducer: (producer) => this.#producers.set(producer.id, producer),
        onProducerClose: (producer) => this.#producers.delete(producer.id),
        onClose: (closed) => this.#transports.delete(closed.id),
      },
    });
    if (this.#closed) {
      transport.routerClosed();
      throw new InvalidStateError('router closed');
    }
    this.#transports.set(id, transport as WebRtcTransport);
    this.observer.safeEmit('newtransport', transport as WebRtcTransport);
    return transport;
  }

  createAudioLevelObserver<T extends AppData = AppData>(
    options: AudioLevelObserverOptions<T> = {},
  ): Promise<AudioLevelObserver<T>> {
    return this.#createAudioObserver(
      {
        type: 'audiolevel',
        interval: options.interval ?? 1000,
        threshold: options.threshold ?? -80,
        maxEntries: options.maxEntries ?? 1,
      },
      (id, internal) => new AudioLevelObserver<T>({ id, appData: options.appData ?? ({} as T), internal }),
    );
  }

  createActiveSpeakerObserver<T extends AppData = AppData>(
    options: ActiveSpeakerObserverOptions<T> = {},
  ): Promise<ActiveSpeakerObserver<T>> {
    return this.#createAudioObserver(
      {
        type: 'activespeaker',
        interval: options.interval ?? 300,
        threshold: options.threshold ?? -70,
        maxEntries: 1,
      },
      (id, internal) => new ActiveSpeakerObserver<T>({ id, appData: options.appData ?? ({} as T), internal }),
    );
  }

  /** Whether a transport of this router can consume the producer (it is open and belongs here). */
  canConsume({ producerId }: { producerId: string }): boolean {
    const producer = this.#producers.get(producerId);
    return !this.#closed && producer !== undefined && !producer.closed;
  }

  /** Closes every transport (their producers and consumers) and observer. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#internal.channel.request('router.close', { routerId: this.id }).catch(() => {});
    this.#closeLocally();
  }

  /** @internal The worker closed or died. */
  workerClosed(): void {
    if (this.#closed) return;
    this.#closeLocally();
    this.safeEmit('workerclose');
  }

  async #createAudioObserver<O extends RtpObserver>(
    settings: AudioObserverSettings,
    create: (id: string, internal: ConstructorParameters<typeof AudioLevelObserver>[0]['internal']) => O,
  ): Promise<O> {
    this.#assertOpen();
    const id = randomUUID();
    await this.#internal.channel.request('router.createAudioObserver', {
      routerId: this.id,
      observerId: id,
      settings,
    });
    const observer = create(id, {
      channel: this.#internal.channel,
      getProducer: (producerId) => this.#producers.get(producerId),
      onClose: (closed) => this.#rtpObservers.delete(closed.id),
    });
    if (this.#closed) {
      observer.routerClosed();
      throw new InvalidStateError('router closed');
    }
    this.#rtpObservers.set(id, observer);
    this.observer.safeEmit('newrtpobserver', observer);
    return observer;
  }

  #closeLocally(): void {
    this.#closed = true;
    for (const transport of [...this.#transports.values()]) transport.routerClosed();
    for (const observer of [...this.#rtpObservers.values()]) observer.routerClosed();
    this.#internal.onClose(this);
    this.observer.safeEmit('close');
  }

  #assertOpen(): void {
    if (this.#closed) throw new InvalidStateError('router closed');
  }
}
