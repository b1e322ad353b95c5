import type { Clock } from '../clock.ts';

/**
 * A per-connection budget: `ratePerSecond` on average with bursts up to `burst`. Local to the
 * socket (no shared store): it protects this node's event loop from one noisy client.
 */
export class TokenBucket {
  #tokens: number;
  #at: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly clock: Clock,
  ) {
    this.#tokens = burst;
    this.#at = clock();
  }

  /** Spends one token; false when the budget is empty. */
  take(): boolean {
    const now = this.clock();
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#at) / 1000) * this.ratePerSecond);
    this.#at = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
