import type { SearchHit } from '@parley/client';
import { useEffect, useState } from 'react';
import { useMessenger } from './messenger-context.ts';

const debounceMs = 150;

/** Full-text search of the local history as the person types; undefined while searching. */
export function useSearch(query: string, chatId?: string): SearchHit[] | undefined {
  const { store } = useMessenger();
  const [result, setResult] = useState<{ query: string; hits: SearchHit[] } | null>(null);
  const trimmed = query.trim();
  useEffect(() => {
    if (trimmed === '') return;
    let cancelled = false;
    const timer = setTimeout(() => {
      store.search(trimmed, chatId === undefined ? { limit: 50 } : { chatId, limit: 50 }).then(
        (hits) => !cancelled && setResult({ query: trimmed, hits }),
        () => !cancelled && setResult({ query: trimmed, hits: [] }),
      );
    }, debounceMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [store, trimmed, chatId]);
  return result?.query === trimmed ? result.hits : undefined;
}
