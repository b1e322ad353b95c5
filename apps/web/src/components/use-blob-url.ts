import { useEffect, useState } from 'react';

export type BlobUrlState = { status: 'loading' } | { status: 'ready'; url: string } | { status: 'failed' };

/**
 * An object URL for bytes loaded on demand (null `load` waits), revoked when the component
 * goes or `key` changes. `key` names what `load` loads, since the function changes each render.
 */
export function useBlobUrl(key: string, load: (() => Promise<Blob>) | null): BlobUrlState {
  const [state, setState] = useState<{ key: string; value: BlobUrlState }>({
    key,
    value: { status: 'loading' },
  });
  const waiting = load === null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` identifies `load`
  useEffect(() => {
    if (load === null) return;
    let url: string | null = null;
    let cancelled = false;
    setState({ key, value: { status: 'loading' } });
    load().then(
      (blob) => {
        if (cancelled) return;
        url = URL.createObjectURL(blob);
        setState({ key, value: { status: 'ready', url } });
      },
      () => !cancelled && setState({ key, value: { status: 'failed' } }),
    );
    return () => {
      cancelled = true;
      if (url !== null) URL.revokeObjectURL(url);
    };
  }, [key, waiting]);
  return state.key === key ? state.value : { status: 'loading' };
}
