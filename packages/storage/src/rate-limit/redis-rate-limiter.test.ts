import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { requireServices, serviceUrls } from '../testing/index.ts';
import { describeRateLimiterContract } from './rate-limiter.contract.ts';
import type { RateDecision } from './rate-limiter.ts';
import { RedisRateLimiter } from './redis-rate-limiter.ts';

const available = await requireServices('redis');

describe.skipIf(!available)('Redis', () => {
  describeRateLimiterContract('RedisRateLimiter', async () => {
    const limiter = new RedisRateLimiter({ url: serviceUrls.redis, prefix: `test:rate:${randomUUID()}:` });
    return {
      limiter,
      // Redis's clock cannot be moved: hit until the key expires. Refused hits while waiting
      // do not matter, since the window that counts them is the one running out.
      hitInNextWindow: (key, limit, windowSeconds) =>
        vi.waitFor(
          async () => {
            const decision: RateDecision = await limiter.hit(key, limit, windowSeconds);
            if (!decision.allowed) throw new Error('window still running');
            return decision;
          },
          { timeout: windowSeconds * 1000 + 2_000, interval: 50 },
        ),
      dispose: () => limiter.close(),
    };
  });

  describe('RedisRateLimiter keys', () => {
    const redis = new Redis(serviceUrls.redis);
    afterAll(() => redis.quit());

    it('keeps one prefixed counter with the window as its expiry, and deletes it on reset', async () => {
      const prefix = `test:rate:${randomUUID()}:`;
      const limiter = new RedisRateLimiter({ url: serviceUrls.redis, prefix });
      try {
        await limiter.hit('sms:+15550000001', 5, 60);
        await limiter.hit('sms:+15550000001', 5, 60);
        expect(await redis.get(`${prefix}sms:+15550000001`)).toBe('2');
        const ttl = await redis.pttl(`${prefix}sms:+15550000001`);
        expect(ttl).toBeGreaterThan(55_000);
        expect(ttl).toBeLessThanOrEqual(60_000);
        await limiter.reset('sms:+15550000001');
        expect(await redis.exists(`${prefix}sms:+15550000001`)).toBe(0);
      } finally {
        await limiter.close();
      }
    });

    it('gives an expiry to a counter found without one, so it cannot block forever', async () => {
      const prefix = `test:rate:${randomUUID()}:`;
      const limiter = new RedisRateLimiter({ url: serviceUrls.redis, prefix });
      try {
        await redis.set(`${prefix}stuck`, '100');
        const decision = await limiter.hit('stuck', 5, 30);
        expect(decision).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 30 });
        expect(await redis.pttl(`${prefix}stuck`)).toBeGreaterThan(0);
      } finally {
        await redis.del(`${prefix}stuck`);
        await limiter.close();
      }
    });
  });
});
