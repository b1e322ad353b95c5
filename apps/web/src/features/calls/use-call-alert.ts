import { useEffect } from 'react';
import { playCallTone } from './call-tones.ts';
import type { CallView } from './calls-api.ts';

/**
 * Rings while a call rings here, plays the ringback while my call rings elsewhere, and beeps while
 * another call waits. A call ringing here also names the caller in the tab's title, for a tab in
 * the background.
 */
export function useCallAlert(phase: CallView['phase'], callerName: string, waiting: boolean): void {
  const tone =
    phase === 'incoming'
      ? 'ring'
      : phase === 'outgoing'
        ? 'ringback'
        : waiting && phase !== 'ended'
          ? 'waiting'
          : null;
  useEffect(() => (tone ? playCallTone(tone) : undefined), [tone]);

  const ringing = phase === 'incoming';
  useEffect(() => {
    if (!ringing) return;
    const before = document.title;
    document.title = `${callerName} is calling… · Parley`;
    return () => {
      document.title = before;
    };
  }, [ringing, callerName]);
}
