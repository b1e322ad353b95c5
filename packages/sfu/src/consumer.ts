import type { Channel } from './channel.ts';
import { EnhancedEventEmitter } from './enhanced-event-emitter.ts';
import type { Producer } from './producer.ts';
import type { AppData, ConsumerLayers, ConsumerStats, MediaKind, ProducerType, VideoSize } from './types.ts';

export type ConsumerEvents = {
  transportclose: [];
  producerclose: [];
  producerpause: [];
  producerresume: [];
  /** The forwarded simulcast layer changed; null while waiting for a keyframe. */
  layerschange: [ConsumerLayers | null];
  listenererror: [string, unknown];
};

export type ConsumerObserverEvents = {
  close: [];
  pause: [];
  resume: [];
  layerschange: [ConsumerLayers | null];
  /** Pushed every `statsIntervalMs` of the worker. */
  stats: [ConsumerStats];
};

export interface ConsumerOptions<TAppData extends AppData = AppData> {
  producerId: string;
  /** Start paused; `resume()` once the subscriber is ready to show it. */
  paused?: boolean;
  /** Caps the spatial layer (0 = lowest); the bandwidth may still choose a lower one. */
  preferredLayers?: ConsumerLayers;
  /** The size of the tile showing this video, in device pixels: the lowest layer that covers it is enough. */
  tileSize?: VideoSize;
  appData?: TAppData;
}

/** Parent-side hooks a consumer's owners give it. */
export interface ConsumerInternal {
  channel: Channel;
  onClose: (consumer: Consumer) => void;
}

/** One producer's track forwarded to one subscriber on its subscribe transport. */
export class Consumer<TAppData extends AppData = AppData> extends EnhancedEventEmitter<ConsumerEvents> {
  readonly id: string;
  readonly producerId: string;
  readonly kind: MediaKind;
  readonly type: ProducerType;
  readonly appData: TAppData;
  readonly observer = new EnhancedEventEmitter<ConsumerObserverEvents>();
  readonly #internal: ConsumerInternal;
  readonly #producer: Producer;
  #mid: string | undefined;
  #closed = false;
  #paused: boolean;
  #producerPaused: boolean;
  #currentLayers: ConsumerLayers | null = null;
  #preferredLayers: ConsumerLayers | undefined;
  #tileSize: VideoSize | undefined;

  constructor(options: {
    id: string;
    producer: Producer;
    type: ProducerType;
    mid: string | undefined;
    paused: boolean;
    preferredLayers?: ConsumerLayers;
    tileSize?: VideoSize;
    appData: TAppData;
    internal: ConsumerInternal;
  }) {
    super();
    this.id = options.id;
    this.#producer = options.producer;
    this.producerId = options.producer.id;
    this.kind = options.producer.kind;
    this.type = options.type;
    this.#mid = options.mid;
    this.#paused = options.paused;
    this.#producerPaused = options.producer.paused;
    this.#preferredLayers = options.preferredLayers;
    this.#tileSize = options.tileSize;
    this.appData = options.appData;
    this.#internal = options.internal;
    this.#producer.addConsumer(this);
    this.#internal.channel.subscribe(this.id, (event, data) => {
      if (event === 'consumer.layerschange') {
        this.#currentLayers = (data as { layers: ConsumerLayers | null }).layers;
        this.safeEmit('layerschange', this.#currentLayers);
        this.observer.safeEmit('layerschange', this.#currentLayers);
      } else if (event === 'stats') {
        this.observer.safeEmit('stats', data as ConsumerStats);
      }
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** The subscribe connection's m-section carrying this consumer; known after the offer that has it. */
  get mid(): string | undefined {
    return this.#mid;
  }

  get paused(): boolean {
    return this.#paused;
  }

  get producerPaused(): boolean {
    return this.#producerPaused;
  }

  /** The simulcast layer being forwarded, or null (audio, or waiting for a keyframe). */
  get currentLayers(): ConsumerLayers | null {
    return this.#currentLayers;
  }

  get preferredLayers(): ConsumerLayers | undefined {
    return this.#preferredLayers;
  }

  get tileSize(): VideoSize | undefined {
    return this.#tileSize;
  }

  /** Stops forwarding and frees the m-section for the next consumer. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#internal.channel.request('consumer.close', { consumerId: this.id }).catch(() => {});
    this.#closeLocally();
  }

  async pause(): Promise<void> {
    if (this.#closed) return;
    const wasPaused = this.#paused;
    await this.#internal.channel.request('consumer.pause', { consumerId: this.id });
    this.#paused = true;
    if (!wasPaused) this.observer.safeEmit('pause');
  }

  /** Resumes forwarding, starting with a fresh keyframe. */
  async resume(): Promise<void> {
    if (this.#closed) return;
    const wasPaused = this.#paused;
    await this.#internal.channel.request('consumer.resume', { consumerId: this.id });
    this.#paused = false;
    if (wasPaused) this.observer.safeEmit('resume');
  }

  /** Caps the spatial layer (null removes the cap). Takes effect at the next keyframe of the new layer. */
  async setPreferredLayers(layers: ConsumerLayers | null): Promise<void> {
    if (this.#closed) return;
    await this.#internal.channel.request('consumer.setPreferredLayers', {
      consumerId: this.id,
      preferredLayers: layers,
    });
    this.#preferredLayers = layers ?? undefined;
  }

  /** The tile showing this video changed size (null: unknown, take the highest layer). */
  async setTileSize(size: VideoSize | null): Promise<void> {
    if (this.#closed) return;
    await this.#internal.channel.request('consumer.setTileSize', { consumerId: this.id, tileSize: size });
    this.#tileSize = size ?? undefined;
  }

  async requestKeyFrame(): Promise<void> {
    if (this.#closed) return;
    await this.#internal.channel.request('consumer.requestKeyFrame', { consumerId: this.id });
  }

  getStats(): Promise<ConsumerStats> {
    return this.#internal.channel.request('consumer.getStats', { consumerId: this.id });
  }

  /** @internal */
  setMid(mid: string): void {
    this.#mid = mid;
  }

  /** @internal */
  transportClosed(): void {
    if (this.#closed) return;
    this.#closeLocally();
    this.safeEmit('transportclose');
  }

  /** @internal */
  producerClosed(): void {
    if (this.#closed) return;
    this.#closeLocally();
    this.safeEmit('producerclose');
  }

  /** @internal */
  handleProducerPause(): void {
    if (this.#closed || this.#producerPaused) return;
    this.#producerPaused = true;
    this.safeEmit('producerpause');
  }

  /** @internal */
  handleProducerResume(): void {
    if (this.#closed || !this.#producerPaused) return;
    this.#producerPaused = false;
    this.safeEmit('producerresume');
  }

  #closeLocally(): void {
    this.#closed = true;
    this.#internal.channel.unsubscribe(this.id);
    this.#producer.removeConsumer(this);
    this.#internal.onClose(this);
    this.observer.safeEmit('close');
  }
}
