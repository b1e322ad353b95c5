/** An opaque timer handle: a number in browsers, an object in Node. */
export type TimerHandle = ReturnType<typeof setTimeout>;

/**
 * Time as the SDK sees it. Injected so tests drive heartbeats, backoff, ack batching and typing
 * expiry deterministically instead of sleeping.
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle),
};
