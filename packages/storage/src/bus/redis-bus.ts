import type { Redis } from 'ioredis';
import { closeRedis, connectRedis, pingRedis } from '../redis/redis-connection.ts';
import type { Bus } from './bus.ts';
import {
  type BusHandler,
  type BusHandlerErrorListener,
  encodeMessage,
  logHandlerError,
} from './bus-handler.ts';

/** Options of a RedisBus. */
export interface RedisBusOptions {
  /** A redis:// URL. */
  url: string;
  /** Put before every topic to make the channel name; lets deployments and test suites share a Redis. */
  prefix?: string;
  onHandlerError?: BusHandlerErrorListener;
  /** Connection errors, including each failed reconnection while Redis is down. */
  onConnectionError?: (error: Error) => void;
}

interface Channel {
  /** One entry per subscribe call, so one handler subscribed twice is two subscriptions. */
  subscriptions: Set<{ handler: BusHandler }>;
  /** Settles when Redis has confirmed the SUBSCRIBE. */
  subscribed: Promise<unknown>;
}

/**
 * The bus between server nodes (scaled mode): Redis pub/sub, one connection to publish and one
 * in subscriber mode, shared by every topic of this node. One PUBLISH connection keeps the order
 * of this node's messages; ioredis resubscribes after a reconnection, and messages published in
 * between are lost (at most once).
 */
export class RedisBus implements Bus {
  readonly #publisher: Redis;
  readonly #subscriber: Redis;
  readonly #prefix: string;
  readonly #onHandlerError: BusHandlerErrorListener;
  readonly #channels = new Map<string, Channel>();
  #closing: Promise<void> | undefined;

  constructor(options: RedisBusOptions) {
    this.#prefix = options.prefix ?? 'parley:bus:';
    this.#onHandlerError = options.onHandlerError ?? logHandlerError;
    this.#publisher = connectRedis(options.url, options.onConnectionError);
    this.#subscriber = connectRedis(options.url, options.onConnectionError);
    this.#subscriber.on('message', (channel: string, payload: string) => this.#dispatch(channel, payload));
  }

  async publish(topic: string, message: unknown): Promise<void> {
    this.#assertOpen();
    await this.#publisher.publish(this.#prefix + topic, encodeMessage(message));
  }

  async subscribe(topic: string, handler: BusHandler): Promise<() => Promise<void>> {
    this.#assertOpen();
    const name = this.#prefix + topic;
    let channel = this.#channels.get(name);
    if (!channel) {
      channel = { subscriptions: new Set(), subscribed: this.#subscriber.subscribe(name) };
      this.#channels.set(name, channel);
    }
    const subscription = { handler };
    channel.subscriptions.add(subscription);
    try {
      // A second subscriber of the topic waits for the first one's SUBSCRIBE too.
      await channel.subscribed;
    } catch (error) {
      // Redis did not subscribe, so there is nothing to UNSUBSCRIBE.
      channel.subscriptions.delete(subscription);
      if (channel.subscriptions.size === 0 && this.#channels.get(name) === channel) {
        this.#channels.delete(name);
      }
      throw error;
    }
    return () => this.#remove(name, channel, subscription);
  }

  async ping(): Promise<void> {
    this.#assertOpen();
    await Promise.all([pingRedis(this.#publisher), pingRedis(this.#subscriber)]);
  }

  async close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#channels.clear();
      await Promise.all([closeRedis(this.#publisher), closeRedis(this.#subscriber)]);
    })();
    return this.#closing;
  }

  async #remove(name: string, channel: Channel, subscription: { handler: BusHandler }): Promise<void> {
    if (!channel.subscriptions.delete(subscription) || channel.subscriptions.size > 0) return;
    if (this.#channels.get(name) !== channel) return;
    this.#channels.delete(name);
    if (this.#closing) return;
    // A subscribe() of the same topic from now on sends its SUBSCRIBE after this UNSUBSCRIBE on
    // the same connection, so Redis ends up subscribed.
    await this.#subscriber.unsubscribe(name);
  }

  #dispatch(name: string, payload: string): void {
    const channel = this.#channels.get(name);
    if (!channel) return;
    const topic = name.slice(this.#prefix.length);
    for (const { handler } of [...channel.subscriptions]) {
      try {
        handler(JSON.parse(payload));
      } catch (error) {
        this.#onHandlerError(error, topic);
      }
    }
  }

  #assertOpen(): void {
    if (this.#closing) throw new Error('the bus is closed');
  }
}
