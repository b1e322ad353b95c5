import { Redis } from 'ioredis';
import { withTimeout } from './with-timeout.ts';

const PING_TIMEOUT_MS = 2_000;
const QUIT_TIMEOUT_MS = 1_000;

/** Opens a connection; ioredis connects in the background and reconnects on its own. */
export function connectRedis(url: string, onError?: (error: Error) => void): Redis {
  const redis = new Redis(url);
  // Without a listener ioredis prints each failed reconnection itself.
  if (onError) redis.on('error', onError);
  return redis;
}

/** PING with a deadline: while Redis is down, ioredis queues commands instead of failing them. */
export async function pingRedis(redis: Redis): Promise<void> {
  await withTimeout(redis.ping(), PING_TIMEOUT_MS, 'Redis PING');
}

/** QUIT (pending replies arrive first), or drop the connection when Redis does not answer. */
export async function closeRedis(redis: Redis): Promise<void> {
  try {
    await withTimeout(redis.quit(), QUIT_TIMEOUT_MS, 'Redis QUIT');
  } catch {
    // Already closed, or Redis is gone: nothing left to flush.
  } finally {
    redis.disconnect();
  }
}
