import { Redis } from 'ioredis';
import pg from 'pg';
import { type ServiceName, serviceUrls } from './service-urls.ts';

const PROBE_TIMEOUT_MS = 1_000;

let probed: Promise<Record<ServiceName, boolean>> | undefined;

/** Which services answer, tried once per test file with short timeouts. */
export function probeServices(): Promise<Record<ServiceName, boolean>> {
  probed ??= Promise.all([probePostgres(), probeRedis()]).then(([postgres, redis]) => ({ postgres, redis }));
  return probed;
}

async function probePostgres(): Promise<boolean> {
  const client = new pg.Client({
    connectionString: serviceUrls.postgres,
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
    query_timeout: PROBE_TIMEOUT_MS,
  });
  // A connection that fails after connect() has resolved reports here, not to a caller.
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function probeRedis(): Promise<boolean> {
  const redis = new Redis(serviceUrls.redis, {
    lazyConnect: true,
    connectTimeout: PROBE_TIMEOUT_MS,
    commandTimeout: PROBE_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  // ioredis prints unhandled connection errors; the probe's answer is enough.
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}
