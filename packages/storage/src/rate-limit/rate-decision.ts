import type { RateDecision } from './rate-limiter.ts';

/** The decision for the `count`-th hit of a window that ends in `msLeft`. */
export function decide(count: number, limit: number, msLeft: number): RateDecision {
  return {
    allowed: count <= limit,
    remaining: Math.max(0, limit - count),
    retryAfterSeconds: Math.max(1, Math.ceil(msLeft / 1000)),
  };
}
