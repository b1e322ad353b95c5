import path from 'node:path';
import {
  type BlobStore,
  type Bus,
  type Database,
  LocalBlobStore,
  MemoryBus,
  MemoryRateLimiter,
  migrateToLatest,
  openDatabase,
  type RateLimiter,
} from '@parley/storage';
import type { S3BlobStoreOptions } from '@parley/storage/scaled';
import { type Logger, pino } from 'pino';
import { ConsoleSmsSender } from './accounts/sms/console-sms-sender.ts';
import { DevOtpOutbox } from './accounts/sms/dev-otp-outbox.ts';
import type { SmsSender } from './accounts/sms/sms-sender.ts';
import { WebhookSmsSender } from './accounts/sms/webhook-sms-sender.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config, S3Config } from './config.ts';
import { registerWorkerMetrics } from './media/media-metrics.ts';
import { WorkerPool } from './media/worker-pool.ts';
import { LiveRooms } from './meetings/live-rooms.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { Recorder } from './recording/recorder.ts';
import { RenderJobs } from './recording/render-jobs.ts';
import { loadOrCreateSecret } from './secret.ts';

/** Every dependency of the server, built once. Domain code receives this and sees interfaces only. */
export interface AppContext {
  config: Config;
  logger: Logger;
  clock: Clock;
  database: Database;
  blobs: BlobStore;
  bus: Bus;
  rateLimiter: RateLimiter;
  sms: SmsSender;
  devOutbox: DevOtpOutbox | undefined;
  metrics: Metrics;
  /** HMAC key for OTP hashes and signed URLs; shared by every node. */
  secret: Buffer;
  /** The meetings this node hosts, and their SFU workers. */
  rooms: LiveRooms;
  /** This node's recorder process (cloud recording), started on the first recording. */
  recorder: Recorder;
  /** Background rendering of stopped recordings. */
  renders: RenderJobs;
  close(): Promise<void>;
}

/** Parts a test may supply instead of the ones the config would build. */
export type ContextOverrides = Partial<
  Pick<AppContext, 'logger' | 'clock' | 'sms' | 'blobs' | 'bus' | 'rateLimiter'>
> & {
  database?: Database;
};

/** The composition root: the only place that picks adapters (embedded or scaled) from config. */
export async function createContext(config: Config, overrides: ContextOverrides = {}): Promise<AppContext> {
  const logger = overrides.logger ?? pino({ level: config.logLevel, base: { service: 'parley' } });
  const storage = config.storage;
  const opened: { close(): Promise<void> }[] = [];
  const own = <T extends { close(): Promise<void> }>(resource: T): T => {
    opened.push(resource);
    return resource;
  };

  try {
    const clock = overrides.clock ?? systemClock;
    const onConnectionError = (error: Error) => logger.warn({ err: error }, 'Redis connection problem');
    const onHandlerError = (error: unknown, topic: string) =>
      logger.error({ err: error, topic }, 'bus handler failed');
    const database =
      overrides.database ??
      own(
        storage.kind === 'scaled'
          ? await openDatabase({ kind: 'postgres', url: storage.databaseUrl, schema: storage.databaseSchema })
          : await openDatabase({ kind: 'sqlite', file: path.join(config.dataDir, 'parley.sqlite') }),
      );
    await migrateToLatest(database);
    // Loaded only in scaled mode, so that an embedded server never loads the AWS SDK or Redis client.
    const scaled = storage.kind === 'scaled' ? await import('@parley/storage/scaled') : undefined;

    const blobs =
      overrides.blobs ??
      own(
        scaled && storage.kind === 'scaled'
          ? new scaled.S3BlobStore(s3Options(storage.s3))
          : new LocalBlobStore({ directory: path.join(config.dataDir, 'blobs') }),
      );
    const bus =
      overrides.bus ??
      own(
        scaled && storage.kind === 'scaled'
          ? new scaled.RedisBus({
              url: storage.redisUrl,
              prefix: `${storage.redisPrefix}bus:`,
              onConnectionError,
              onHandlerError,
            })
          : new MemoryBus({ onHandlerError }),
      );
    const rateLimiter =
      overrides.rateLimiter ??
      own(
        scaled && storage.kind === 'scaled'
          ? new scaled.RedisRateLimiter({
              url: storage.redisUrl,
              prefix: `${storage.redisPrefix}rate:`,
              onConnectionError,
            })
          : new MemoryRateLimiter({ now: clock }),
      );
    const sms =
      overrides.sms ??
      (config.sms.provider === 'webhook'
        ? new WebhookSmsSender(config.sms.url)
        : new ConsoleSmsSender(logger.child({ module: 'sms' })));

    const workers = new WorkerPool(config.media, logger.child({ module: 'media' }));
    const ctx: AppContext = {
      config,
      logger,
      clock,
      database,
      blobs,
      bus,
      rateLimiter,
      sms,
      devOutbox: config.dev ? new DevOtpOutbox() : undefined,
      metrics: createMetrics(),
      secret:
        config.secret !== undefined
          ? Buffer.from(config.secret, 'utf8')
          : await loadOrCreateSecret(config.dataDir),
      rooms: new LiveRooms(() => ctx, workers, logger.child({ module: 'meetings' })),
      recorder: new Recorder(config.limits.recordingChunkMs, logger.child({ module: 'recorder' })),
      renders: new RenderJobs(() => ctx, logger.child({ module: 'render' })),
      close: async () => {
        await ctx.renders.close();
        // Rooms first: their recordings finish the chunks in progress before the recorder goes.
        await ctx.rooms.close();
        await ctx.recorder.stop();
        await closeAll(opened);
      },
    };
    registerWorkerMetrics(ctx.metrics, workers);
    return ctx;
  } catch (error) {
    await closeAll(opened);
    throw error;
  }
}

function s3Options(s3: S3Config): S3BlobStoreOptions {
  return {
    bucket: s3.bucket,
    region: s3.region,
    endpoint: s3.endpoint,
    forcePathStyle: s3.forcePathStyle,
    credentials:
      s3.accessKeyId && s3.secretAccessKey
        ? { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey }
        : undefined,
  };
}

async function closeAll(resources: { close(): Promise<void> }[]): Promise<void> {
  // Close in reverse order of opening; one failing close must not keep the others open.
  const results = await Promise.allSettled(resources.reverse().map((r) => r.close()));
  const failure = results.find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
}
