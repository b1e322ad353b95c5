import { type ApiClient, isApiError } from '@parley/client';
import type { RecordingPlayback } from '@parley/protocol';
import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../../app/error-messages.ts';
import { isSettling } from './recording-words.ts';

/** How often a recording that is still being recorded or rendered is asked for again. */
const pollMs = 2_000;

export type PlaybackLoad =
  | { status: 'loading' }
  | { status: 'error'; message: string; notFound: boolean }
  | { status: 'loaded'; playback: RecordingPlayback };

/** Loads a recording for its page, and again every 2 s while it records or renders. */
export function useRecordingPlayback(api: ApiClient, recordingId: string) {
  const [load, setLoad] = useState<PlaybackLoad>({ status: 'loading' });
  const [reloads, setReloads] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `reloads` asks again
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fetchOnce = () => {
      api.getRecording(recordingId).then(
        (playback) => {
          if (cancelled) return;
          setLoad({ status: 'loaded', playback });
          if (isSettling(playback.recording)) timer = setTimeout(fetchOnce, pollMs);
        },
        (error: unknown) => {
          if (cancelled) return;
          const notFound = isApiError(error) && error.code === 'RECORDING_NOT_FOUND';
          // A failed poll keeps what is shown; only a first load shows the error.
          setLoad((current) =>
            current.status === 'loaded' && !notFound
              ? current
              : { status: 'error', message: describeError(error), notFound },
          );
          if (!notFound) timer = setTimeout(fetchOnce, pollMs * 3);
        },
      );
    };
    fetchOnce();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, recordingId, reloads]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const replaceRecording = useCallback((recording: RecordingPlayback['recording']) => {
    setLoad((current) =>
      current.status === 'loaded'
        ? { status: 'loaded', playback: { ...current.playback, recording } }
        : current,
    );
  }, []);
  return { load, reload, replaceRecording };
}
