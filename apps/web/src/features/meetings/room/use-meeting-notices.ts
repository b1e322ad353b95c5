import type { MeetingRoom, MeetingSnapshot } from '@parley/client';
import { useEffect, useRef, useState } from 'react';
import { failureWords, noticeWords } from './meeting-words.ts';
import { lastMessageId } from './unread.ts';
import type { MeetingToast } from './use-meeting-toasts.ts';

type Panel = 'participants' | 'chat' | 'breakouts';

interface NoticeOptions {
  room: MeetingRoom;
  snapshot: MeetingSnapshot;
  me: string;
  panel: Panel | null;
  show(text: string, options?: Pick<MeetingToast, 'action' | 'topic'>): void;
  dismissTopic(topic: string): void;
  openPanel(panel: Panel): void;
}

/** A host's request to unmute; a new object for each request, so asking again shows it again. */
export interface UnmuteRequest {
  by: string;
}

/**
 * Tells the person what happens around them, as toasts: what a host did to them, what failed,
 * and chat messages while the chat is closed.
 * Returns the pending request to unmute, which is a prompt rather than a toast; it goes once I
 * unmute.
 */
export function useMeetingNotices(options: NoticeOptions): UnmuteRequest | null {
  const { room, snapshot, me, panel, show, dismissTopic, openPanel } = options;
  const { chat } = snapshot;
  const [unmuteRequest, setUnmuteRequest] = useState<UnmuteRequest | null>(null);

  useEffect(() => {
    const offNotice = room.on('notice', (notice) => {
      const current = room.getSnapshot();
      if (notice.kind === 'ask-unmute') {
        // Never unmute on a host's word: ask, unless I am speaking already.
        if (!current.local.micOn) setUnmuteRequest({ by: notice.by });
        return;
      }
      const mine = current.participants.find((p) => p.id === current.participantId) ?? null;
      show(noticeWords(notice, mine));
    });
    const offError = room.on('error', ({ kind, error }) => {
      const words = failureWords(kind, error);
      if (words !== null) show(words);
    });
    return () => {
      offNotice();
      offError();
    };
  }, [room, show]);

  const micOn = snapshot.local.micOn;
  useEffect(() => {
    if (micOn) setUnmuteRequest(null);
  }, [micOn]);

  // Toasts about what an opened panel now shows are moot.
  useEffect(() => {
    if (panel !== null) dismissTopic(panel);
  }, [panel, dismissTopic]);

  // What was said before I came in is not news; later messages are, while the chat is closed.
  const toastedChat = useRef(lastMessageId(chat));
  useEffect(() => {
    const from = chat.findIndex((message) => message.id === toastedChat.current);
    const fresh = toastedChat.current === null ? chat : from < 0 ? [] : chat.slice(from + 1);
    toastedChat.current = lastMessageId(chat);
    if (panel === 'chat') return;
    const newest = fresh.filter((message) => message.from.participantId !== me).at(-1);
    if (!newest) return;
    const what = newest.text !== '' ? newest.text : (newest.file?.name ?? '');
    const privately = newest.to !== null ? ' (privately)' : '';
    show(`${newest.from.displayName}${privately}: ${what.length > 90 ? `${what.slice(0, 90)}…` : what}`, {
      action: { label: 'Open chat', onSelect: () => openPanel('chat') },
      topic: 'chat',
    });
  }, [chat, panel, me, show, openPanel]);

  return unmuteRequest;
}
