import type { Channel } from './channel.ts';
import { EnhancedEventEmitter, type Events } from './enhanced-event-emitter.ts';
import type { Producer } from './producer.ts';
import type { AppData } from './types.ts';

export type RtpObserverObserverEvents = {
  close: [];
  pause: [];
  resume: [];
  addproducer: [Producer];
  removeproducer: [Producer];
};

/** Parent-side hooks an observer's router gives it. */
export interface RtpObserverInternal {
  channel: Channel;
  getProducer: (producerId: string) => Producer | undefined;
  onClose: (observer: RtpObserver) => void;
}

/** Watches the audio of some producers of a router (base of AudioLevelObserver and ActiveSpeakerObserver). */
export abstract class RtpObserver<
  E extends Events = Events,
  TAppData extends AppData = AppData,
> extends EnhancedEventEmitter<E & { routerclose: []; listenererror: [string, unknown] }> {
  readonly id: string;
  readonly appData: TAppData;
  readonly observer = new EnhancedEventEmitter<RtpObserverObserverEvents>();
  protected readonly internal: RtpObserverInternal;
  #closed = false;
  #paused = false;

  constructor(options: { id: string; appData: TAppData; internal: RtpObserverInternal }) {
    super();
    this.id = options.id;
    this.appData = options.appData;
    this.internal = options.internal;
    this.internal.channel.subscribe(this.id, (event, data) => this.onNotification(event, data));
  }

  get closed(): boolean {
    return this.#closed;
  }

  get paused(): boolean {
    return this.#paused;
  }

  close(): void {
    if (this.#closed) return;
    this.internal.channel.request('audioObserver.close', { observerId: this.id }).catch(() => {});
    this.#closeLocally();
  }

  async pause(): Promise<void> {
    if (this.#closed || this.#paused) return;
    await this.internal.channel.request('audioObserver.pause', { observerId: this.id });
    this.#paused = true;
    this.observer.safeEmit('pause');
  }

  async resume(): Promise<void> {
    if (this.#closed || !this.#paused) return;
    await this.internal.channel.request('audioObserver.resume', { observerId: this.id });
    this.#paused = false;
    this.observer.safeEmit('resume');
  }

  async addProducer({ producerId }: { producerId: string }): Promise<void> {
    const producer = this.internal.getProducer(producerId);
    if (!producer) throw new TypeError(`no producer ${producerId} in this router`);
    await this.internal.channel.request('audioObserver.addProducer', { observerId: this.id, producerId });
    this.observer.safeEmit('addproducer', producer);
  }

  async removeProducer({ producerId }: { producerId: string }): Promise<void> {
    const producer = this.internal.getProducer(producerId);
    await this.internal.channel.request('audioObserver.removeProducer', { observerId: this.id, producerId });
    if (producer) this.observer.safeEmit('removeproducer', producer);
  }

  /** @internal */
  routerClosed(): void {
    if (this.#closed) return;
    this.#closeLocally();
    (this as RtpObserver).safeEmit('routerclose');
  }

  protected abstract onNotification(event: string, data: unknown): void;

  #closeLocally(): void {
    this.#closed = true;
    this.internal.channel.unsubscribe(this.id);
    this.internal.onClose(this as RtpObserver);
    this.observer.safeEmit('close');
  }
}
