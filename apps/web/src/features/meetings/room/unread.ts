import type { MeetingChatMessage } from '@parley/protocol';

/**
 * Messages from others after the last one seen. `lastSeenId` null means none seen yet; an id no
 * longer in the list (history replaced) counts as all seen rather than flashing a wrong count.
 */
export function countUnread(
  messages: readonly MeetingChatMessage[],
  lastSeenId: string | null,
  me: string,
): number {
  let start = 0;
  if (lastSeenId !== null) {
    const index = messages.findIndex((message) => message.id === lastSeenId);
    if (index < 0) return 0;
    start = index + 1;
  }
  let count = 0;
  for (let i = start; i < messages.length; i += 1) {
    if (messages[i]?.from.participantId !== me) count += 1;
  }
  return count;
}

/** The newest message's id, the marker to store once the chat is on screen. */
export function lastMessageId(messages: readonly MeetingChatMessage[]): string | null {
  return messages.at(-1)?.id ?? null;
}
