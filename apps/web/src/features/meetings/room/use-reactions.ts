import type { MeetingRoom } from '@parley/client';
import { useEffect, useState } from 'react';

export interface ShownReaction {
  emoji: string;
  /** Changes with each reaction, so the same emoji twice floats up again. */
  key: number;
}

const reactionMs = 3_000;

/** The reaction each participant sent in the last few seconds, to float over their tile. */
export function useReactions(room: MeetingRoom): ReadonlyMap<string, ShownReaction> {
  const [reactions, setReactions] = useState<ReadonlyMap<string, ShownReaction>>(new Map());
  useEffect(() => {
    let key = 0;
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    const off = room.on('reaction', ({ participantId, emoji }) => {
      key += 1;
      const shown = { emoji, key };
      setReactions((current) => new Map(current).set(participantId, shown));
      clearTimeout(timers.get(participantId));
      timers.set(
        participantId,
        setTimeout(() => {
          timers.delete(participantId);
          setReactions((current) => {
            const next = new Map(current);
            next.delete(participantId);
            return next;
          });
        }, reactionMs),
      );
    });
    return () => {
      off();
      for (const timer of timers.values()) clearTimeout(timer);
    };
  }, [room]);
  return reactions;
}
