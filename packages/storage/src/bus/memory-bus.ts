import type { Bus } from './bus.ts';
import {
  type BusHandler,
  type BusHandlerErrorListener,
  encodeMessage,
  logHandlerError,
} from './bus-handler.ts';

interface Subscription {
  handler: BusHandler;
  active: boolean;
}

/** Options of a MemoryBus. */
export interface MemoryBusOptions {
  /** Join another MemoryBus's topics, as two nodes share Redis: for multi-node tests in one process. */
  sharedWith?: MemoryBus;
  onHandlerError?: BusHandlerErrorListener;
}

/**
 * The bus of a single node (embedded mode). Messages go through JSON as on Redis, so a handler
 * gets its own copy and the same values are accepted, and they are delivered asynchronously, in
 * publish order, to the handlers subscribed when `publish` was called.
 */
export class MemoryBus implements Bus {
  readonly #topics: Map<string, Set<Subscription>>;
  readonly #own = new Set<() => Promise<void>>();
  readonly #onHandlerError: BusHandlerErrorListener;
  #closed = false;

  constructor(options: MemoryBusOptions = {}) {
    this.#topics = options.sharedWith ? options.sharedWith.#topics : new Map();
    this.#onHandlerError = options.onHandlerError ?? logHandlerError;
  }

  async publish(topic: string, message: unknown): Promise<void> {
    this.#assertOpen();
    const payload = encodeMessage(message);
    const subscriptions = [...(this.#topics.get(topic) ?? [])];
    if (subscriptions.length === 0) return;
    // Not synchronous: a handler that publishes would otherwise have its message delivered to the
    // next handlers before the one they are about to receive.
    queueMicrotask(() => {
      for (const subscription of subscriptions) {
        if (!subscription.active) continue;
        try {
          subscription.handler(JSON.parse(payload));
        } catch (error) {
          this.#onHandlerError(error, topic);
        }
      }
    });
  }

  async subscribe(topic: string, handler: BusHandler): Promise<() => Promise<void>> {
    this.#assertOpen();
    const subscription: Subscription = { handler, active: true };
    let subscriptions = this.#topics.get(topic);
    if (!subscriptions) {
      subscriptions = new Set();
      this.#topics.set(topic, subscriptions);
    }
    subscriptions.add(subscription);
    const unsubscribe = async () => {
      subscription.active = false;
      this.#own.delete(unsubscribe);
      const current = this.#topics.get(topic);
      if (current?.delete(subscription) && current.size === 0) this.#topics.delete(topic);
    };
    this.#own.add(unsubscribe);
    return unsubscribe;
  }

  async ping(): Promise<void> {
    this.#assertOpen();
  }

  /** Drops this bus's subscriptions; buses it shares topics with keep theirs. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#own].map((unsubscribe) => unsubscribe()));
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('the bus is closed');
  }
}
