import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config.ts';

const scaled = {
  PARLEY_STORAGE: 'scaled',
  PARLEY_DATABASE_URL: 'postgres://db.internal/parley',
  PARLEY_REDIS_URL: 'redis://cache.internal:6379',
  PARLEY_S3_BUCKET: 'parley-blobs',
  PARLEY_SECRET: 's'.repeat(32),
};

function problem(env: Record<string, string>): string {
  try {
    readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.variable;
    throw error;
  }
  throw new Error('config was accepted');
}

describe('readConfig', () => {
  it('defaults to embedded storage on 127.0.0.1:8080 with console SMS', () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      publicUrl: 'http://127.0.0.1:8080',
      storage: { kind: 'embedded' },
      sms: { provider: 'console' },
      dev: false,
    });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('allows PARLEY_DEV on loopback only', () => {
    expect(readConfig({ PARLEY_DEV: '1' }).dev).toBe(true);
    expect(readConfig({ PARLEY_DEV: '1', PARLEY_HOST: '::1' }).dev).toBe(true);
  });

  it('reads scaled storage and infers path-style S3 when an endpoint is set', () => {
    const config = readConfig({ ...scaled, PARLEY_S3_ENDPOINT: 'http://minio.internal:9000' });
    expect(config.storage).toMatchObject({
      kind: 'scaled',
      s3: { bucket: 'parley-blobs', forcePathStyle: true },
    });
  });

  it.each([
    [{ PARLEY_PORT: 'eighty' }, 'PARLEY_PORT'],
    [{ PARLEY_PORT: '70000' }, 'PARLEY_PORT'],
    [{ PARLEY_STORAGE: 'cloud' }, 'PARLEY_STORAGE'],
    [{ PARLEY_DEV: 'yes' }, 'PARLEY_DEV'],
    [{ PARLEY_PUBLIC_URL: 'not a url' }, 'PARLEY_PUBLIC_URL'],
    [{ PARLEY_SMS_PROVIDER: 'webhook' }, 'PARLEY_SMS_WEBHOOK_URL'],
    [{ PARLEY_SECRET: 'short' }, 'PARLEY_SECRET'],
    [{ PARLEY_DEFAULT_REGION: 'usa' }, 'PARLEY_DEFAULT_REGION'],
    [{ PARLEY_OTP_PER_PHONE_PER_HOUR: '0' }, 'PARLEY_OTP_PER_PHONE_PER_HOUR'],
    [{ PARLEY_DEV: '1', PARLEY_HOST: '0.0.0.0' }, 'PARLEY_DEV'],
    [{ PARLEY_DEV: '1', PARLEY_PUBLIC_URL: 'https://chat.example.com' }, 'PARLEY_DEV'],
    [{ ...scaled, PARLEY_DATABASE_URL: '' }, 'PARLEY_DATABASE_URL'],
    [{ ...scaled, PARLEY_DATABASE_URL: 'mysql://x/y' }, 'PARLEY_DATABASE_URL'],
    [{ ...scaled, PARLEY_REDIS_URL: undefined as unknown as string }, 'PARLEY_REDIS_URL'],
    [{ ...scaled, PARLEY_S3_BUCKET: '' }, 'PARLEY_S3_BUCKET'],
    [{ ...scaled, PARLEY_SECRET: '' }, 'PARLEY_SECRET'],
  ])('names the bad variable in %j', (env, variable) => {
    expect(problem(env)).toBe(variable);
  });
});
