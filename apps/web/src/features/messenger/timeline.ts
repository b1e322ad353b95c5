import type { Content } from '@parley/protocol';
import { dayKey, formatDayLabel } from './chat-time.ts';

interface TimelineMessage {
  id: string;
  senderId: string;
  sentAt: string;
  content: Content | null;
}

/** What the message list renders, in order: day separators and messages. */
export type TimelineEntry<M extends TimelineMessage> =
  | { kind: 'day'; key: string; label: string }
  | {
      kind: 'message';
      key: string;
      message: M;
      /** The first of a run of messages by one sender on one day: groups show the name here. */
      firstOfRun: boolean;
    };

const isSystem = (message: TimelineMessage) => message.content?.type === 'system';

/** Messages (oldest first) with a separator before each new day and sender runs marked. */
export function buildTimeline<M extends TimelineMessage>(
  messages: readonly M[],
  now: Date,
): TimelineEntry<M>[] {
  const entries: TimelineEntry<M>[] = [];
  let previous: M | null = null;
  for (const message of messages) {
    const day = dayKey(message.sentAt);
    const newDay = previous === null || dayKey(previous.sentAt) !== day;
    if (newDay) entries.push({ kind: 'day', key: `day-${day}`, label: formatDayLabel(message.sentAt, now) });
    const firstOfRun =
      newDay || previous === null || previous.senderId !== message.senderId || isSystem(previous);
    entries.push({ kind: 'message', key: message.id, message, firstOfRun: firstOfRun && !isSystem(message) });
    previous = message;
  }
  return entries;
}
