import type { LocalStore, StoreChanges } from '@parley/client';
import { useEffect, useState } from 'react';

/**
 * Runs a store query and runs it again after every change it cares about. Changes that arrive
 * while a query runs are folded into one more run, so a burst of events costs two queries.
 * Returns undefined until the first answer for the current `key`.
 */
export function useStoreQuery<T>(
  store: LocalStore,
  key: string,
  query: () => Promise<T>,
  relevant: (changes: StoreChanges) => boolean,
): T | undefined {
  const [result, setResult] = useState<{ key: string; value: T } | null>(null);
  // `query` and `relevant` are read through the effect's closure; `key` says when they change.
  // biome-ignore lint/correctness/useExhaustiveDependencies: key identifies the query
  useEffect(() => {
    let cancelled = false;
    let running = false;
    let again = false;
    const run = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          const value = await query();
          if (!cancelled) setResult({ key, value });
        } while (again && !cancelled);
      } catch (error) {
        // The store closed (sign-out) or a bug: keep the last answer on screen.
        if (!cancelled) console.error('a local history query failed', error);
      } finally {
        running = false;
      }
    };
    void run();
    const unsubscribe = store.subscribe((changes) => {
      if (relevant(changes)) void run();
    });
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [store, key]);
  return result?.key === key ? result.value : undefined;
}
