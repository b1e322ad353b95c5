import type { ChatSummary } from '@parley/client';
import { useState } from 'react';
import { useNow } from '../../app/use-now.ts';
import { ChatList, type ChatListEntry } from '../../components/ChatList.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ChatsIcon, GroupIcon, NewChatIcon, SearchIcon } from '../../components/icons.tsx';
import { SearchResults } from '../../components/SearchResults.tsx';
import { formatListTime } from './chat-time.ts';
import { previewText } from './message-preview.ts';
import { useMessenger } from './messenger-context.ts';
import { NewChatDialog } from './NewChatDialog.tsx';
import { NewGroupDialog } from './NewGroupDialog.tsx';
import { NotificationPrompt } from './NotificationPrompt.tsx';
import { chatAvatarUrl, chatTitle, type People } from './people.ts';
import { typingText } from './typing-words.ts';
import { useChats, usePeople } from './use-chats.ts';
import { useTypingEverywhere } from './use-messenger-events.ts';
import { useSearch } from './use-search.ts';

/** The chat list with search, "New chat" and "New group". */
export function ChatListPane({ activeChatId }: { activeChatId: string | null }) {
  const messenger = useMessenger();
  const chats = useChats();
  const people = usePeople();
  const typingIn = useTypingEverywhere(messenger);
  const now = useNow();
  const [query, setQuery] = useState('');
  const [dialog, setDialog] = useState<'chat' | 'group' | null>(null);
  const hits = useSearch(query);
  const searching = query.trim() !== '';

  const entries: ChatListEntry[] = (chats ?? []).map((summary) => ({
    ...entryOf(summary, people, now),
    typing: typingText(typingIn(summary.chat.id), summary.chat.kind === 'group', people),
  }));
  const titles = new Map(entries.map((entry) => [entry.id, entry.title]));
  const groups = new Set((chats ?? []).filter((s) => s.chat.kind === 'group').map((s) => s.chat.id));

  return (
    <>
      <header className="pane-header">
        <h1>Chats</h1>
        <div className="pane-actions">
          <button
            type="button"
            className="icon-button"
            aria-label="New chat"
            title="New chat"
            onClick={() => setDialog('chat')}
          >
            <NewChatIcon />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="New group"
            title="New group"
            onClick={() => setDialog('group')}
          >
            <GroupIcon />
          </button>
        </div>
      </header>
      <div className="search-box">
        <SearchIcon />
        <input
          type="search"
          aria-label="Search messages"
          placeholder="Search messages"
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setQuery('');
          }}
        />
      </div>
      <div className="pane-scroll">
        {searching ? (
          <SearchResults
            query={query.trim()}
            label="Search results"
            results={hits?.map((hit) => ({
              messageId: hit.messageId,
              to: `/chats/${hit.chatId}?message=${hit.messageId}`,
              chatTitle: titles.get(hit.chatId) ?? 'Chat',
              sender: senderLabel(hit.senderId, groups.has(hit.chatId), people),
              time: formatListTime(hit.sentAt, now),
              snippet: hit.snippet,
            }))}
          />
        ) : chats === undefined ? (
          <p role="status" className="muted search-status">
            Loading chats…
          </p>
        ) : chats.length === 0 ? (
          <EmptyState icon={<ChatsIcon />} title="No chats yet">
            Start one with “New chat”: all you need is the other person’s phone number.
          </EmptyState>
        ) : (
          <>
            <NotificationPrompt />
            <ChatList chats={entries} activeId={activeChatId} />
          </>
        )}
      </div>
      {dialog === 'chat' && <NewChatDialog onClose={() => setDialog(null)} />}
      {dialog === 'group' && <NewGroupDialog onClose={() => setDialog(null)} />}
    </>
  );
}

function entryOf(summary: ChatSummary, people: People, now: Date): Omit<ChatListEntry, 'typing'> {
  const { chat, lastMessage } = summary;
  const showTicks = lastMessage?.own && !lastMessage.deleted && lastMessage.content?.type !== 'system';
  return {
    id: chat.id,
    title: chatTitle(chat, people.me),
    avatarUrl: chatAvatarUrl(chat, people.me, 'small'),
    preview: previewText(lastMessage, chat.kind === 'group', people),
    previewState: lastMessage && showTicks ? lastMessage.state : null,
    time: formatListTime(summary.lastActivityAt, now),
    timeIso: summary.lastActivityAt,
    unreadCount: summary.unreadCount,
    left: summary.left,
  };
}

/** Who wrote a search hit: "You", or the sender in a group (a direct chat's title names them). */
function senderLabel(senderId: string, isGroup: boolean, people: People): string {
  if (senderId === people.me) return 'You';
  return isGroup ? people.nameOf(senderId) : '';
}
