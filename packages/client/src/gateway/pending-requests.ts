import { ApiError } from '../api-error.ts';
import type { Clock, TimerHandle } from '../clock.ts';

interface Pending<T> {
  resolve(data: T): void;
  reject(error: ApiError): void;
  timer: TimerHandle;
}

/** Client frames waiting for their `ok` or `error` answer (whose data is a T), matched by frame id. */
export class PendingRequests<T> {
  readonly #clock: Clock;
  readonly #pending = new Map<string, Pending<T>>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Resolves with the `ok` frame's data; rejects with NETWORK if no answer comes in time. */
  add(id: string, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = this.#clock.setTimeout(() => {
        this.#pending.delete(id);
        reject(new ApiError('NETWORK', 0, `The server did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(id, { resolve, reject, timer });
    });
  }

  resolve(id: string, data: T): void {
    this.#take(id)?.resolve(data);
  }

  reject(id: string, error: ApiError): void {
    this.#take(id)?.reject(error);
  }

  /** The connection is gone: nothing in flight will be answered on it. */
  rejectAll(error: ApiError): void {
    for (const id of [...this.#pending.keys()]) this.reject(id, error);
  }

  #take(id: string): Pending<T> | undefined {
    const pending = this.#pending.get(id);
    if (!pending) return undefined;
    this.#pending.delete(id);
    this.#clock.clearTimeout(pending.timer);
    return pending;
  }
}
