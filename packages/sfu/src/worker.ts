import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Channel } from './channel.ts';
import { EnhancedEventEmitter } from './enhanced-event-emitter.ts';
import { InvalidStateError } from './errors.ts';
import { defaultMediaCodecs, validateMediaCodecs } from './media/peer-config.ts';
import {
  type LogEntry,
  type StatsBatch,
  type WorkerSettings,
  workerSettingsEnv,
  workerTargetId,
} from './protocol.ts';
import { Router, type RouterOptions } from './router.ts';
import type { AppData, LogLevel, WorkerResourceUsage } from './types.ts';

export type WorkerEvents = {
  /** The worker process exited without `close()`; its routers have emitted `workerclose`. */
  died: [Error];
  /** A log record of the media plane at or above the worker's `logLevel`. */
  log: [LogEntry];
  listenererror: [string, unknown];
};

export type WorkerObserverEvents = {
  close: [];
  newrouter: [Router];
};

export interface WorkerOptions<TAppData extends AppData = AppData> {
  /** UDP ports of this worker's transports; workers of one host need ranges that do not overlap. */
  rtcMinPort?: number;
  rtcMaxPort?: number;
  /** Default 'warn'. */
  logLevel?: LogLevel;
  /** How often producers and consumers get a `stats` observer event; 0 turns it off. Default 1000. */
  statsIntervalMs?: number;
  /** Receive and send buffer of every media socket. Default 1 MiB (the OS default drops bursts). */
  udpBufferBytes?: number;
  /** Extra Node flags for the worker process, e.g. `['--cpu-prof']` to profile it. */
  nodeArgs?: string[];
  appData?: TAppData;
}

const startTimeoutMs = 30_000;
const entry = fileURLToPath(new URL('./media/main.ts', import.meta.url));

/** Node flags that let the child load the TypeScript entry (the repository runs TypeScript through tsx). */
function childExecArgv(): string[] {
  if (!entry.endsWith('.ts')) return [];
  const loader = createRequire(import.meta.url).resolve('tsx');
  return ['--import', pathToFileURL(loader).href];
}

/** Starts a worker process and resolves once it serves requests. */
export async function createWorker<TAppData extends AppData = AppData>(
  options: WorkerOptions<TAppData> = {},
): Promise<Worker<TAppData>> {
  const settings: WorkerSettings = {
    rtcMinPort: options.rtcMinPort ?? 40000,
    rtcMaxPort: options.rtcMaxPort ?? 49999,
    logLevel: options.logLevel ?? 'warn',
    statsIntervalMs: options.statsIntervalMs ?? 1000,
    udpBufferBytes: options.udpBufferBytes ?? 1024 * 1024,
  };
  if (
    !(settings.rtcMinPort > 0 && settings.rtcMinPort < settings.rtcMaxPort && settings.rtcMaxPort <= 65535)
  ) {
    throw new TypeError('rtcMinPort must be below rtcMaxPort, within 1-65535');
  }
  const child = fork(entry, [], {
    env: { ...process.env, [workerSettingsEnv]: JSON.stringify(settings) },
    execArgv: [...childExecArgv(), ...(options.nodeArgs ?? [])],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const worker = new Worker(child, options.appData ?? ({} as TAppData));
  await worker.started();
  return worker;
}

/**
 * A child process hosting werift's media plane: routers, transports, producers, consumers. The server
 * runs one per core (the caller picks how many, with port ranges that do not overlap).
 */
export class Worker<TAppData extends AppData = AppData> extends EnhancedEventEmitter<WorkerEvents> {
  readonly id = randomUUID();
  readonly pid: number;
  readonly appData: TAppData;
  readonly observer = new EnhancedEventEmitter<WorkerObserverEvents>();
  readonly #child: ChildProcess;
  readonly #channel: Channel;
  readonly #routers = new Map<string, Router>();
  readonly #started: Promise<void>;
  #closed = false;
  #died = false;

  /** @internal Use `createWorker()`. */
  constructor(child: ChildProcess, appData: TAppData) {
    super();
    if (child.pid === undefined) throw new Error('the worker process did not start');
    this.#child = child;
    this.pid = child.pid;
    this.appData = appData;
    this.#channel = new Channel(child);
    this.#started = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('the worker process did not start in time')),
        startTimeoutMs,
      );
      const fail = (error: Error) => {
        clearTimeout(timer);
        reject(error);
      };
      child.once('error', fail);
      child.once('exit', (code, signal) =>
        fail(new Error(`the worker process exited at start (${code ?? signal})`)),
      );
      this.#channel.subscribe(workerTargetId, (event, data) => {
        if (event === 'worker.running') {
          clearTimeout(timer);
          resolve();
        } else if (event === 'worker.log') {
          this.safeEmit('log', data as LogEntry);
        } else if (event === 'worker.stats') {
          this.#channel.dispatchStats(data as StatsBatch);
        }
      });
    });
    this.#started.catch(() => this.close());
    child.on('exit', (code, signal) => {
      if (this.#closed) return;
      this.#workerDied(new Error(`worker process ${this.pid} exited (code ${code}, signal ${signal})`));
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  get died(): boolean {
    return this.#died;
  }

  get routers(): ReadonlyMap<string, Router> {
    return this.#routers;
  }

  /** @internal */
  started(): Promise<void> {
    return this.#started;
  }

  /** One router per meeting. */
  async createRouter<T extends AppData = AppData>(options: RouterOptions<T> = {}): Promise<Router<T>> {
    if (this.#closed) throw new InvalidStateError('worker closed');
    const mediaCodecs = options.mediaCodecs ?? defaultMediaCodecs;
    validateMediaCodecs(mediaCodecs);
    const id = randomUUID();
    await this.#channel.request('worker.createRouter', { routerId: id, mediaCodecs });
    const router = new Router<T>({
      id,
      mediaCodecs,
      appData: options.appData ?? ({} as T),
      internal: { channel: this.#channel, onClose: (closed) => this.#routers.delete(closed.id) },
    });
    if (this.#closed) {
      router.workerClosed();
      throw new InvalidStateError('worker closed');
    }
    this.#routers.set(id, router as Router);
    this.observer.safeEmit('newrouter', router as Router);
    return router;
  }

  /** CPU, memory, event-loop delay (since the previous call) and object counts of the worker process. */
  getResourceUsage(): Promise<WorkerResourceUsage> {
    return this.#channel.request('worker.getResourceUsage', {});
  }

  /** Ends the process; its routers emit `workerclose`. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#channel.close();
    this.#child.kill('SIGTERM');
    for (const router of [...this.#routers.values()]) router.workerClosed();
    this.observer.safeEmit('close');
  }

  #workerDied(error: Error): void {
    this.#closed = true;
    this.#died = true;
    this.#channel.close();
    for (const router of [...this.#routers.values()]) router.workerClosed();
    this.safeEmit('died', error);
    this.observer.safeEmit('close');
  }
}
