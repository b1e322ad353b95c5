import { describe, expect, it } from 'vitest';
import { backoffDelay, reconnectBackoff } from './backoff.ts';

describe('backoffDelay', () => {
  it('doubles up to the cap, with half of each delay random', () => {
    const low = (attempt: number) => backoffDelay(attempt, () => 0, reconnectBackoff);
    const high = (attempt: number) => backoffDelay(attempt, () => 1, reconnectBackoff);
    expect([1, 2, 3, 4, 5, 6, 10].map(low)).toEqual([250, 500, 1_000, 2_000, 4_000, 5_000, 5_000]);
    expect([1, 2, 3, 4, 5, 6, 10].map(high)).toEqual([500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  });
});
