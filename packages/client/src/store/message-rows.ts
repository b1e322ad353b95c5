import type { Content } from '@parley/protocol';
import { replyToOf, searchTextOf } from '../content.ts';
import type { OwnMessageState, Reaction } from './records.ts';
import type { SqlDatabase } from './sql-database.ts';

export type MessageRow = {
  pk: number;
  id: string;
  chat_id: string;
  sender_id: string;
  sent_at: string;
  content: string | null;
  kind: string;
  own: number;
  state: OwnMessageState | null;
  error_code: string | null;
  edited_at: string | null;
  deleted_at: string | null;
  hidden: number;
  reply_to: string | null;
};

export interface NewMessage {
  id: string;
  chatId: string;
  senderId: string;
  sentAt: string;
  content: Content;
  own: boolean;
  state: OwnMessageState | null;
}

export function getMessageRow(db: SqlDatabase, id: string): MessageRow | undefined {
  return db.get<MessageRow>('SELECT * FROM messages WHERE id = ?', [id]);
}

export function insertMessage(db: SqlDatabase, message: NewMessage): void {
  db.run(
    `INSERT INTO messages (id, chat_id, sender_id, sent_at, content, kind, own, state, reply_to, search_text)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      message.id,
      message.chatId,
      message.senderId,
      isoTime(message.sentAt),
      JSON.stringify(message.content),
      message.content.type,
      message.own ? 1 : 0,
      message.state,
      replyToOf(message.content),
      searchTextOf(message.content),
    ],
  );
}

/** Replaces what a message says, keeping the full-text indexes in step (through triggers). */
export function setContent(
  db: SqlDatabase,
  id: string,
  change: { content: Content | null; editedAt: string | null; deletedAt: string | null },
): void {
  db.run('UPDATE messages SET content = ?, edited_at = ?, deleted_at = ?, search_text = ? WHERE id = ?', [
    change.content === null ? null : JSON.stringify(change.content),
    change.editedAt,
    change.deletedAt,
    change.content === null ? null : searchTextOf(change.content),
    id,
  ]);
}

export function setState(
  db: SqlDatabase,
  id: string,
  state: OwnMessageState,
  errorCode: string | null = null,
): void {
  db.run('UPDATE messages SET state = ?, error_code = ? WHERE id = ?', [state, errorCode, id]);
}

export function reactionsOf(db: SqlDatabase, messageId: string): Reaction[] {
  return db
    .all<{ user_id: string; emoji: string }>(
      'SELECT user_id, emoji FROM reactions WHERE message_id = ? ORDER BY emoji, user_id',
      [messageId],
    )
    .map((row) => ({ userId: row.user_id, emoji: row.emoji }));
}

export function setReaction(db: SqlDatabase, messageId: string, userId: string, emoji: string | null): void {
  if (emoji === null) {
    db.run('DELETE FROM reactions WHERE message_id = ? AND user_id = ?', [messageId, userId]);
  } else {
    db.run(
      `INSERT INTO reactions (message_id, user_id, emoji) VALUES (?, ?, ?)
       ON CONFLICT (message_id, user_id) DO UPDATE SET emoji = excluded.emoji`,
      [messageId, userId, emoji],
    );
  }
}

/** Server times in one shape (milliseconds, Z), so they sort as text. */
export function isoTime(time: string): string {
  return new Date(time).toISOString();
}
