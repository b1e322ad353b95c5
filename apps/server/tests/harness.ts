import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestSchema, requireServices, serviceUrls, startS3rver } from '@parley/storage/testing';
import { pino } from 'pino';
import { readConfig } from '../src/config.ts';
import { type AppContext, type ContextOverrides, createContext } from '../src/context.ts';
import { type RunningServer, startServer } from '../src/server.ts';

export type StorageMode = 'embedded' | 'scaled';

export interface TestServer {
  url: string;
  /** Log entries at warn level or above since the last call (a healthy test has none), then forgets them. */
  takeProblems(): { level: number; msg: string }[];
  ctx: AppContext;
  server: RunningServer;
  stop(): Promise<void>;
}

export interface TestServerOptions {
  env?: Record<string, string>;
  overrides?: ContextOverrides;
  /** Share another test server's storage (scaled mode: a second node on the same database). */
  shareWith?: TestServer;
}

interface ScaledBackends {
  env: Record<string, string>;
  release(): Promise<void>;
}

const scaledBackends = new WeakMap<TestServer, ScaledBackends>();

/** PostgreSQL (own schema), Redis (own prefix) and s3rver (own bucket) for one scaled test server. */
async function provisionScaled(): Promise<ScaledBackends> {
  const schema = await createTestSchema('server');
  const s3 = await startS3rver();
  return {
    env: {
      PARLEY_STORAGE: 'scaled',
      PARLEY_DATABASE_URL: schema.url,
      PARLEY_DATABASE_SCHEMA: schema.schema,
      PARLEY_REDIS_URL: serviceUrls.redis,
      PARLEY_REDIS_PREFIX: `test:${schema.schema}:`,
      PARLEY_S3_ENDPOINT: s3.endpoint,
      PARLEY_S3_BUCKET: s3.bucket,
      PARLEY_S3_REGION: s3.region,
      PARLEY_S3_ACCESS_KEY_ID: s3.accessKeyId,
      PARLEY_S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      PARLEY_SECRET: 'integration-test-secret-of-at-least-32-chars',
    },
    async release() {
      await s3.stop();
      await schema.drop();
    },
  };
}

/**
 * A real Parley server on 127.0.0.1 with a random port, PARLEY_DEV=1 and a temporary data folder.
 * Scaled mode uses the real PostgreSQL and Redis of this machine and an in-process s3rver.
 */
export async function startTestServer(
  mode: StorageMode,
  options: TestServerOptions = {},
): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'parley-test-'));
  const backends =
    mode === 'scaled'
      ? options.shareWith
        ? scaledBackends.get(options.shareWith)
        : await provisionScaled()
      : undefined;
  const config = readConfig({
    PARLEY_PORT: '0',
    PARLEY_DEV: '1',
    PARLEY_DATA_DIR: dataDir,
    PARLEY_WEB_DIR: path.join(dataDir, 'no-web-build'),
    // Every test talks from 127.0.0.1: the per-IP limit is exercised by its own test.
    PARLEY_OTP_PER_IP_PER_HOUR: '10000',
    // Tests send fast; the send limit is exercised by its own test.
    PARLEY_SENDS_PER_MINUTE: '100000',
    ...backends?.env,
    ...options.env,
  });
  const problems: { level: number; msg: string }[] = [];
  const logger = pino(
    { level: process.env.PARLEY_TEST_LOG ?? 'warn' },
    {
      write(line: string) {
        const entry = JSON.parse(line);
        if (entry.level >= 40) problems.push({ level: entry.level, msg: entry.msg });
        if (process.env.PARLEY_TEST_LOG) process.stdout.write(line);
      },
    },
  );
  const ctx = await createContext(config, { logger, ...options.overrides });
  const server = await startServer(ctx);
  const testServer: TestServer = {
    url: server.url,
    takeProblems: () => problems.splice(0),
    ctx,
    server,
    async stop() {
      await server.stop();
      if (backends && !options.shareWith) await backends.release();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  if (backends) scaledBackends.set(testServer, backends);
  return testServer;
}

/** The storage modes available here: scaled only when PostgreSQL and Redis answer (required in CI). */
export async function storageModes(): Promise<StorageMode[]> {
  return (await requireServices('postgres', 'redis')) ? ['embedded', 'scaled'] : ['embedded'];
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A raw HTTP call, so tests can send exactly the malformed input a hostile client would. */
export async function call<T = any>(
  base: string,
  method: string,
  url: string,
  options: {
    token?: string;
    json?: unknown;
    body?: RequestInit['body'];
    headers?: Record<string, string>;
  } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await fetch(base + url, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  if (response.headers.get('content-type')?.includes('application/json')) parsed = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: parsed as T };
}

let phoneCounter = 0;

/** A fresh, possible US number per call, so tests never share rate-limit buckets or accounts. */
export function uniquePhone(): string {
  phoneCounter += 1;
  const tail = `${process.pid % 1000}${String(phoneCounter).padStart(4, '0')}`.padStart(7, '0').slice(-7);
  return `+1555${tail}`;
}

/** Signs a number in through the real OTP flow (dev outbox for the code). */
export async function signIn(base: string, phone = uniquePhone(), deviceName = 'Test device') {
  const challenge = await call(base, 'POST', '/api/v1/auth/otp', { json: { phone } });
  if (challenge.status !== 202) throw new Error(`otp: ${challenge.status} ${JSON.stringify(challenge.body)}`);
  const dev = await call(base, 'GET', `/api/v1/dev/otp/${encodeURIComponent(phone)}`);
  const verified = await call(base, 'POST', '/api/v1/auth/verify', {
    json: { challengeId: challenge.body.challengeId, code: dev.body.code, deviceName },
  });
  if (verified.status !== 200) throw new Error(`verify: ${verified.status} ${JSON.stringify(verified.body)}`);
  return verified.body as {
    token: string;
    user: { id: string; phone: string };
    device: { id: string };
    isNewUser: boolean;
  };
}
