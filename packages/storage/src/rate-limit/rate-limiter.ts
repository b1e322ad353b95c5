export interface RateDecision {
  allowed: boolean;
  /** Hits left in the current window after this one (0 when refused). */
  remaining: number;
  /** Seconds until the window resets. */
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters shared by every node (memory for one node, Redis for several).
 * `hit` counts one attempt under `key` and says whether it is within `limit` per `windowSeconds`.
 */
export interface RateLimiter {
  hit(key: string, limit: number, windowSeconds: number): Promise<RateDecision>;
  /** Forget the counter, e.g. after a successful sign-in. */
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}
