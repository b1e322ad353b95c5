import type { MeetingRoom } from '@parley/client';
import type { MeetingChatMessage, Participant } from '@parley/protocol';
import { meetingLimits } from '@parley/protocol';
import { useId, useLayoutEffect, useRef } from 'react';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { FileCard } from '../../../components/FileCard.tsx';
import { formatFileSize } from '../../../components/file-size.ts';
import { AttachIcon, ChatsIcon, CloseIcon, SendIcon } from '../../../components/icons.tsx';
import { MessageText } from '../../../components/MessageText.tsx';
import { formatClock } from '../../messenger/chat-time.ts';
import { chatRecipients, currentRecipient, privateMarker } from './chat-recipients.ts';
import type { ChatDraft } from './use-chat-draft.ts';

interface ChatPanelProps {
  room: MeetingRoom;
  me: string;
  participants: readonly Participant[];
  messages: readonly MeetingChatMessage[];
  draft: ChatDraft;
}

/** The meeting chat: messages to everyone or privately, with files. */
export function ChatPanel({ room, me, participants, messages, draft }: ChatPanelProps) {
  const ids = { to: useId(), message: useId(), file: useId() };
  const list = useRef<HTMLOListElement>(null);
  const recipient = currentRecipient(draft.to, participants);

  // Follow new messages, unless the person scrolled up to read older ones.
  const follow = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when the list grows
  useLayoutEffect(() => {
    const element = list.current;
    if (element && follow.current) element.scrollTop = element.scrollHeight;
  }, [messages.length]);

  const percent = draft.progress === null ? null : Math.round(draft.progress * 100);
  return (
    <div className="panel-body chat-panel">
      {messages.length === 0 ? (
        <div className="chat-empty">
          <EmptyState icon={<ChatsIcon />} title="No messages yet">
            Messages sent here are seen by everyone in the meeting, or only by the person you choose.
          </EmptyState>
        </div>
      ) : (
        <ol
          ref={list}
          className="chat-messages"
          onScroll={(event) => {
            const element = event.currentTarget;
            follow.current = element.scrollHeight - element.scrollTop - element.clientHeight < 48;
          }}
        >
          {messages.map((message) => (
            <ChatMessageItem key={message.id} message={message} me={me} room={room} />
          ))}
        </ol>
      )}
      <form
        className="chat-form"
        onSubmit={(event) => {
          event.preventDefault();
          void draft.send(recipient);
        }}
      >
        <div className="chat-to">
          <label htmlFor={ids.to}>Send to</label>
          <select
            id={ids.to}
            value={recipient ?? ''}
            onChange={(event) =>
              draft.setTo(event.currentTarget.value === '' ? null : event.currentTarget.value)
            }
          >
            {chatRecipients(participants, me).map((option) => (
              <option key={option.participantId ?? ''} value={option.participantId ?? ''}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        {draft.file !== null && (
          <div className="chat-attachment">
            <AttachIcon />
            <span className="chat-attachment-name">{draft.file.name}</span>
            <span className="muted small nowrap">{formatFileSize(draft.file.size)}</span>
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove ${draft.file.name}`}
              onClick={() => draft.setFile(null)}
            >
              <CloseIcon />
            </button>
          </div>
        )}
        {percent !== null && (
          <div className="chat-upload">
            <progress max={100} value={percent} aria-label="Upload progress" />
            <span className="small">Uploading… {percent}%</span>
          </div>
        )}
        <ErrorAlert message={draft.error} />
        <div className="chat-compose">
          <input
            id={ids.file}
            className="visually-hidden"
            type="file"
            disabled={draft.sending}
            onChange={(event) => {
              const chosen = event.currentTarget.files?.[0] ?? null;
              // Cleared, so choosing the same file again fires another change.
              event.currentTarget.value = '';
              if (chosen) draft.setFile(chosen);
            }}
          />
          <label htmlFor={ids.file} className="chat-attach" title="Attach file">
            <AttachIcon />
            <span className="visually-hidden">Attach file</span>
          </label>
          <label htmlFor={ids.message} className="visually-hidden">
            Message
          </label>
          <textarea
            id={ids.message}
            data-autofocus
            rows={1}
            maxLength={meetingLimits.chatTextMax}
            placeholder={recipient === null ? 'Message everyone' : 'Message privately'}
            value={draft.text}
            onChange={(event) => draft.setText(event.currentTarget.value)}
            onKeyDown={(event) => {
              // Enter sends, Shift+Enter is a new line; not while an input method composes a word.
              if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
              event.preventDefault();
              void draft.send(recipient);
            }}
          />
          <button type="submit" className="chat-send" disabled={!draft.canSend}>
            <SendIcon />
            <span className="visually-hidden">Send</span>
          </button>
        </div>
      </form>
    </div>
  );
}

function ChatMessageItem({
  message,
  me,
  room,
}: {
  message: MeetingChatMessage;
  me: string;
  room: MeetingRoom;
}) {
  const own = message.from.participantId === me;
  const marker = privateMarker(message, me);
  const file = message.file;
  return (
    <li className={own ? 'chat-message own' : 'chat-message'}>
      <div className="chat-message-meta">
        <strong>{own ? 'You' : message.from.displayName}</strong>
        {marker !== null && <span className="chat-private">{marker}</span>}
        <time dateTime={message.sentAt}>{formatClock(message.sentAt)}</time>
      </div>
      {message.text !== '' && <MessageText text={message.text} />}
      {file !== null && (
        <FileCard name={file.name} size={file.size} download={() => room.downloadFile(file.id)} />
      )}
    </li>
  );
}
