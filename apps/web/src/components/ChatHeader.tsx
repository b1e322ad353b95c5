import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Avatar } from './Avatar.tsx';
import { BackIcon, InfoIcon, SearchIcon } from './icons.tsx';

interface ChatHeaderProps {
  title: string;
  avatarUrl: string | null;
  /** "online", "last seen today at 14:03", "typing…", or the members of a group. */
  subtitle: string | null;
  /** The subtitle says someone is typing right now. */
  activity: boolean;
  /** "Group info" or "Contact info". */
  infoLabel: string;
  onOpenInfo(): void;
  searchOpen: boolean;
  onToggleSearch(): void;
  /** More header buttons (voice and video call), before search. */
  actions?: ReactNode;
}

/** The open chat's name, picture and status, with calls, search and info; "Back" on narrow screens. */
export function ChatHeader(props: ChatHeaderProps) {
  return (
    <header className="chat-header">
      <Link to="/chats" className="icon-button chat-back" aria-label="Back to chats">
        <BackIcon />
      </Link>
      <button type="button" className="chat-header-main" onClick={props.onOpenInfo}>
        <Avatar name={props.title} url={props.avatarUrl} size="small" alt="" />
        <span className="chat-header-text">
          <span className="chat-title">{props.title}</span>
          {props.subtitle !== null && (
            <span className={props.activity ? 'chat-subtitle activity' : 'chat-subtitle'}>
              {props.subtitle}
            </span>
          )}
        </span>
      </button>
      {props.actions}
      <button
        type="button"
        className="icon-button"
        aria-label="Search in this chat"
        aria-pressed={props.searchOpen}
        title="Search in this chat"
        onClick={props.onToggleSearch}
      >
        <SearchIcon />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={props.infoLabel}
        title={props.infoLabel}
        onClick={props.onOpenInfo}
      >
        <InfoIcon />
      </button>
    </header>
  );
}
