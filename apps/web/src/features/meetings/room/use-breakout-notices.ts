import type { MeetingRoom } from '@parley/client';
import { useEffect } from 'react';
import { broadcastWords, helpWords, moveWords } from './breakout-banner.ts';
import type { RunCommand } from './ParticipantsPanel.tsx';
import type { ToastOptions } from './use-meeting-toasts.ts';

interface BreakoutNoticeOptions {
  room: MeetingRoom;
  show(text: string, options?: ToastOptions): void;
  run: RunCommand;
}

/** Long enough to read a host's message to every room, or to go and help. */
const longToastMs = 20_000;

/**
 * The breakout rooms' notices, as toasts: where I was moved, the hosts' messages to every room,
 * and (to hosts) who asks for help, with "Join room". Help toasts go when the breakout rooms panel
 * opens (their topic), which lists the requests.
 */
export function useBreakoutNotices({ room, show, run }: BreakoutNoticeOptions): void {
  useEffect(() => {
    const offMoved = room.on('breakout-moved', (move) => show(moveWords(move)));
    const offBroadcast = room.on('breakout-broadcast', (message) =>
      show(broadcastWords(message), { durationMs: longToastMs }),
    );
    const offHelp = room.on('breakout-help', (help) => {
      const rooms = room.getSnapshot().breakouts?.rooms ?? [];
      show(helpWords(help, rooms), {
        action: { label: 'Join room', onSelect: () => run(() => room.breakouts.join(help.roomId)) },
        topic: 'breakouts',
        durationMs: longToastMs,
      });
    });
    return () => {
      offMoved();
      offBroadcast();
      offHelp();
    };
  }, [room, show, run]);
}
