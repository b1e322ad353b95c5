import type { Persistence, StoreBackend } from './local-store.ts';
import type { StoreCalls, StoreEngine } from './store-engine.ts';

/** Runs the engine in the calling thread: Node (tests, tools), where blocking calls are fine. */
export function inThreadBackend(engine: StoreEngine, persistence: Persistence): StoreBackend {
  let closed = false;
  return {
    persistence,
    async call<K extends keyof StoreCalls>(method: K, args: Parameters<StoreCalls[K]>) {
      if (closed) throw new Error('The local store is closed.');
      const fn = engine[method] as (...a: Parameters<StoreCalls[K]>) => ReturnType<StoreCalls[K]>;
      // Structured clone, as the Worker boundary does, so callers never share rows with the engine.
      return structuredClone(fn.apply(engine, args));
    },
    onChange(listener) {
      engine.onChange = listener;
    },
    async close() {
      if (closed) return;
      closed = true;
      engine.close();
    },
  };
}
