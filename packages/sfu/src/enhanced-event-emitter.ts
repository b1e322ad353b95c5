import { EventEmitter } from 'node:events';

/** Event name -> listener arguments, as in `{ transportclose: []; layerschange: [ConsumerLayers | null] }`. */
export type Events = Record<string, unknown[]>;

/**
 * Node's EventEmitter with typed events (as mediasoup's). `safeEmit` is what the SFU uses for events
 * it raises from IPC notifications: a throwing application listener is reported through
 * `listenererror` instead of breaking the channel that delivered the notification.
 */
export class EnhancedEventEmitter<E extends Events = Events> extends EventEmitter {
  constructor() {
    super();
    this.setMaxListeners(Number.POSITIVE_INFINITY);
  }

  override emit<K extends keyof E & string>(eventName: K, ...args: E[K]): boolean {
    return super.emit(eventName, ...args);
  }

  safeEmit<K extends keyof E & string>(eventName: K, ...args: E[K]): boolean {
    try {
      return super.emit(eventName, ...args);
    } catch (error) {
      try {
        super.emit('listenererror', eventName, error);
      } catch {}
      return Boolean(this.listenerCount(eventName));
    }
  }

  override on<K extends keyof E & string>(eventName: K, listener: (...args: E[K]) => void): this {
    return super.on(eventName, listener as (...args: unknown[]) => void);
  }

  override once<K extends keyof E & string>(eventName: K, listener: (...args: E[K]) => void): this {
    return super.once(eventName, listener as (...args: unknown[]) => void);
  }

  override off<K extends keyof E & string>(eventName: K, listener: (...args: E[K]) => void): this {
    return super.off(eventName, listener as (...args: unknown[]) => void);
  }

  override addListener<K extends keyof E & string>(eventName: K, listener: (...args: E[K]) => void): this {
    return super.addListener(eventName, listener as (...args: unknown[]) => void);
  }

  override removeListener<K extends keyof E & string>(eventName: K, listener: (...args: E[K]) => void): this {
    return super.removeListener(eventName, listener as (...args: unknown[]) => void);
  }
}
