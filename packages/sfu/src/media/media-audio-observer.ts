import type { AudioObserverSettings } from '../protocol.ts';
import { AudioLevelMeter } from './audio-level-meter.ts';
import type { MediaProducer } from './media-producer.ts';
import type { WorkerContext } from './worker-context.ts';

/** An AudioLevelObserver or ActiveSpeakerObserver of a router: a meter evaluated on its own interval. */
export class MediaAudioObserver {
  readonly id: string;
  readonly meter: AudioLevelMeter;
  readonly #context: WorkerContext;
  readonly #onClose: () => void;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(context: WorkerContext, id: string, settings: AudioObserverSettings, onClose: () => void) {
    this.#context = context;
    this.id = id;
    this.meter = new AudioLevelMeter(settings);
    this.#onClose = onClose;
    this.resume();
  }

  addProducer(producer: MediaProducer): void {
    if (producer.kind !== 'audio') throw new TypeError('only audio producers have audio levels');
    this.meter.add(producer.id);
    producer.audioLevelMeters.add(this.meter);
  }

  removeProducer(producerId: string): void {
    this.#context.producers.get(producerId)?.audioLevelMeters.delete(this.meter);
    this.meter.remove(producerId);
  }

  pause(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  resume(): void {
    if (this.#timer || this.#closed) return;
    this.#timer = setInterval(() => this.#evaluate(), this.meter.settings.interval);
    this.#timer.unref();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.pause();
    for (const producerId of this.meter.producerIds()) this.removeProducer(producerId);
    this.#onClose();
  }

  #evaluate(): void {
    const decision = this.meter.tick();
    if (!decision) return;
    if (decision.type === 'volumes') {
      this.#context.notify(this.id, 'audioObserver.volumes', { volumes: decision.volumes });
    } else if (decision.type === 'silence') {
      this.#context.notify(this.id, 'audioObserver.silence', {});
    } else {
      this.#context.notify(this.id, 'audioObserver.dominantspeaker', { producerId: decision.producerId });
    }
  }
}
