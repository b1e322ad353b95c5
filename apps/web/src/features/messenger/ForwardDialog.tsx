import type { StoredMessage } from '@parley/client';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '../../app/error-messages.ts';
import { Avatar } from '../../components/Avatar.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useMessenger } from './messenger-context.ts';
import { chatAvatarUrl, chatTitle } from './people.ts';
import { useChats, usePeople } from './use-chats.ts';

/** "Forward": pick a chat; the message is sent there as forwarded, and that chat opens. */
export function ForwardDialog({ message, onClose }: { message: StoredMessage; onClose(): void }) {
  const messenger = useMessenger();
  const navigate = useNavigate();
  const chats = useChats();
  const people = usePeople();
  const [sending, setSending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function forward(chatId: string) {
    setSending(chatId);
    setError(null);
    try {
      await messenger.forward(message.id, chatId);
      onClose();
      navigate(`/chats/${chatId}`);
    } catch (caught) {
      setError(describeError(caught));
      setSending(null);
    }
  }

  const targets = (chats ?? []).filter((summary) => !summary.left);
  return (
    <Dialog title="Forward to…" onClose={onClose}>
      <ErrorAlert message={error} />
      {chats === undefined ? (
        <p role="status" className="muted">
          Loading chats…
        </p>
      ) : (
        <ul className="chat-picker">
          {targets.map(({ chat }) => {
            const title = chatTitle(chat, people.me);
            return (
              <li key={chat.id}>
                <button
                  type="button"
                  aria-label={`Forward to ${title}`}
                  disabled={sending !== null}
                  onClick={() => forward(chat.id)}
                >
                  <Avatar name={title} url={chatAvatarUrl(chat, people.me, 'small')} size="small" alt="" />
                  <span>{sending === chat.id ? `Sending to ${title}…` : title}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </Dialog>
  );
}
