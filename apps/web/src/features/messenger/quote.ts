import type { QuotedMessage, StoredMessage } from '@parley/client';
import { contentSummary } from './message-preview.ts';
import type { People } from './people.ts';

export interface QuoteView {
  name: string;
  text: string;
}

/** Who wrote a message and one line of it, as a reply shows it. */
export function quoteView(quoted: QuotedMessage, people: People): QuoteView {
  const name = quoted.senderId === people.me ? 'You' : people.nameOf(quoted.senderId);
  if (quoted.deleted || quoted.content === null) return { name, text: 'This message was deleted' };
  return { name, text: contentSummary(quoted.content, people, quoted.senderId) };
}

/** What a reply shows of the message it answers; null for a message that answers none. */
export function quoteOf(message: StoredMessage, people: People): QuoteView | null {
  const reply = message.replyTo;
  if (reply === null) return null;
  if (reply.message === null) return { name: 'Message', text: 'This message is not on this device' };
  return quoteView(reply.message, people);
}
