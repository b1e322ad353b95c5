import { describe, expect, it } from 'vitest';
import { MemoryRateLimiter } from './memory-rate-limiter.ts';
import { describeRateLimiterContract } from './rate-limiter.contract.ts';

describeRateLimiterContract('MemoryRateLimiter', async () => {
  let now = 1_760_000_000_000;
  const limiter = new MemoryRateLimiter({ now: () => now });
  return {
    limiter,
    hitInNextWindow: (key, limit, windowSeconds) => {
      now += windowSeconds * 1000;
      return limiter.hit(key, limit, windowSeconds);
    },
    dispose: () => limiter.close(),
  };
});

describe('MemoryRateLimiter clock', () => {
  it('counts the window from its first hit and reports the seconds left, rounded up', async () => {
    let now = 0;
    const limiter = new MemoryRateLimiter({ now: () => now });
    expect(await limiter.hit('k', 1, 60)).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 60 });
    now = 30_001;
    expect(await limiter.hit('k', 1, 60)).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 30 });
    now = 59_999;
    expect(await limiter.hit('k', 1, 60)).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
    now = 60_000;
    expect(await limiter.hit('k', 1, 60)).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 60 });
  });
});
