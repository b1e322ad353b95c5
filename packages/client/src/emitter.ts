type Listener<Args extends unknown[]> = (...args: Args) => void;

/**
 * Event name -> listener arguments, as in `{ state: [ConnectionState]; typing: [TypingSignal] }`.
 * A small typed emitter that works in browsers and workers (no Node `events`). `on` returns the
 * unsubscribe function, which is what a React effect wants to return.
 */
export class Emitter<Events extends { [K in keyof Events]: unknown[] }> {
  readonly #listeners = new Map<keyof Events, Set<Listener<never>>>();

  on<K extends keyof Events>(name: K, listener: Listener<Events[K]>): () => void {
    let set = this.#listeners.get(name);
    if (!set) {
      set = new Set();
      this.#listeners.set(name, set);
    }
    set.add(listener as Listener<never>);
    return () => {
      set.delete(listener as Listener<never>);
    };
  }

  emit<K extends keyof Events>(name: K, ...args: Events[K]): void {
    for (const listener of [...(this.#listeners.get(name) ?? [])]) {
      // One failing UI listener must not stop the others or the SDK's own state machine.
      try {
        (listener as Listener<Events[K]>)(...args);
      } catch (error) {
        reportListenerError(error);
      }
    }
  }
}

function reportListenerError(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}
