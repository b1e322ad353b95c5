import type { AudioObserverSettings } from '../protocol.ts';

/**
 * Turns the RFC 6464 audio levels of the producers it watches into `volumes`/`silence` (audiolevel)
 * or `dominantspeaker` (activespeaker) decisions, once per interval. Levels arrive as -dBov (0 is
 * loudest, 127 silence); volumes are reported in dBov (-127..0), as mediasoup does. A DTX-silent
 * producer sends almost no packets, so a missing sample counts as silence.
 */
export class AudioLevelMeter {
  readonly settings: AudioObserverSettings;
  readonly #sums = new Map<string, { total: number; count: number }>();
  readonly #scores = new Map<string, number>();
  #silent = true;
  #dominant: string | undefined;
  #candidate: string | undefined;
  #candidateRounds = 0;

  constructor(settings: AudioObserverSettings) {
    this.settings = settings;
  }

  add(producerId: string): void {
    if (!this.#sums.has(producerId)) this.#sums.set(producerId, { total: 0, count: 0 });
  }

  remove(producerId: string): void {
    this.#sums.delete(producerId);
    this.#scores.delete(producerId);
    if (this.#candidate === producerId) this.#candidate = undefined;
    if (this.#dominant === producerId) this.#dominant = undefined;
  }

  has(producerId: string): boolean {
    return this.#sums.has(producerId);
  }

  producerIds(): string[] {
    return [...this.#sums.keys()];
  }

  /** `level` is the RFC 6464 value: 0..127, -dBov. */
  record(producerId: string, level: number): void {
    const sum = this.#sums.get(producerId);
    if (!sum) return;
    sum.total += -Math.min(127, level);
    sum.count++;
  }

  /** Evaluates the interval that just ended and starts the next one. */
  tick(): AudioLevelDecision | undefined {
    const averages = new Map<string, number>();
    for (const [producerId, sum] of this.#sums) {
      averages.set(producerId, sum.count > 0 ? sum.total / sum.count : -127);
      sum.total = 0;
      sum.count = 0;
    }
    return this.settings.type === 'audiolevel' ? this.#volumes(averages) : this.#activeSpeaker(averages);
  }

  #volumes(averages: Map<string, number>): AudioLevelDecision | undefined {
    const volumes = [...averages]
      .filter(([, volume]) => volume >= this.settings.threshold)
      .sort((a, b) => b[1] - a[1])
      .slice(0, this.settings.maxEntries)
      .map(([producerId, volume]) => ({ producerId, volume: Math.round(volume) }));
    if (volumes.length > 0) {
      this.#silent = false;
      return { type: 'volumes', volumes };
    }
    if (this.#silent) return undefined;
    this.#silent = true;
    return { type: 'silence' };
  }

  // A smoothed loudness above a speech floor; the loudest takes over after leading two intervals in a
  // row, and must beat the current speaker clearly, so a cough does not move the spotlight.
  #activeSpeaker(averages: Map<string, number>): AudioLevelDecision | undefined {
    const floor = this.settings.threshold;
    for (const [producerId, volume] of averages) {
      const loudness = Math.max(0, volume - floor);
      this.#scores.set(producerId, 0.5 * (this.#scores.get(producerId) ?? 0) + 0.5 * loudness);
    }
    let loudest: string | undefined;
    let loudestScore = 3;
    for (const [producerId, score] of this.#scores) {
      if (score > loudestScore) {
        loudest = producerId;
        loudestScore = score;
      }
    }
    if (loudest === undefined || loudest === this.#dominant) {
      this.#candidate = undefined;
      this.#candidateRounds = 0;
      return undefined;
    }
    const currentScore = this.#dominant ? (this.#scores.get(this.#dominant) ?? 0) : 0;
    if (loudestScore < currentScore * 1.2 + 1) return undefined;
    if (this.#candidate === loudest) this.#candidateRounds++;
    else {
      this.#candidate = loudest;
      this.#candidateRounds = 1;
    }
    if (this.#candidateRounds < 2 && this.#dominant !== undefined) return undefined;
    this.#dominant = loudest;
    this.#candidate = undefined;
    this.#candidateRounds = 0;
    return { type: 'dominantspeaker', producerId: loudest };
  }
}

export type AudioLevelDecision =
  | { type: 'volumes'; volumes: Array<{ producerId: string; volume: number }> }
  | { type: 'silence' }
  | { type: 'dominantspeaker'; producerId: string };
