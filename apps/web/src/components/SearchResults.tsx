import type { SnippetPart } from '@parley/client';
import { Link } from 'react-router';
import './SearchResults.css';

export interface SearchResult {
  messageId: string;
  /** Where the result opens: the chat, scrolled to the message. */
  to: string;
  /** The chat's name; omitted when searching within one chat. */
  chatTitle: string | null;
  sender: string;
  time: string;
  snippet: SnippetPart[];
}

interface SearchResultsProps {
  query: string;
  /** undefined while searching. */
  results: readonly SearchResult[] | undefined;
  label: string;
  onOpen?(): void;
}

/** Messages that match a search, with the matching words highlighted. */
export function SearchResults({ query, results, label, onOpen }: SearchResultsProps) {
  if (results === undefined) {
    return (
      <p role="status" className="muted search-status">
        Searching…
      </p>
    );
  }
  if (results.length === 0) {
    return (
      <p role="status" className="muted search-status">
        No messages found for “{query}”.
      </p>
    );
  }
  return (
    <>
      <p role="status" className="visually-hidden">
        {results.length === 1 ? '1 message found' : `${results.length} messages found`}
      </p>
      <ul className="search-results" aria-label={label}>
        {results.map((result) => (
          <li key={result.messageId}>
            <Link to={result.to} className="search-result" onClick={onOpen}>
              <span className="search-result-top">
                <span className="search-result-where">
                  {result.chatTitle !== null && <strong>{result.chatTitle}</strong>}
                  <span className="muted">{result.sender}</span>
                </span>
                <span className="muted small">{result.time}</span>
              </span>
              <span className="search-result-snippet">
                {result.snippet.map((part, index) =>
                  part.match ? (
                    // Parts of one snippet never reorder: their index is their identity.
                    // biome-ignore lint/suspicious/noArrayIndexKey: see above
                    <mark key={index}>{part.text}</mark>
                  ) : (
                    // biome-ignore lint/suspicious/noArrayIndexKey: see above
                    <span key={index}>{part.text}</span>
                  ),
                )}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
