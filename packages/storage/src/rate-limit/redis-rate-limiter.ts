import type { Redis } from 'ioredis';
import { closeRedis, connectRedis } from '../redis/redis-connection.ts';
import { decide } from './rate-decision.ts';
import type { RateDecision, RateLimiter } from './rate-limiter.ts';

// One round trip, atomic: the first hit of a window sets its expiry. A counter found without one
// (its PEXPIRE lost, or the key set by hand) would never reset, so it gets one too.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

interface HitCommand {
  parleyRateHit(key: string, windowMs: number): Promise<[number, number]>;
}

/** Options of a RedisRateLimiter. */
export interface RedisRateLimiterOptions {
  /** A redis:// URL. */
  url: string;
  /** Put before every key; lets deployments and test suites share a Redis. */
  prefix?: string;
  onConnectionError?: (error: Error) => void;
}

/** Fixed-window counters in Redis, shared by every node (scaled mode). */
export class RedisRateLimiter implements RateLimiter {
  readonly #redis: Redis & HitCommand;
  readonly #prefix: string;
  #closing: Promise<void> | undefined;

  constructor(options: RedisRateLimiterOptions) {
    this.#prefix = options.prefix ?? 'parley:rate:';
    const redis = connectRedis(options.url, options.onConnectionError);
    // ioredis sends EVALSHA and falls back to EVAL when Redis does not have the script yet.
    redis.defineCommand('parleyRateHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    this.#redis = redis as Redis & HitCommand;
  }

  async hit(key: string, limit: number, windowSeconds: number): Promise<RateDecision> {
    const [count, msLeft] = await this.#redis.parleyRateHit(
      this.#prefix + key,
      Math.ceil(windowSeconds * 1000),
    );
    return decide(count, limit, msLeft);
  }

  async reset(key: string): Promise<void> {
    await this.#redis.del(this.#prefix + key);
  }

  async close(): Promise<void> {
    this.#closing ??= closeRedis(this.#redis);
    return this.#closing;
  }
}
