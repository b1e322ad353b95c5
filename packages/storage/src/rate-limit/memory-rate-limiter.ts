import { decide } from './rate-decision.ts';
import type { RateDecision, RateLimiter } from './rate-limiter.ts';

const SWEEP_INTERVAL_MS = 60_000;

interface Window {
  count: number;
  endsAt: number;
}

/** Fixed-window counters in this process (embedded mode). */
export class MemoryRateLimiter implements RateLimiter {
  readonly #now: () => number;
  readonly #windows = new Map<string, Window>();
  #nextSweepAt: number;

  /** `now` is the clock in ms; tests pass their own to move time without waiting. */
  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
    this.#nextSweepAt = this.#now() + SWEEP_INTERVAL_MS;
  }

  async hit(key: string, limit: number, windowSeconds: number): Promise<RateDecision> {
    const now = this.#now();
    this.#sweep(now);
    let window = this.#windows.get(key);
    if (!window || now >= window.endsAt) {
      window = { count: 0, endsAt: now + windowSeconds * 1000 };
      this.#windows.set(key, window);
    }
    window.count += 1;
    return decide(window.count, limit, window.endsAt - now);
  }

  async reset(key: string): Promise<void> {
    this.#windows.delete(key);
  }

  async close(): Promise<void> {
    this.#windows.clear();
  }

  // Keys that are never hit again would otherwise stay forever; no timer, so the clock stays
  // injectable and nothing keeps the process alive.
  #sweep(now: number): void {
    if (now < this.#nextSweepAt) return;
    this.#nextSweepAt = now + SWEEP_INTERVAL_MS;
    for (const [key, window] of this.#windows) {
      if (now >= window.endsAt) this.#windows.delete(key);
    }
  }
}
