import type { OwnMessageState } from '@parley/client';
import { Link } from 'react-router';
import { Avatar } from './Avatar.tsx';
import { MessageStatusIcon } from './icons.tsx';
import './ChatList.css';

export interface ChatListEntry {
  id: string;
  title: string;
  avatarUrl: string | null;
  /** The last message in one line ("You: See you"), or '' for none. */
  preview: string;
  /** Ticks of my own last message. */
  previewState: OwnMessageState | null;
  /** "14:03", "Yesterday", "Mon", "Mar 3". */
  time: string;
  timeIso: string;
  unreadCount: number;
  /** "typing…", "Ann is typing…": shown instead of the preview. */
  typing: string | null;
  /** I left or was removed. */
  left: boolean;
}

interface ChatListProps {
  chats: readonly ChatListEntry[];
  activeId: string | null;
}

/** The chats, newest activity first; each row opens its chat. */
export function ChatList({ chats, activeId }: ChatListProps) {
  return (
    <ul className="chat-list" aria-label="Chats">
      {chats.map((chat) => (
        <li key={chat.id}>
          <Link
            to={`/chats/${chat.id}`}
            className={`chat-row${chat.id === activeId ? ' active' : ''}`}
            aria-current={chat.id === activeId ? 'page' : undefined}
          >
            <Avatar name={chat.title} url={chat.avatarUrl} size="medium" alt="" />
            <span className="chat-row-text">
              <span className="chat-row-top">
                <span className="chat-row-title">{chat.title}</span>
                {chat.time !== '' && (
                  <time
                    className={`chat-row-time${chat.unreadCount > 0 ? ' unread' : ''}`}
                    dateTime={chat.timeIso}
                  >
                    {chat.time}
                  </time>
                )}
              </span>
              <span className="chat-row-bottom">
                {chat.typing !== null ? (
                  <span className="chat-row-preview typing">{chat.typing}</span>
                ) : (
                  <span className="chat-row-preview">
                    {chat.previewState !== null && <MessageStatusIcon state={chat.previewState} />}
                    <span className="chat-row-preview-text">
                      {chat.preview || (chat.left ? 'You are no longer a member' : 'No messages yet')}
                    </span>
                  </span>
                )}
                {chat.unreadCount > 0 && (
                  <span className="unread-badge">
                    {chat.unreadCount > 999 ? '999+' : chat.unreadCount}
                    <span className="visually-hidden">
                      {' '}
                      unread {chat.unreadCount === 1 ? 'message' : 'messages'}
                    </span>
                  </span>
                )}
              </span>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
