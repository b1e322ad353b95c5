export interface SpeechDetectorOptions {
  /** A sample at least this loud (dBFS) is voice while nobody speaks. */
  startDb: number;
  /**
   * While speaking, a sample down to this level still counts as voice: softer syllables and the
   * ends of words do not cut the speech into pieces.
   */
  holdDb: number;
  /** Voice for this long within `windowMs` is speech; a cough or a door is shorter. */
  minSpeechMs: number;
  windowMs: number;
  /**
   * A sample stands for the time since the one before, up to this long: a timer throttled in a
   * background tab must not turn one loud sample into seconds of speech.
   */
  maxSampleMs: number;
}

/**
 * For a microphone with the browser's own noise suppression and gain control on, where a quiet
 * room stays below -55 dBFS and speech at arm's length is around -35 to -20.
 */
export const defaultSpeechDetection: SpeechDetectorOptions = {
  startDb: -40,
  holdDb: -50,
  minSpeechMs: 300,
  windowMs: 1_000,
  maxSampleMs: 200,
};

/** Sample levels in dBFS from an RMS amplitude (0..1); silence is -Infinity. */
export function rmsToDbfs(rms: number): number {
  return rms > 0 ? 20 * Math.log10(rms) : Number.NEGATIVE_INFINITY;
}

interface Sample {
  at: number;
  /** How much of the time since the sample before was voice: all of it or none. */
  voiceMs: number;
}

/**
 * Decides from a microphone's level, sampled every ~100 ms, whether someone is speaking: speech
 * starts with `minSpeechMs` of voice within the last `windowMs`, and ends after a whole window
 * without any. The time between two samples is voice only when both are loud: one loud sample
 * is a click, a knock or a beep (Chromium's fake microphone beeps twice a second), and typing
 * is many of them. Pure: the caller samples and says when.
 */
export class SpeechDetector {
  readonly #options: SpeechDetectorOptions;
  #samples: Sample[] = [];
  #lastAt: number | null = null;
  #lastVoice = false;
  #speaking = false;

  constructor(options: Partial<SpeechDetectorOptions> = {}) {
    this.#options = { ...defaultSpeechDetection, ...options };
  }

  get speaking(): boolean {
    return this.#speaking;
  }

  /** Takes the level (dBFS) measured at `at` (ms); returns whether someone is speaking now. */
  sample(levelDb: number, at: number): boolean {
    const { startDb, holdDb, minSpeechMs, windowMs, maxSampleMs } = this.#options;
    const covered = this.#lastAt === null ? 0 : Math.min(Math.max(0, at - this.#lastAt), maxSampleMs);
    this.#lastAt = at;
    const voice = levelDb >= (this.#speaking ? holdDb : startDb);
    this.#samples.push({ at, voiceMs: voice && this.#lastVoice ? covered : 0 });
    this.#lastVoice = voice;
    this.#samples = this.#samples.filter((sample) => sample.at > at - windowMs);
    const voiceMs = this.#samples.reduce((sum, sample) => sum + sample.voiceMs, 0);
    this.#speaking = this.#speaking ? voiceMs > 0 : voiceMs >= minSpeechMs;
    return this.#speaking;
  }

  /** Forgets what it heard: the next sample starts afresh. */
  reset(): void {
    this.#samples = [];
    this.#lastAt = null;
    this.#lastVoice = false;
    this.#speaking = false;
  }
}
