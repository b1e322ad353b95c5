import type { Channel } from './channel.ts';
import type { Consumer } from './consumer.ts';
import { EnhancedEventEmitter } from './enhanced-event-emitter.ts';
import type { AppData, MediaKind, ProducerStats, ProducerType } from './types.ts';

export type ProducerEvents = {
  transportclose: [];
  listenererror: [string, unknown];
};

export type ProducerObserverEvents = {
  close: [];
  pause: [];
  resume: [];
  /** Pushed every `statsIntervalMs` of the worker. */
  stats: [ProducerStats];
};

export interface ProducerOptions<TAppData extends AppData = AppData> {
  /** The m-section of the publish transport's last applied offer that carries this track. */
  mid: string;
  kind: MediaKind;
  /** Start paused (nothing is forwarded until `resume()`). */
  paused?: boolean;
  appData?: TAppData;
}

/** Parent-side hooks a producer's owners give it. */
export interface ProducerInternal {
  channel: Channel;
  onClose: (producer: Producer) => void;
}

/**
 * A track a participant publishes on its publish transport: audio, or video with one layer or up to
 * three simulcast layers (`rids`, lowest first).
 */
export class Producer<TAppData extends AppData = AppData> extends EnhancedEventEmitter<ProducerEvents> {
  readonly id: string;
  readonly kind: MediaKind;
  readonly type: ProducerType;
  readonly mid: string;
  readonly rids: string[];
  readonly appData: TAppData;
  readonly observer = new EnhancedEventEmitter<ProducerObserverEvents>();
  readonly #internal: ProducerInternal;
  /** Consumers of this producer on any transport of the router. */
  readonly #consumers = new Set<Consumer>();
  #closed = false;
  #paused: boolean;

  constructor(options: {
    id: string;
    kind: MediaKind;
    type: ProducerType;
    mid: string;
    rids: string[];
    paused: boolean;
    appData: TAppData;
    internal: ProducerInternal;
  }) {
    super();
    this.id = options.id;
    this.kind = options.kind;
    this.type = options.type;
    this.mid = options.mid;
    this.rids = options.rids;
    this.#paused = options.paused;
    this.appData = options.appData;
    this.#internal = options.internal;
    this.#internal.channel.subscribe(this.id, (event, data) => {
      if (event === 'stats') this.observer.safeEmit('stats', data as ProducerStats);
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  get paused(): boolean {
    return this.#paused;
  }

  /** Closes the producer and its consumers (they emit `producerclose`). Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#internal.channel.request('producer.close', { producerId: this.id }).catch(() => {});
    this.#closeLocally();
  }

  async pause(): Promise<void> {
    if (this.#closed) return;
    const wasPaused = this.#paused;
    await this.#internal.channel.request('producer.pause', { producerId: this.id });
    this.#paused = true;
    if (wasPaused) return;
    this.observer.safeEmit('pause');
    for (const consumer of this.#consumers) consumer.handleProducerPause();
  }

  async resume(): Promise<void> {
    if (this.#closed) return;
    const wasPaused = this.#paused;
    await this.#internal.channel.request('producer.resume', { producerId: this.id });
    this.#paused = false;
    if (!wasPaused) return;
    this.observer.safeEmit('resume');
    for (const consumer of this.#consumers) consumer.handleProducerResume();
  }

  getStats(): Promise<ProducerStats> {
    return this.#internal.channel.request('producer.getStats', { producerId: this.id });
  }

  /** @internal */
  addConsumer(consumer: Consumer): void {
    this.#consumers.add(consumer);
  }

  /** @internal */
  removeConsumer(consumer: Consumer): void {
    this.#consumers.delete(consumer);
  }

  /** @internal The transport closed (itself, its router or its worker). */
  transportClosed(): void {
    if (this.#closed) return;
    this.#closeLocally();
    this.safeEmit('transportclose');
  }

  #closeLocally(): void {
    this.#closed = true;
    this.#internal.channel.unsubscribe(this.id);
    this.#internal.onClose(this);
    for (const consumer of [...this.#consumers]) consumer.producerClosed();
    this.#consumers.clear();
    this.observer.safeEmit('close');
  }
}
