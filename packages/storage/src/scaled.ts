/**
 * The adapters of scaled mode (S3, Redis), in their own entry point so that an embedded server never
 * loads the AWS SDK or a Redis client: import it only when PARLEY_STORAGE=scaled.
 */
export { S3BlobStore, type S3BlobStoreOptions } from './blob/s3-blob-store.ts';
export { RedisBus, type RedisBusOptions } from './bus/redis-bus.ts';
export { RedisRateLimiter, type RedisRateLimiterOptions } from './rate-limit/redis-rate-limiter.ts';
