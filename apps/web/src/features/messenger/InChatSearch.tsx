import { useState } from 'react';
import { useNow } from '../../app/use-now.ts';
import { SearchIcon } from '../../components/icons.tsx';
import { SearchResults } from '../../components/SearchResults.tsx';
import { useFocusOnMount } from '../../components/use-focus-on-mount.ts';
import { formatListTime } from './chat-time.ts';
import type { People } from './people.ts';
import { useSearch } from './use-search.ts';

/** Search within the open chat; a result scrolls the chat to its message. */
export function InChatSearch({
  chatId,
  people,
  onClose,
}: {
  chatId: string;
  people: People;
  onClose(): void;
}) {
  const [query, setQuery] = useState('');
  const hits = useSearch(query, chatId);
  const now = useNow();
  const input = useFocusOnMount<HTMLInputElement>();
  return (
    <div className="in-chat-search">
      <div className="search-box">
        <SearchIcon />
        <input
          ref={input}
          type="search"
          aria-label="Search in this chat"
          placeholder="Search in this chat"
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') onClose();
          }}
        />
      </div>
      {query.trim() !== '' && (
        <SearchResults
          query={query.trim()}
          label="Results in this chat"
          onOpen={onClose}
          results={hits?.map((hit) => ({
            messageId: hit.messageId,
            to: `/chats/${chatId}?message=${hit.messageId}`,
            chatTitle: null,
            sender: hit.senderId === people.me ? 'You' : people.nameOf(hit.senderId),
            time: formatListTime(hit.sentAt, now),
            snippet: hit.snippet,
          }))}
        />
      )}
    </div>
  );
}
