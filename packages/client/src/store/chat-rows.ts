import type { Chat } from '@parley/protocol';
import { isoTime } from './message-rows.ts';
import type { SqlDatabase } from './sql-database.ts';

export type ChatRow = {
  id: string;
  chat: string | null;
  left_at: string | null;
  last_message_id: string | null;
  last_activity_at: string;
  unread_count: number;
  read_up_to: string | null;
};

/** Messages that count as unread: from others, not system notices, not deleted for me. */
export const unreadPredicate = `own = 0 AND hidden = 0 AND kind <> 'system'`;

export function getChatRow(db: SqlDatabase, chatId: string): ChatRow | undefined {
  return db.get<ChatRow>('SELECT * FROM chats WHERE id = ?', [chatId]);
}

export function chatSnapshot(db: SqlDatabase, chatId: string): Chat | null {
  const row = getChatRow(db, chatId);
  return row?.chat ? (JSON.parse(row.chat) as Chat) : null;
}

/** Stores the server's view of a chat; being listed as a member means I am (again) in it. */
export function upsertChat(db: SqlDatabase, chat: Chat, me: string): void {
  const member = chat.members.some((m) => m.user.id === me);
  db.run(
    `INSERT INTO chats (id, chat, last_activity_at) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET
       chat = excluded.chat,
       left_at = CASE WHEN ? THEN NULL ELSE chats.left_at END,
       last_activity_at = max(chats.last_activity_at, excluded.last_activity_at)`,
    [chat.id, JSON.stringify(chat), isoTime(chat.createdAt), member ? 1 : 0],
  );
  for (const { user } of chat.members) {
    db.run(
      'INSERT INTO people (id, user) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET user = excluded.user',
      [user.id, JSON.stringify(user)],
    );
  }
}

/** Makes sure a row exists for a chat a message arrived in, with or without its snapshot. */
export function ensureChat(db: SqlDatabase, chatId: string, at: string): void {
  db.run('INSERT OR IGNORE INTO chats (id, last_activity_at) VALUES (?, ?)', [chatId, isoTime(at)]);
}

export function markLeft(db: SqlDatabase, chatId: string, at: string): boolean {
  return db.run('UPDATE chats SET left_at = ? WHERE id = ? AND left_at IS NULL', [isoTime(at), chatId]) > 0;
}

/** Points the chat's preview at the newest visible message and sorts the chat by it. */
export function refreshLastMessage(db: SqlDatabase, chatId: string): void {
  db.run(
    `UPDATE chats SET
       last_message_id = (SELECT id FROM messages WHERE chat_id = ?1 AND hidden = 0
                          ORDER BY sent_at DESC, id DESC LIMIT 1),
       last_activity_at = max(last_activity_at,
         coalesce((SELECT max(sent_at) FROM messages WHERE chat_id = ?1 AND hidden = 0), ''))
     WHERE id = ?1`,
    [chatId],
  );
}

/** Counts unread messages again: after a read elsewhere, or when an unread one disappeared. */
export function recountUnread(db: SqlDatabase, chatId: string): void {
  db.run(
    `UPDATE chats SET unread_count = (
       SELECT count(*) FROM messages
       WHERE chat_id = ?1 AND ${unreadPredicate} AND id > coalesce(chats.read_up_to, ''))
     WHERE id = ?1`,
    [chatId],
  );
}

/** Moves the read marker forward (never back); returns whether it moved. */
export function advanceReadMarker(db: SqlDatabase, chatId: string, upToMessageId: string): boolean {
  return (
    db.run(
      `UPDATE chats SET read_up_to = ?1
       WHERE id = ?2 AND (read_up_to IS NULL OR read_up_to < ?1)`,
      [upToMessageId, chatId],
    ) > 0
  );
}
