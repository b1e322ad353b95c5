import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RateDecision, RateLimiter } from './rate-limiter.ts';

/** A limiter for a whole suite, and how each adapter lets a window run out. */
export interface RateLimiterFixture {
  limiter: RateLimiter;
  /**
   * Hits `key` once its current window of `windowSeconds` has run out, and returns that decision:
   * a fake clock moves forward; a real one is polled.
   */
  hitInNextWindow(key: string, limit: number, windowSeconds: number): Promise<RateDecision>;
  dispose(): Promise<void>;
}

/** The behaviour every RateLimiter adapter shares. Tests use their own keys in one limiter. */
export function describeRateLimiterContract(name: string, open: () => Promise<RateLimiterFixture>): void {
  describe(`RateLimiter contract: ${name}`, () => {
    let fixture: RateLimiterFixture;
    let limiter: RateLimiter;
    beforeAll(async () => {
      fixture = await open();
      limiter = fixture.limiter;
    });
    afterAll(() => fixture?.dispose());

    it('allows `limit` hits per window, counting down, then refuses', async () => {
      const key = `otp:${randomUUID()}`;
      const decisions = [];
      for (let i = 0; i < 5; i++) decisions.push(await limiter.hit(key, 3, 60));
      expect(decisions.map(({ allowed, remaining }) => ({ allowed, remaining }))).toEqual([
        { allowed: true, remaining: 2 },
        { allowed: true, remaining: 1 },
        { allowed: true, remaining: 0 },
        { allowed: false, remaining: 0 },
        { allowed: false, remaining: 0 },
      ]);
      for (const { retryAfterSeconds } of decisions) {
        expect(retryAfterSeconds).toBeGreaterThanOrEqual(59);
        expect(retryAfterSeconds).toBeLessThanOrEqual(60);
      }
    });

    it('counts concurrent hits exactly', async () => {
      const key = `otp:${randomUUID()}`;
      const decisions = await Promise.all(Array.from({ length: 25 }, () => limiter.hit(key, 10, 60)));
      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(10);
      expect(decisions.map((decision) => decision.remaining).sort((a, b) => a - b)).toEqual([
        ...Array<number>(16).fill(0),
        1,
        2,
        3,
        4,
        5,
        6,
        7,
        8,
        9,
      ]);
    });

    it('starts a fresh window once the window has passed', async () => {
      const key = `otp:${randomUUID()}`;
      await limiter.hit(key, 2, 1);
      await limiter.hit(key, 2, 1);
      expect((await limiter.hit(key, 2, 1)).allowed).toBe(false);
      expect(await fixture.hitInNextWindow(key, 2, 1)).toEqual({
        allowed: true,
        remaining: 1,
        retryAfterSeconds: 1,
      });
    });

    it('forgets a counter on reset', async () => {
      const key = `otp:${randomUUID()}`;
      await limiter.hit(key, 1, 60);
      expect((await limiter.hit(key, 1, 60)).allowed).toBe(false);
      await limiter.reset(key);
      expect(await limiter.hit(key, 1, 60)).toMatchObject({ allowed: true, remaining: 0 });
      await limiter.reset(`otp:${randomUUID()}`);
    });

    it('keeps keys apart', async () => {
      const [spent, other] = [`otp:${randomUUID()}`, `otp:${randomUUID()}`];
      await limiter.hit(spent, 1, 60);
      expect((await limiter.hit(spent, 1, 60)).allowed).toBe(false);
      expect(await limiter.hit(other, 1, 60)).toMatchObject({ allowed: true, remaining: 0 });
      await limiter.reset(other);
      expect((await limiter.hit(spent, 1, 60)).allowed).toBe(false);
    });
  });
}
