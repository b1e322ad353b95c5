import type { LiveRecording } from '@parley/protocol';
import { useEffect, useRef } from 'react';
import { recordingNotice } from './recording-controls.ts';

/** Tells everyone when the recording starts, pauses, resumes or stops (and, on joining, that it is on). */
export function useRecordingNotice(state: LiveRecording | null, show: (text: string) => void): void {
  const seen = useRef<LiveRecording | null>(null);
  useEffect(() => {
    if (state === null) return;
    const words = recordingNotice(seen.current, state);
    seen.current = state;
    if (words !== null) show(words);
  }, [state, show]);
}
