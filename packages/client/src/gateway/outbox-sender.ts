import type { SendResult } from '@parley/protocol';
import { type ApiError, isApiError } from '../api-error.ts';
import { type Clock, systemClock, type TimerHandle } from '../clock.ts';
import { type Logger, silentLogger } from '../logger.ts';
import type { OutboxEntry, OutboxOp } from '../store/outbox-table.ts';
import { type BackoffOptions, backoffDelay } from './backoff.ts';

/** The outbox as the store keeps it. */
export interface OutboxStore {
  outboxEntries(): Promise<OutboxEntry[]>;
  completeOutbox(seq: number, result: SendResult | undefined): Promise<void>;
  failOutbox(seq: number, code: string): Promise<void>;
}

export interface OutboxSenderOptions {
  store: OutboxStore;
  /** Sends one operation as a client frame; the Gateway's `request`. */
  request(op: OutboxOp): Promise<SendResult | undefined>;
  /** The server refused an operation for good (the store marked or undid it). */
  onRejected?(op: OutboxOp, error: ApiError): void;
  clock?: Clock;
  random?: () => number;
  logger?: Logger;
  retryBackoff?: BackoffOptions;
}

/**
 * Refusals that sending again cannot change: the request is wrong or not allowed (4xx), except
 * RATE_LIMITED, which passes. Network failures and server errors (5xx) are retried.
 */
export function isPermanent(error: unknown): error is ApiError {
  return isApiError(error) && error.status >= 400 && error.status < 500 && error.code !== 'RATE_LIMITED';
}

/**
 * Sends the outbox in order, one operation at a time, so recipients see messages in the order
 * they were written. A success completes the entry (a message gets its tick), a permanent
 * refusal fails it, anything else stops the run: it resumes on flush() (the gateway connected
 * again) or after a backoff delay. Entries carry client-made ids, so a retry after an unknown
 * outcome is stored once by the server.
 */
export class OutboxSender {
  readonly #options: OutboxSenderOptions;
  readonly #clock: Clock;
  readonly #logger: Logger;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = false;
  #failures = 0;
  #retryTimer: TimerHandle | undefined;

  constructor(options: OutboxSenderOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? silentLogger;
  }

  /** Sends whatever is queued; safe to call any time (a run in progress picks it up). */
  flush(): void {
    this.#stopped = false;
    this.#cancelRetry();
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#run();
  }

  /** Stops retrying; resolves when the operation in flight has finished. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#cancelRetry();
    await this.idle();
  }

  /** Resolves when no run is in progress. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #run(): Promise<void> {
    try {
      do {
        this.#again = false;
        if (!(await this.#sendAll())) return;
      } while (this.#again && !this.#stopped);
    } finally {
      // In the same turn as the last check of #again: a flush() after it starts a new run, none
      // can fall between the check and the end of this one.
      this.#running = null;
    }
  }

  /** Returns false when a transient failure ended the run. */
  async #sendAll(): Promise<boolean> {
    const { store, request } = this.#options;
    for (const entry of await store.outboxEntries()) {
      if (this.#stopped) return false;
      try {
        const result = await request(entry.op);
        await store.completeOutbox(entry.seq, result);
        this.#failures = 0;
      } catch (error) {
        if (!isPermanent(error)) {
          this.#scheduleRetry(error);
          return false;
        }
        this.#logger.info({ code: error.code, op: entry.op.type }, 'outbox entry refused');
        await store.failOutbox(entry.seq, error.code);
        this.#options.onRejected?.(entry.op, error);
      }
    }
    return true;
  }

  #scheduleRetry(error: unknown): void {
    this.#failures += 1;
    if (this.#stopped) return;
    const delay = backoffDelay(
      this.#failures,
      this.#options.random ?? Math.random,
      this.#options.retryBackoff ?? { initialMs: 1_000, maxMs: 30_000 },
    );
    this.#logger.debug({ error, delay }, 'outbox paused');
    this.#retryTimer = this.#clock.setTimeout(() => {
      this.#retryTimer = undefined;
      this.flush();
    }, delay);
  }

  #cancelRetry(): void {
    if (this.#retryTimer === undefined) return;
    this.#clock.clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
  }
}
