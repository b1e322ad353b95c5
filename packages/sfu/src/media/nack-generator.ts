/** How long and how often the SFU asks a publisher to retransmit a missing packet. */
export interface NackGeneratorOptions {
  /** Milliseconds between NACKs for packets still missing. */
  intervalMs: number;
  /** NACKs per missing packet before giving up on it. */
  maxRetries: number;
  /** A packet missing for longer than this is given up on. */
  maxAgeMs: number;
  /** A gap larger than this is a stream restart or a burst too big to repair: ask for a keyframe instead. */
  maxGap: number;
}

export const defaultNackOptions: NackGeneratorOptions = {
  intervalMs: 25,
  maxRetries: 10,
  maxAgeMs: 1000,
  maxGap: 500,
};

/**
 * Detects missing RTP sequence numbers of one SSRC and asks for them until they arrive or age out.
 *
 * Parley replaces werift's NackHandler with this (see werift-workarounds.ts): werift keeps one
 * sequence state per receiver while simulcast layers interleave three sequence spaces, never stops
 * its 5 ms retry timer once a loss was repaired, and stops detecting losses after one that straddles
 * the 16-bit wrap. Here the timer runs only while something is missing.
 */
export class NackGenerator {
  readonly #options: NackGeneratorOptions;
  readonly #sendNack: (lost: number[]) => void;
  readonly #requestKeyFrame: () => void;
  readonly #missing = new Map<number, { since: number; retries: number }>();
  #highest: number | undefined;
  #timer: NodeJS.Timeout | undefined;
  #nackCount = 0;

  constructor(
    sendNack: (lost: number[]) => void,
    requestKeyFrame: () => void,
    options: Partial<NackGeneratorOptions> = {},
  ) {
    this.#sendNack = sendNack;
    this.#requestKeyFrame = requestKeyFrame;
    this.#options = { ...defaultNackOptions, ...options };
  }

  /** Missing sequence numbers currently being asked for. */
  get missing(): number {
    return this.#missing.size;
  }

  /** NACK packets sent so far. */
  get nackCount(): number {
    return this.#nackCount;
  }

  /** True while the retry timer runs. */
  get active(): boolean {
    return this.#timer !== undefined;
  }

  onPacket(sequenceNumber: number, now = performance.now()): void {
    if (this.#highest === undefined) {
      this.#highest = sequenceNumber;
      return;
    }
    const ahead = (sequenceNumber - this.#highest) & 0xffff;
    if (ahead === 0) return;
    if (ahead < 0x8000) {
      if (ahead > 1) {
        if (ahead - 1 > this.#options.maxGap) {
          this.#missing.clear();
          this.#requestKeyFrame();
        } else {
          for (let i = 1; i < ahead; i++)
            this.#missing.set((this.#highest + i) & 0xffff, { since: now, retries: 0 });
        }
      }
      this.#highest = sequenceNumber;
    } else {
      // Older than the highest: a retransmission or a reordered packet.
      this.#missing.delete(sequenceNumber);
    }
    if (this.#missing.size > 0) this.#start();
    else this.#stop();
  }

  close(): void {
    this.#missing.clear();
    this.#stop();
  }

  #start(): void {
    this.#timer ??= setInterval(() => this.#tick(), this.#options.intervalMs);
    this.#timer.unref();
  }

  #stop(): void {
    if (this.#timer === undefined) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #tick(now = performance.now()): void {
    const lost: number[] = [];
    for (const [sequenceNumber, entry] of this.#missing) {
      if (entry.retries >= this.#options.maxRetries || now - entry.since > this.#options.maxAgeMs) {
        this.#missing.delete(sequenceNumber);
        continue;
      }
      entry.retries++;
      lost.push(sequenceNumber);
    }
    if (lost.length > 0) {
      this.#nackCount++;
      this.#sendNack(lost);
    }
    if (this.#missing.size === 0) this.#stop();
  }
}
