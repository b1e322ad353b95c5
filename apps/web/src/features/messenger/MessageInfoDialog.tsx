import type { StoredMessage } from '@parley/client';
import { useNow } from '../../app/use-now.ts';
import { Avatar } from '../../components/Avatar.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { MessageStatusIcon } from '../../components/icons.tsx';
import { formatMoment } from './chat-time.ts';
import { contentSummary } from './message-preview.ts';
import { useMessenger } from './messenger-context.ts';
import { personName } from './people.ts';
import { usePeople } from './use-chats.ts';
import { useStoreQuery } from './use-store-query.ts';

/** "Message info": who has my message and who has read it, and when; live as receipts come. */
export function MessageInfoDialog({ message, onClose }: { message: StoredMessage; onClose(): void }) {
  const { store } = useMessenger();
  const people = usePeople();
  const now = useNow();
  const info = useStoreQuery(
    store,
    `info ${message.id}`,
    () => store.messageInfo(message.id),
    (changes) => changes.messages.includes(message.id),
  );
  return (
    <Dialog title="Message info" onClose={onClose}>
      {message.content && (
        <p className="muted">{contentSummary(message.content, people, message.senderId)}</p>
      )}
      {info === undefined ? (
        <p role="status" className="muted">
          Loading…
        </p>
      ) : info === null || info.recipients.length === 0 ? (
        <p className="muted">No one else is in this chat.</p>
      ) : (
        <ul className="recipient-list" aria-label="Recipients">
          {info.recipients.map(({ user, deliveredAt, readAt }) => {
            const name = personName(user);
            return (
              <li key={user.id} className="recipient">
                <Avatar name={name} url={user.avatar?.small ?? null} size="small" alt="" />
                <span className="recipient-text">
                  <strong>{name}</strong>
                  <span className="muted small">
                    {readAt !== null
                      ? `Read ${formatMoment(readAt, now)}`
                      : deliveredAt !== null
                        ? `Delivered ${formatMoment(deliveredAt, now)}`
                        : 'Not delivered yet'}
                  </span>
                </span>
                <MessageStatusIcon
                  state={readAt !== null ? 'read' : deliveredAt !== null ? 'delivered' : 'sent'}
                />
              </li>
            );
          })}
        </ul>
      )}
    </Dialog>
  );
}
