export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

export const reconnectBackoff: BackoffOptions = { initialMs: 500, maxMs: 10_000 };

/**
 * The wait before reconnect attempt `attempt` (1-based): doubling from `initialMs` up to
 * `maxMs`, then "equal jitter" (half fixed, half random) so that a server restart is not met
 * by every client at the same instant, while no client retries in a tight loop.
 */
export function backoffDelay(attempt: number, random: () => number, options: BackoffOptions): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
