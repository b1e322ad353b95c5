import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * The only reader of process.env. Every PARLEY_* variable is parsed here, defaults applied and
 * cross-checked; a bad value stops start-up with a ConfigError that names the variable.
 * The README's configuration table lists the same variables.
 */
export interface Config {
  host: string;
  port: number;
  publicUrl: string;
  /** How the other nodes reach this one (meeting sockets are forwarded to the node hosting the meeting). */
  nodeUrl: string | undefined;
  dataDir: string;
  webDir: string;
  dev: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  trustProxy: boolean;
  /** HMAC key for signed blob URLs and OTP hashes; generated under dataDir in embedded mode when unset. */
  secret: string | undefined;
  storage: EmbeddedStorageConfig | ScaledStorageConfig;
  sms: { provider: 'console' } | { provider: 'webhook'; url: string };
  defaultRegion: string;
  limits: Limits;
  media: MediaConfig;
  calls: CallsConfig;
  shutdownTimeoutMs: number;
}

export interface CallsConfig {
  /** TURN servers whose credentials Parley mints with the TURN REST scheme (coturn's use-auth-secret). */
  turnUrls: string[];
  turnSecret: string | undefined;
  turnCredentialTtlSeconds: number;
  /** `relay`: browsers use TURN only, never a direct path. */
  iceTransportPolicy: 'all' | 'relay';
  /** How long a direct call's peer-to-peer ICE may take before it moves to the SFU. */
  peerToPeerTimeoutMs: number;
  /** People in one group call. */
  maxParticipants: number;
  /** An unanswered call stops ringing (and counts as missed) after this long. */
  ringMs: number;
  /** A direct call ends when one of its two devices has been offline this long. */
  reconnectMs: number;
}

export interface MediaConfig {
  /** SFU worker processes; started when the first meeting needs one. */
  workers: number;
  /** UDP ports for media, split evenly between the workers. */
  minPort: number;
  maxPort: number;
  /** Address the media sockets bind to. */
  listenIp: string;
  /** Address put in ICE candidates for clients behind NAT to reach; defaults to listenIp. */
  announcedIp: string | undefined;
  /** STUN/TURN servers handed to browsers. */
  iceServers: { urls: string | string[]; username?: string; credential?: string }[];
  /** A subscribe offer a browser has not answered in this long is taken back and made again. */
  answerTimeoutMs: number;
}

export interface EmbeddedStorageConfig {
  kind: 'embedded';
}

export interface ScaledStorageConfig {
  kind: 'scaled';
  databaseUrl: string;
  /** PostgreSQL schema for Parley's tables; the server's default search_path when unset. */
  databaseSchema: string | undefined;
  redisUrl: string;
  /** Prefix of every Redis key and channel, so several deployments or test runs can share a Redis. */
  redisPrefix: string;
  s3: S3Config;
}

export interface S3Config {
  endpoint: string | undefined;
  region: string;
  bucket: string;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  forcePathStyle: boolean;
}

export interface Limits {
  otpPerPhonePerHour: number;
  otpPerIpPerHour: number;
  passwordAttemptsPerPhonePerHour: number;
  lookupsPerUserPerMinute: number;
  jsonBodyBytes: number;
  /** Largest attachment upload. */
  maxUploadBytes: number;
  /** How long undelivered messages and their attachments are kept for devices that stay away. */
  messageTtlMs: number;
  /** Messages (and edits, reactions) a user may send per minute. */
  sendsPerUserPerMinute: number;
  /** People in one meeting at once, waiting room included. */
  meetingParticipants: number;
  /** Meeting id + passcode attempts per client address per hour (passcodes are short). */
  meetingCodeAttemptsPerHour: number;
  /** Length of a recording chunk: what a recorder crash can lose at most. */
  recordingChunkMs: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const positiveInt = z.coerce.number().int().positive();
const url = z.url({ protocol: /^https?$/ });

function read<T extends z.ZodType>(env: Env, name: string, schema: T, fallback?: z.input<T>): z.output<T> {
  const raw = env[name] === '' ? undefined : env[name];
  const result = schema.safeParse(raw ?? fallback);
  if (!result.success) {
    const given = raw === undefined ? 'is required' : `has an invalid value ${JSON.stringify(raw)}`;
    throw new ConfigError(name, `${given} (${result.error.issues[0]?.message ?? 'invalid'})`);
  }
  return result.data;
}

function optional(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw === '' ? undefined : raw;
}

export function readConfig(env: Env = process.env): Config {
  const host = read(env, 'PARLEY_HOST', z.string().min(1), '127.0.0.1');
  const port = read(env, 'PARLEY_PORT', z.coerce.number().int().min(0).max(65535), '8080');
  const dataDir = path.resolve(read(env, 'PARLEY_DATA_DIR', z.string().min(1), './data'));
  const storageKind = read(env, 'PARLEY_STORAGE', z.enum(['embedded', 'scaled']), 'embedded');
  const smsProvider = read(env, 'PARLEY_SMS_PROVIDER', z.enum(['console', 'webhook']), 'console');
  const secret = optional(env, 'PARLEY_SECRET');
  if (secret !== undefined && secret.length < 32) {
    throw new ConfigError('PARLEY_SECRET', 'must be at least 32 characters');
  }

  let storage: Config['storage'] = { kind: 'embedded' };
  if (storageKind === 'scaled') {
    if (secret === undefined) {
      throw new ConfigError(
        'PARLEY_SECRET',
        'is required with PARLEY_STORAGE=scaled (all nodes must share it)',
      );
    }
    const endpoint = optional(env, 'PARLEY_S3_ENDPOINT');
    if (endpoint !== undefined) read(env, 'PARLEY_S3_ENDPOINT', url);
    storage = {
      kind: 'scaled',
      databaseUrl: read(env, 'PARLEY_DATABASE_URL', z.url({ protocol: /^postgres(ql)?$/ })),
      databaseSchema:
        optional(env, 'PARLEY_DATABASE_SCHEMA') &&
        read(
          env,
          'PARLEY_DATABASE_SCHEMA',
          z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case letters, digits, _'),
        ),
      redisUrl: read(env, 'PARLEY_REDIS_URL', z.url({ protocol: /^rediss?$/ })),
      redisPrefix: read(env, 'PARLEY_REDIS_PREFIX', z.string().max(64), 'parley:'),
      s3: {
        endpoint,
        region: read(env, 'PARLEY_S3_REGION', z.string().min(1), 'us-east-1'),
        bucket: read(env, 'PARLEY_S3_BUCKET', z.string().min(3).max(63)),
        accessKeyId: optional(env, 'PARLEY_S3_ACCESS_KEY_ID'),
        secretAccessKey: optional(env, 'PARLEY_S3_SECRET_ACCESS_KEY'),
        forcePathStyle: read(env, 'PARLEY_S3_FORCE_PATH_STYLE', flag, endpoint ? 'true' : 'false'),
      },
    };
  }

  const dev = read(env, 'PARLEY_DEV', flag, '0');
  const publicUrl = read(
    env,
    'PARLEY_PUBLIC_URL',
    url,
    `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
  ).replace(/\/$/, '');
  // The dev code endpoint hands out sign-in codes: it must never be reachable by anyone else.
  if (dev && !(isLoopback(host) && isLoopback(new URL(publicUrl).hostname))) {
    throw new ConfigError('PARLEY_DEV', 'is only allowed on a loopback PARLEY_HOST and PARLEY_PUBLIC_URL');
  }

  return {
    host,
    port,
    publicUrl: read(
      env,
      'PARLEY_PUBLIC_URL',
      url,
      `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    ).replace(/\/$/, ''),
    nodeUrl: optional(env, 'PARLEY_NODE_URL') && read(env, 'PARLEY_NODE_URL', url).replace(/\/$/, ''),
    dataDir,
    webDir: path.resolve(read(env, 'PARLEY_WEB_DIR', z.string().min(1), defaultWebDir())),
    dev,
    logLevel: read(
      env,
      'PARLEY_LOG_LEVEL',
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
      'info',
    ),
    trustProxy: read(env, 'PARLEY_TRUST_PROXY', flag, '0'),
    secret,
    storage,
    sms:
      smsProvider === 'webhook'
        ? { provider: 'webhook', url: read(env, 'PARLEY_SMS_WEBHOOK_URL', url) }
        : { provider: 'console' },
    defaultRegion: read(
      env,
      'PARLEY_DEFAULT_REGION',
      z.string().regex(/^[A-Z]{2}$/, 'two-letter country code'),
      'US',
    ),
    limits: {
      otpPerPhonePerHour: read(env, 'PARLEY_OTP_PER_PHONE_PER_HOUR', positiveInt, '5'),
      otpPerIpPerHour: read(env, 'PARLEY_OTP_PER_IP_PER_HOUR', positiveInt, '30'),
      passwordAttemptsPerPhonePerHour: read(env, 'PARLEY_PASSWORD_ATTEMPTS_PER_HOUR', positiveInt, '10'),
      lookupsPerUserPerMinute: read(env, 'PARLEY_LOOKUPS_PER_MINUTE', positiveInt, '30'),
      jsonBodyBytes: read(env, 'PARLEY_JSON_BODY_KB', positiveInt, '256') * 1024,
      maxUploadBytes: read(env, 'PARLEY_MAX_UPLOAD_MB', positiveInt, '100') * 1024 * 1024,
      messageTtlMs: read(env, 'PARLEY_MESSAGE_TTL_DAYS', positiveInt, '30') * 86_400_000,
      sendsPerUserPerMinute: read(env, 'PARLEY_SENDS_PER_MINUTE', positiveInt, '120'),
      meetingParticipants: read(env, 'PARLEY_MEETING_MAX_PARTICIPANTS', positiveInt, '100'),
      meetingCodeAttemptsPerHour: read(env, 'PARLEY_MEETING_CODE_ATTEMPTS_PER_HOUR', positiveInt, '60'),
      recordingChunkMs:
        read(env, 'PARLEY_RECORDING_CHUNK_SECONDS', z.coerce.number().int().min(2).max(60), '10') * 1000,
    },
    media: readMediaConfig(env, host),
    calls: readCallsConfig(env),
    shutdownTimeoutMs: read(env, 'PARLEY_SHUTDOWN_TIMEOUT_MS', positiveInt, '10000'),
  };
}

const iceServersSchema = z
  .string()
  .transform((raw, context) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'must be JSON' });
      return z.NEVER;
    }
  })
  .pipe(
    z.array(
      z.strictObject({
        urls: z.union([z.string().regex(/^(stun|turns?):/), z.array(z.string().regex(/^(stun|turns?):/))]),
        username: z.string().optional(),
        credential: z.string().optional(),
      }),
    ),
  );

function readMediaConfig(env: Env, host: string): MediaConfig {
  const workers = read(
    env,
    'PARLEY_MEDIA_WORKERS',
    positiveInt.max(64),
    String(Math.max(1, os.availableParallelism())),
  );
  const ports = read(
    env,
    'PARLEY_MEDIA_PORTS',
    z.string().regex(/^\d{1,5}-\d{1,5}$/, 'a range like 40000-49999'),
    '40000-49999',
  );
  const [minPort, maxPort] = ports.split('-').map(Number) as [number, number];
  if (!(minPort >= 1024 && maxPort <= 65535 && maxPort - minPort + 1 >= workers * 10)) {
    throw new ConfigError(
      'PARLEY_MEDIA_PORTS',
      `must lie within 1024-65535 and hold at least 10 ports per worker (${workers} workers)`,
    );
  }
  // On a loopback-only server the media must stay on loopback too; otherwise every interface.
  const listenIp = read(
    env,
    'PARLEY_MEDIA_LISTEN_IP',
    z.union([z.ipv4(), z.ipv6()]),
    isLoopback(host) ? '127.0.0.1' : '0.0.0.0',
  );
  const announced = optional(env, 'PARLEY_MEDIA_ANNOUNCED_IP');
  return {
    workers,
    minPort,
    maxPort,
    listenIp,
    announcedIp: announced && read(env, 'PARLEY_MEDIA_ANNOUNCED_IP', z.union([z.ipv4(), z.ipv6()])),
    iceServers: read(env, 'PARLEY_ICE_SERVERS', iceServersSchema, '[]'),
    answerTimeoutMs: read(env, 'PARLEY_MEDIA_ANSWER_TIMEOUT_MS', positiveInt, '10000'),
  };
}

function readCallsConfig(env: Env): CallsConfig {
  const turnUrls = read(
    env,
    'PARLEY_TURN_URLS',
    z
      .string()
      .transform((raw) =>
        raw
          .split(',')
          .map((url) => url.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(/^turns?:/, 'TURN URLs start with turn: or turns:'))),
    '',
  );
  const turnSecret = optional(env, 'PARLEY_TURN_SECRET');
  if (turnUrls.length > 0 && !turnSecret) {
    throw new ConfigError(
      'PARLEY_TURN_SECRET',
      'is required with PARLEY_TURN_URLS (coturn static-auth-secret)',
    );
  }
  return {
    turnUrls,
    turnSecret,
    turnCredentialTtlSeconds: read(env, 'PARLEY_TURN_TTL_SECONDS', positiveInt.max(7 * 86_400), '3600'),
    iceTransportPolicy: read(env, 'PARLEY_CALL_ICE_POLICY', z.enum(['all', 'relay']), 'all'),
    peerToPeerTimeoutMs: read(env, 'PARLEY_CALL_P2P_TIMEOUT_MS', positiveInt.min(1000).max(60_000), '5000'),
    maxParticipants: read(env, 'PARLEY_CALL_MAX_PARTICIPANTS', positiveInt.min(2).max(100), '32'),
    ringMs: read(env, 'PARLEY_CALL_RING_SECONDS', positiveInt.max(300), '45') * 1000,
    reconnectMs: read(env, 'PARLEY_CALL_RECONNECT_SECONDS', positiveInt.max(300), '30') * 1000,
  };
}

function isLoopback(host: string): boolean {
  return ['localhost', '::1', '[::1]'].includes(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The web client built by `npm run build`, relative to this file so it works from any cwd. */
function defaultWebDir(): string {
  return path.join(import.meta.dirname, '../../web/dist');
}
