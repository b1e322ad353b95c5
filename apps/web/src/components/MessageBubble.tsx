import type { StoredMessage } from '@parley/client';
import type { Attachment } from '@parley/protocol';
import type { ReactNode } from 'react';
import type { AttachmentSource } from './attachment-source.ts';
import { MessageStatusIcon } from './icons.tsx';
import { MessageAttachments } from './MessageAttachments.tsx';
import { MessageText } from './MessageText.tsx';
import { VoicePlayer } from './VoicePlayer.tsx';
import './MessageBubble.css';

export interface QuoteView {
  name: string;
  /** One line of what the quoted message says. */
  text: string;
}

export interface ReactionChip {
  emoji: string;
  count: number;
  mine: boolean;
  names: string[];
}

interface MessageBubbleProps {
  message: StoredMessage;
  /** The sender's name above the first of their messages in a group; null otherwise. */
  senderName: string | null;
  /** The first of a run of messages by one sender: a little more space above it. */
  firstOfRun: boolean;
  quote: QuoteView | null;
  reactions: readonly ReactionChip[];
  /** "14:03". */
  time: string;
  /** Briefly marked after jumping here from a search result or a quote. */
  highlighted: boolean;
  source: AttachmentSource;
  /** The message's menu button; null when it has no actions. */
  menu: ReactNode;
  /** Null when I cannot react (left the chat, message unsent). */
  onToggleReaction: ((emoji: string) => void) | null;
  onRetry(): void;
  onOpenImage(attachment: Attachment): void;
  onQuoteClick(): void;
  /** A right-click opens the menu. */
  onContextMenu(): void;
}

/** One message: quote, content, time and ticks, reactions, and its menu. */
export function MessageBubble(props: MessageBubbleProps) {
  const { message } = props;
  const content = message.deleted ? null : message.content;
  const forwarded = content !== null && content.type !== 'system' && content.forwarded === true;
  const classes = [
    'message',
    message.own ? 'own' : 'other',
    props.firstOfRun ? 'first-of-run' : '',
    props.highlighted ? 'highlighted' : '',
  ];
  return (
    <li
      className={classes.join(' ')}
      data-message-id={message.id}
      onContextMenu={(event) => {
        if (props.menu === null) return;
        event.preventDefault();
        props.onContextMenu();
      }}
    >
      <div className="message-row">
        <div className={`bubble${picturesOnly(content) ? ' bubble-media' : ''}`}>
          {props.senderName !== null && <span className="sender-name">{props.senderName}</span>}
          {forwarded && <span className="forwarded">Forwarded</span>}
          {props.quote !== null && (
            <button type="button" className="quote" onClick={props.onQuoteClick}>
              <span className="quote-name">{props.quote.name}</span>
              <span className="quote-text">{props.quote.text}</span>
            </button>
          )}
          {content === null ? (
            <p className="tombstone">
              {message.own ? 'You deleted this message' : 'This message was deleted'}
            </p>
          ) : content.type === 'text' ? (
            <MessageText text={content.text} />
          ) : content.type === 'voice' ? (
            <VoicePlayer attachment={content.attachment} source={props.source} label="Voice message" />
          ) : content.type === 'media' ? (
            <>
              <MessageAttachments
                attachments={content.attachments}
                source={props.source}
                onOpenImage={props.onOpenImage}
              />
              {content.caption && <MessageText text={content.caption} />}
            </>
          ) : null}
          <span className="message-meta">
            {message.editedAt !== null && !message.deleted && <span className="edited">edited</span>}
            <time dateTime={message.sentAt}>{props.time}</time>
            {message.own && message.state !== null && <MessageStatusIcon state={message.state} />}
          </span>
        </div>
        {props.menu !== null && <div className="message-menu">{props.menu}</div>}
      </div>
      {props.reactions.length > 0 && (
        <ul className="reactions" aria-label="Reactions">
          {props.reactions.map((reaction) => (
            <li key={reaction.emoji}>
              <button
                type="button"
                className={reaction.mine ? 'reaction mine' : 'reaction'}
                aria-pressed={reaction.mine}
                aria-label={`${reaction.emoji} ${reaction.count}: ${reaction.names.join(', ')}`}
                title={reaction.names.join(', ')}
                disabled={props.onToggleReaction === null}
                onClick={() => props.onToggleReaction?.(reaction.emoji)}
              >
                <span aria-hidden="true">{reaction.emoji}</span>
                {reaction.count > 1 && <span aria-hidden="true">{reaction.count}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {message.state === 'failed' && (
        <p className="message-failed">
          <span>Not sent</span>
          <button type="button" className="link-button inline" onClick={props.onRetry}>
            Retry
          </button>
        </p>
      )}
    </li>
  );
}

/** Photos and videos without a caption: the time sits on the picture, as in other messengers. */
function picturesOnly(content: StoredMessage['content']): boolean {
  return (
    content?.type === 'media' &&
    !content.caption &&
    content.attachments.every((attachment) => attachment.kind === 'image' || attachment.kind === 'video')
  );
}
