import type { IncomingMessage, Messenger } from '@parley/client';
import { useEffect, useRef, useState } from 'react';
import { useMatch, useNavigate } from 'react-router';
import { useSignedInSession } from '../../app/session-context.ts';
import { type Toast, Toasts } from '../../components/Toasts.tsx';
import { contentSummary } from './message-preview.ts';
import { useMessengerContext } from './messenger-context.ts';
import { showNotification } from './notification-permission.ts';
import { chatAvatarUrl, chatTitle, peopleFrom } from './people.ts';

const toastMs = 6_000;
const maxToasts = 3;

/**
 * Tells the person about new messages they are not looking at: an in-page toast for chats that
 * are not open, a browser notification when the tab is hidden (if they allowed them).
 */
export function IncomingNotifications() {
  const { state } = useMessengerContext();
  if (state.status !== 'open') return null;
  return <Notifier messenger={state.messenger} />;
}

function Notifier({ messenger }: { messenger: Messenger }) {
  const { me } = useSignedInSession();
  const navigate = useNavigate();
  const openChatId = useMatch('/chats/:chatId')?.params.chatId ?? null;
  const openChat = useRef(openChatId);
  openChat.current = openChatId;
  const [toasts, setToasts] = useState<Toast[]>([]);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const dismiss = (id: string) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setToasts((list) => list.filter((toast) => toast.id !== id));
  };
  const dismissRef = useRef(dismiss);
  dismissRef.current = dismiss;

  useEffect(() => {
    const show = async (messages: IncomingMessage[]) => {
      const hidden = document.visibilityState === 'hidden';
      const unseen = messages.filter((message) => hidden || message.chatId !== openChat.current);
      if (unseen.length === 0) return;
      const people = peopleFrom(me.id, await messenger.store.people());
      // One notice per chat: the newest message, or how many arrived together.
      const byChat = new Map<string, IncomingMessage[]>();
      for (const message of unseen)
        byChat.set(message.chatId, [...(byChat.get(message.chatId) ?? []), message]);
      for (const [chatId, list] of byChat) {
        const newest = list.at(-1);
        if (!newest) continue;
        const [summary, message] = await Promise.all([
          messenger.store.getChat(chatId),
          messenger.store.getMessage(newest.messageId),
        ]);
        if (!summary || !message?.content) continue;
        const title = chatTitle(summary.chat, me.id);
        const what =
          list.length > 1
            ? `${list.length} new messages`
            : contentSummary(message.content, people, message.senderId);
        const body = summary.chat.kind === 'group' ? `${people.nameOf(message.senderId)}: ${what}` : what;
        const avatarUrl = chatAvatarUrl(summary.chat, me.id, 'small');
        if (hidden) {
          showNotification(title, { body, tag: chatId, icon: avatarUrl ?? '/favicon.svg' }, () =>
            navigate(`/chats/${chatId}`),
          );
          continue;
        }
        const id = `${chatId} ${newest.messageId}`;
        setToasts((current) =>
          [
            ...current.filter((t) => !t.id.startsWith(chatId)),
            { id, title, body, avatarUrl, to: `/chats/${chatId}` },
          ].slice(-maxToasts),
        );
        timers.current.set(
          id,
          setTimeout(() => dismissRef.current(id), toastMs),
        );
      }
    };
    return messenger.on('incoming', (messages) => {
      show(messages).catch((error: unknown) => console.error('notification failed', error));
    });
  }, [messenger, me.id, navigate]);

  // Opening a chat answers its toast.
  useEffect(() => {
    if (openChatId !== null) setToasts((list) => list.filter((toast) => !toast.id.startsWith(openChatId)));
  }, [openChatId]);

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
    };
  }, []);

  return <Toasts toasts={toasts} onDismiss={dismiss} />;
}
