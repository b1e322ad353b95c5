import type { Clock, TimerHandle } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { LevelMeter } from './level-meter.ts';
import { SpeechDetector, type SpeechDetectorOptions } from './speech-detector.ts';

export interface MutedSpeechOptions {
  clock: Clock;
  /** Opens a meter on a track; returns null where the browser cannot measure. */
  meter(track: MediaStreamTrack): LevelMeter | null;
  logger: Logger;
  /** Someone started speaking into the watched microphone. */
  onSpeaking(): void;
  sampleMs?: number;
  detection?: Partial<SpeechDetectorOptions>;
}

/**
 * Listens to a muted microphone for speech, so the person can be told they are not heard. Holds
 * a meter only while it has a track to watch: nothing runs while the microphone is on.
 */
export class MutedSpeech {
  readonly #options: MutedSpeechOptions;
  readonly #sampleMs: number;
  readonly #detector: SpeechDetector;
  #track: MediaStreamTrack | null = null;
  #meter: LevelMeter | null = null;
  #timer: TimerHandle | null = null;

  constructor(options: MutedSpeechOptions) {
    this.#options = options;
    this.#sampleMs = options.sampleMs ?? 100;
    this.#detector = new SpeechDetector(options.detection);
  }

  /** Listens to `track` from now on, or to nothing; the same track again changes nothing. */
  watch(track: MediaStreamTrack | null): void {
    if (track === this.#track) return;
    this.#stop();
    this.#track = track;
    if (!track) return;
    try {
      this.#meter = this.#options.meter(track);
    } catch (error) {
      // The hint is a nicety: the meeting goes on without it.
      this.#options.logger.warn({ error }, 'cannot measure the muted microphone');
    }
    if (!this.#meter) return;
    this.#options.logger.debug({}, 'listening for speech while muted');
    this.#schedule();
  }

  close(): void {
    this.watch(null);
  }

  #schedule(): void {
    this.#timer = this.#options.clock.setTimeout(() => this.#sample(), this.#sampleMs);
  }

  #sample(): void {
    const meter = this.#meter;
    if (!meter) return;
    const wasSpeaking = this.#detector.speaking;
    const speaking = this.#detector.sample(meter.level(), this.#options.clock.now());
    this.#schedule();
    if (speaking && !wasSpeaking) this.#options.onSpeaking();
  }

  #stop(): void {
    if (this.#timer !== null) this.#options.clock.clearTimeout(this.#timer);
    this.#timer = null;
    this.#meter?.close();
    this.#meter = null;
    this.#detector.reset();
  }
}
