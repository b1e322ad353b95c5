/** Counts bytes and packets and turns them into a smoothed bitrate on each `sample`. */
export class BitrateMeter {
  bytes = 0;
  packets = 0;
  #sampledBytes = 0;
  #sampledAt: number;
  #bitrate = 0;

  constructor(now = performance.now()) {
    this.#sampledAt = now;
  }

  add(bytes: number): void {
    this.bytes += bytes;
    this.packets++;
  }

  /** Bits per second, as of the last sample. */
  get bitrate(): number {
    return this.#bitrate;
  }

  sample(now = performance.now()): number {
    const elapsed = now - this.#sampledAt;
    if (elapsed <= 0) return this.#bitrate;
    const rate = ((this.bytes - this.#sampledBytes) * 8 * 1000) / elapsed;
    this.#bitrate = this.#bitrate === 0 ? rate : 0.5 * this.#bitrate + 0.5 * rate;
    if (rate === 0) this.#bitrate = 0;
    this.#sampledBytes = this.bytes;
    this.#sampledAt = now;
    return this.#bitrate;
  }
}
