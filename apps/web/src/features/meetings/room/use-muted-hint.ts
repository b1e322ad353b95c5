import type { MeetingRoom } from '@parley/client';
import { useEffect, useRef } from 'react';
import { mutedHint, mutedHintDue } from './muted-hint.ts';
import type { ToastOptions } from './use-meeting-toasts.ts';

interface MutedHintOptions {
  room: MeetingRoom;
  micOn: boolean;
  show(text: string, options?: ToastOptions): void;
  dismissTopic(topic: string): void;
  /** Keep it stable (useCallback): the listener is set up again whenever it changes. */
  unmute(): void;
}

/**
 * Tells me when I speak while muted, as a toast over the toolbar with a button to unmute: at
 * most every 30 s, for 5 s, and gone as soon as I unmute.
 */
export function useMutedHint({ room, micOn, show, dismissTopic, unmute }: MutedHintOptions): void {
  const lastShownAt = useRef<number | null>(null);

  useEffect(
    () =>
      room.on('speaking-while-muted', () => {
        if (room.getSnapshot().local.micOn) return;
        // Monotonic: a wall clock set back would silence the hint for as long.
        const now = performance.now();
        if (!mutedHintDue(lastShownAt.current, now)) return;
        lastShownAt.current = now;
        show(mutedHint.text, {
          action: { label: mutedHint.action, onSelect: unmute },
          topic: mutedHint.topic,
          durationMs: mutedHint.showMs,
        });
      }),
    [room, show, unmute],
  );

  useEffect(() => {
    if (micOn) dismissTopic(mutedHint.topic);
  }, [micOn, dismissTopic]);
}
