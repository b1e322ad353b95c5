import type { MeetingChatMessage } from '@parley/protocol';
import { formatFileSize } from './file-size.ts';
import { FileIcon } from './icons.tsx';
import './MeetingChatTranscript.css';

interface MeetingChatTranscriptProps {
  messages: readonly MeetingChatMessage[];
  /** "14:03" for a message's time. */
  formatTime(iso: string): string;
}

/** A meeting's saved chat, read-only: who wrote what and when, private messages marked. */
export function MeetingChatTranscript({ messages, formatTime }: MeetingChatTranscriptProps) {
  return (
    <ol className="chat-transcript">
      {messages.map((message) => (
        <li key={message.id} className="chat-transcript-message">
          <p className="chat-transcript-meta">
            <strong>{message.from.displayName}</strong>
            {message.to !== null && <span className="muted"> to {message.to.displayName} (privately)</span>}
            <time className="muted" dateTime={message.sentAt}>
              {formatTime(message.sentAt)}
            </time>
          </p>
          {message.text !== '' && <p className="chat-transcript-text">{message.text}</p>}
          {message.file !== null && (
            <p className="chat-transcript-file">
              <FileIcon />
              <span>
                {message.file.name} <span className="muted">({formatFileSize(message.file.size)})</span>
              </span>
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
