import type { ChildProcess } from 'node:child_process';
import { errorFromInfo, InvalidStateError } from './errors.ts';
import type {
  ChildMessage,
  NotificationEvent,
  RequestData,
  RequestMethod,
  ResponseData,
  StatsBatch,
} from './protocol.ts';

/** How long a request may wait for the worker before it fails (a wedged worker must not hang a join). */
const requestTimeoutMs = 15_000;

/** Notifications from the child, plus 'stats' which the worker fans out from its batch. */
export type ChannelEvent = NotificationEvent | 'stats';
export type NotificationHandler = (event: ChannelEvent, data: unknown) => void;

interface Pending {
  resolve: (data: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * The server side of the IPC channel to one worker process: numbered requests answered by responses,
 * and notifications routed to the object (router, transport, consumer...) they name.
 */
export class Channel {
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, Pending>();
  readonly #handlers = new Map<string, NotificationHandler>();
  #nextId = 1;
  #closed = false;

  constructor(child: ChildProcess) {
    this.#child = child;
    child.on('message', (message: ChildMessage) => this.#onMessage(message));
  }

  get closed(): boolean {
    return this.#closed;
  }

  request<M extends RequestMethod>(method: M, data: RequestData<M>): Promise<ResponseData<M>> {
    if (this.#closed) return Promise.reject(new InvalidStateError('worker closed'));
    const id = this.#nextId++;
    return new Promise<ResponseData<M>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`worker request ${method} timed out`));
      }, requestTimeoutMs);
      timer.unref();
      this.#pending.set(id, { resolve: resolve as (data: unknown) => void, reject, timer });
      this.#child.send({ type: 'request', id, method, data }, (error) => {
        if (!error) return;
        clearTimeout(timer);
        this.#pending.delete(id);
        reject(new InvalidStateError(`worker unreachable: ${error.message}`));
      });
    });
  }

  subscribe(targetId: string, handler: NotificationHandler): void {
    this.#handlers.set(targetId, handler);
  }

  unsubscribe(targetId: string): void {
    this.#handlers.delete(targetId);
  }

  /** Delivers the worker's stats batch to each producer and consumer still registered. */
  dispatchStats(batch: StatsBatch): void {
    for (const stats of batch.producers) this.#handlers.get(stats.producerId)?.('stats', stats);
    for (const stats of batch.consumers) this.#handlers.get(stats.consumerId)?.('stats', stats);
  }

  /** Fails every pending request; later requests fail at once. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new InvalidStateError('worker closed'));
    }
    this.#pending.clear();
    this.#handlers.clear();
  }

  #onMessage(message: ChildMessage): void {
    if (message.type === 'response') {
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id);
      clearTimeout(pending.timer);
      if (message.ok) pending.resolve(message.data);
      else pending.reject(errorFromInfo(message.error));
      return;
    }
    this.#handlers.get(message.targetId)?.(message.event, message.data);
  }
}
