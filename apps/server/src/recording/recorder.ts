import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SubscribedTrack } from '@parley/protocol';
import type { Logger } from 'pino';
import {
  type FromRecorder,
  type RecordedChunk,
  recorderChunkMsEnv,
  type ToRecorder,
} from './recorder-messages.ts';

const entry = fileURLToPath(new URL('./recorder-main.ts', import.meta.url));
const answerTimeoutMs = 15_000;
const closeTimeoutMs = 30_000;
/** A recorder that keeps dying is started again at most this often. */
const restartBackoffMs = 1000;
/** With no meeting media on this node and nothing recording, the process goes after this long. */
const defaultIdleStopMs = 5 * 60_000;

/** What a recording session hears from the recorder. */
export interface RecorderSessionEvents {
  chunk(chunk: RecordedChunk): void;
  /** The recorder process died: the session's unfinished chunks are gone; attach again. */
  lost(): void;
}

type Waiter = { resolve: (value: string) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };

/**
 * This node's recorder process, started ahead of the first recording (`hold`, when a meeting's
 * media starts) and started again when it dies (sessions hear `lost` and attach again, which starts
 * the new process). It is its own process so that its crash takes nothing but the chunks being
 * written. Once no meeting media holds it and nothing records, it stops after `idleStopMs`.
 */
export class Recorder {
  #child: ChildProcess | undefined;
  #ready: Promise<ChildProcess> | undefined;
  #lastStart = 0;
  #stopped = false;
  #holds = 0;
  #idleTimer: NodeJS.Timeout | undefined;
  readonly #sessions = new Map<string, RecorderSessionEvents>();
  readonly #answers = new Map<string, Waiter>();
  readonly #closes = new Map<string, Waiter>();

  constructor(
    private readonly chunkMs: number,
    private readonly logger: Logger,
    private readonly idleStopMs = defaultIdleStopMs,
  ) {}

  /** The recorder's process id while it runs (the benchmark reads its CPU time). */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /**
   * A meeting's media started, so a host may press Record: the process starts now unless it runs,
   * so that the recording finds it ready (it takes seconds to load, more on a busy machine, and a
   * recording has no media until it runs). It keeps running until every hold is let go.
   */
  hold(): () => void {
    this.#holds += 1;
    this.#stayUp();
    if (!this.#stopped) {
      this.#start().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'recorder did not start ahead of a recording'),
      );
    }
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.#holds -= 1;
      this.#idleSoon();
    };
  }

  register(sessionId: string, events: RecorderSessionEvents): void {
    this.#sessions.set(sessionId, events);
    this.#stayUp();
  }

  /** Relays the router's subscribe offer to the session and resolves with the recorder's answer. */
  async offer(sessionId: string, sdp: string, tracks: SubscribedTrack[], listenIp: string): Promise<string> {
    const child = await this.#start();
    return this.#wait(this.#answers, sessionId, answerTimeoutMs, () =>
      this.#send(child, { type: 'offer', sessionId, sdp, tracks, listenIp }),
    );
  }

  pause(sessionId: string): void {
    if (this.#child) this.#send(this.#child, { type: 'pause', sessionId });
  }

  resume(sessionId: string): void {
    if (this.#child) this.#send(this.#child, { type: 'resume', sessionId });
  }

  /** Ends the session once its last chunks have come in (or the recorder died meanwhile). */
  async close(sessionId: string): Promise<void> {
    const child = this.#child;
    try {
      if (child && child.exitCode === null) {
        await this.#wait(this.#closes, sessionId, closeTimeoutMs, () =>
          this.#send(child, { type: 'close', sessionId }),
        );
      }
    } catch (error) {
      this.logger.warn({ err: error, sessionId }, 'recording session did not close cleanly');
    } finally {
      this.#sessions.delete(sessionId);
      this.#idleSoon();
    }
  }

  /** Server shutdown: the process goes (sessions are not told; their meetings are closing too). */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#stayUp();
    this.#sessions.clear();
    const child = this.#child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  #stayUp(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }

  /** Nothing needs the process any more: it goes after `idleStopMs` unless something does again. */
  #idleSoon(): void {
    if (this.#holds > 0 || this.#sessions.size > 0 || this.#stopped || this.#idleTimer) return;
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = undefined;
      const child = this.#child;
      if (this.#holds > 0 || this.#sessions.size > 0 || !child) return;
      this.logger.info({ pid: child.pid }, 'recorder idle; stopping it');
      // Forgotten first, so that its exit is not taken for a crash (see #onExit).
      this.#child = undefined;
      this.#ready = undefined;
      child.kill('SIGTERM');
    }, this.idleStopMs);
    this.#idleTimer.unref();
  }

  #start(): Promise<ChildProcess> {
    if (this.#stopped) return Promise.reject(new Error('the recorder is stopped'));
    this.#ready ??= this.#spawn().catch((error: unknown) => {
      this.#ready = undefined;
      throw error;
    });
    return this.#ready;
  }

  async #spawn(): Promise<ChildProcess> {
    const wait = this.#lastStart + restartBackoffMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    this.#lastStart = Date.now();
    const child = fork(entry, [], {
      env: { ...process.env, [recorderChunkMsEnv]: String(this.chunkMs) },
      execArgv: tsxExecArgv(),
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.#child = child;
    child.on('message', (message: FromRecorder) => this.#onMessage(message));
    child.once('exit', (code, signal) => this.#onExit(child, code, signal));
    await new Promise<void>((resolve, reject) => {
      const onReady = (message: FromRecorder) => {
        if (message.type !== 'ready') return;
        child.off('message', onReady);
        child.off('exit', onEarlyExit);
        resolve();
      };
      const onEarlyExit = () => reject(new Error('the recorder process exited while starting'));
      child.on('message', onReady);
      child.once('exit', onEarlyExit);
    });
    this.logger.info({ pid: child.pid }, 'recorder started');
    return child;
  }

  #onMessage(message: FromRecorder): void {
    switch (message.type) {
      case 'ready':
        return;
      case 'answer':
        this.#settle(this.#answers, message.sessionId, message.sdp);
        return;
      case 'closed':
        this.#settle(this.#closes, message.sessionId, '');
        return;
      case 'failed':
        this.logger.warn(
          { sessionId: message.sessionId, reason: message.message },
          'recorder session failed',
        );
        this.#settle(this.#closes, message.sessionId, '');
        this.#settle(this.#answers, message.sessionId, new Error(message.message));
        return;
      case 'chunk': {
        const { type: _type, sessionId, ...chunk } = message;
        this.#sessions.get(sessionId)?.chunk(chunk);
        return;
      }
    }
  }

  #onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.#child !== child) return;
    this.#child = undefined;
    this.#ready = undefined;
    const gone = new Error('the recorder process exited');
    for (const waiters of [this.#answers, this.#closes]) {
      for (const [sessionId, waiter] of waiters) {
        clearTimeout(waiter.timer);
        waiters.delete(sessionId);
        // A session that was closing has nothing left to wait for.
        if (waiters === this.#closes) waiter.resolve('');
        else waiter.reject(gone);
      }
    }
    if (this.#stopped) return;
    this.logger.error({ code, signal }, 'recorder process died; recordings attach to a new one');
    for (const events of [...this.#sessions.values()]) events.lost();
  }

  #wait(
    waiters: Map<string, Waiter>,
    sessionId: string,
    timeoutMs: number,
    send: () => void,
  ): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(sessionId);
        reject(new Error(`the recorder did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      const previous = waiters.get(sessionId);
      if (previous) {
        clearTimeout(previous.timer);
        previous.reject(new Error('superseded by a newer request'));
      }
      waiters.set(sessionId, { resolve, reject, timer });
      send();
    });
  }

  #settle(waiters: Map<string, Waiter>, sessionId: string, result: string | Error): void {
    const waiter = waiters.get(sessionId);
    if (!waiter) return;
    waiters.delete(sessionId);
    clearTimeout(waiter.timer);
    if (result instanceof Error) waiter.reject(result);
    else waiter.resolve(result);
  }

  #send(child: ChildProcess, message: ToRecorder): void {
    if (child.connected) child.send(message);
  }
}

/** Node flags that let the child load the TypeScript entry (the repository runs TypeScript through tsx). */
function tsxExecArgv(): string[] {
  const loader = createRequire(import.meta.url).resolve('tsx');
  return ['--import', pathToFileURL(loader).href];
}
