import type { SearchHit, SnippetPart } from './records.ts';
import type { SqlDatabase } from './sql-database.ts';

export interface SearchOptions {
  /** Search one chat only. */
  chatId?: string;
  /** Default 50, at most 200. */
  limit?: number;
}

// Control characters cannot occur in the indexed words, so they mark matches unambiguously and
// the UI renders parts as text, never as HTML.
const open = '\u0001';
const close = '\u0002';
const snippetTokens = 12;

/** Letters, digits and combining marks of any script; everything else separates terms. */
export function searchTerms(query: string): string[] {
  return query.match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
}

/** Every term as a word prefix, so results appear while the person is still typing. */
export function wordsQuery(terms: string[]): string | null {
  return terms.length === 0 ? null : terms.map((term) => `"${term}"*`).join(' ');
}

/**
 * Every term as a substring. The trigram index cannot look up fewer than 3 characters, so a
 * query with a shorter term is left to the words index.
 */
export function trigramQuery(terms: string[]): string | null {
  if (terms.length === 0 || terms.some((term) => [...term].length < 3)) return null;
  return terms.map((term) => `"${term}"`).join(' ');
}

/**
 * Finds messages by their text or caption, newest first. Word matches ("cafe" finds "Café",
 * "mee" finds "meeting") come from the unicode61 index; substrings inside words and text in
 * scripts without spaces ("ивет" in "Привет") from the trigram index. Both run and their hits
 * merge; a message found by both keeps the word snippet, which highlights whole words.
 */
export function search(db: SqlDatabase, query: string, options: SearchOptions = {}): SearchHit[] {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const terms = searchTerms(query);
  const hits = new Map<string, SearchHit>();
  for (const [table, match] of [
    ['message_words', wordsQuery(terms)],
    ['message_trigrams', trigramQuery(terms)],
  ] as const) {
    if (match === null) continue;
    for (const hit of runIndex(db, table, match, options.chatId, limit)) {
      if (!hits.has(hit.messageId)) hits.set(hit.messageId, hit);
    }
  }
  return [...hits.values()]
    .sort((a, b) => compareDesc(a.sentAt, b.sentAt) || compareDesc(a.messageId, b.messageId))
    .slice(0, limit);
}

function runIndex(
  db: SqlDatabase,
  table: 'message_words' | 'message_trigrams',
  match: string,
  chatId: string | undefined,
  limit: number,
): SearchHit[] {
  const params: (string | number)[] = [open, close, match];
  let where = `${table} MATCH ? AND m.hidden = 0`;
  if (chatId) {
    where += ' AND m.chat_id = ?';
    params.push(chatId);
  }
  params.push(limit);
  return db
    .all<{ id: string; chat_id: string; sender_id: string; sent_at: string; snippet: string }>(
      `SELECT m.id, m.chat_id, m.sender_id, m.sent_at,
         snippet(${table}, 0, ?, ?, '…', ${snippetTokens}) AS snippet
       FROM ${table} JOIN messages m ON m.pk = ${table}.rowid
       WHERE ${where} ORDER BY m.sent_at DESC, m.id DESC LIMIT ?`,
      params,
    )
    .map((row) => ({
      chatId: row.chat_id,
      messageId: row.id,
      senderId: row.sender_id,
      sentAt: row.sent_at,
      snippet: parseSnippet(row.snippet),
    }));
}

/** Splits a marked snippet into plain and highlighted parts. */
export function parseSnippet(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let text = '';
  let match = false;
  for (const char of marked) {
    if (char !== open && char !== close) {
      text += char;
      continue;
    }
    if (text !== '') parts.push({ text, match });
    text = '';
    match = char === open;
  }
  if (text !== '') parts.push({ text, match });
  return parts;
}

function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}
