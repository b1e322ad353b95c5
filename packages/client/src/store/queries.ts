import type { Chat, Content, PublicUser } from '@parley/protocol';
import { memberReceipts } from './apply-event.ts';
import type { ChatRow } from './chat-rows.ts';
import { getMessageRow, type MessageRow } from './message-rows.ts';
import { recipientsOf } from './receipts.ts';
import type {
  ChatSummary,
  MessageInfo,
  MessagePreview,
  OwnMessageState,
  Reaction,
  StoredMessage,
} from './records.ts';
import type { SqlDatabase } from './sql-database.ts';

export interface ListMessagesOptions {
  /** Messages older than this one (scrolling up). */
  before?: string;
  /** Messages newer than this one (scrolling down after jumping to a search hit). */
  after?: string;
  /** Default 50, at most 500. */
  limit?: number;
}

type ChatListRow = ChatRow & { [K in keyof MessageRow as `m_${K & string}`]: MessageRow[K] | null };

const chatColumns = `c.*, m.id AS m_id, m.sender_id AS m_sender_id, m.sent_at AS m_sent_at,
  m.content AS m_content, m.deleted_at AS m_deleted_at, m.own AS m_own, m.state AS m_state`;

/** The chat list, most recent activity first. Chats whose snapshot is still being fetched wait. */
export function listChats(db: SqlDatabase): ChatSummary[] {
  return db
    .all<ChatListRow>(
      `SELECT ${chatColumns} FROM chats c LEFT JOIN messages m ON m.id = c.last_message_id
       WHERE c.chat IS NOT NULL ORDER BY c.last_activity_at DESC, c.id`,
    )
    .map(toSummary);
}

export function getChat(db: SqlDatabase, chatId: string): ChatSummary | null {
  const row = db.get<ChatListRow>(
    `SELECT ${chatColumns} FROM chats c LEFT JOIN messages m ON m.id = c.last_message_id
     WHERE c.id = ? AND c.chat IS NOT NULL`,
    [chatId],
  );
  return row ? toSummary(row) : null;
}

/** Everyone this account has shared a chat with (and itself), as last seen in a chat snapshot. */
export function people(db: SqlDatabase): PublicUser[] {
  return db
    .all<{ user: string }>('SELECT user FROM people ORDER BY id')
    .map((row) => JSON.parse(row.user) as PublicUser);
}

/** Ids of chats that messages arrived in before their snapshot did. */
export function chatsWithoutSnapshot(db: SqlDatabase): string[] {
  return db.all<{ id: string }>('SELECT id FROM chats WHERE chat IS NULL').map((row) => row.id);
}

/** One page of a chat, oldest first (newest last), as a chat view renders it. */
export function listMessages(
  db: SqlDatabase,
  chatId: string,
  options: ListMessagesOptions = {},
): StoredMessage[] {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  const cursorId = options.after ?? options.before;
  const cursor = cursorId ? getMessageRow(db, cursorId) : undefined;
  if (cursorId && !cursor) return [];
  const forward = options.after !== undefined;
  const params: (string | number)[] = [chatId];
  let where = 'm.chat_id = ? AND m.hidden = 0';
  if (cursor) {
    where += forward ? ' AND (m.sent_at, m.id) > (?, ?)' : ' AND (m.sent_at, m.id) < (?, ?)';
    params.push(cursor.sent_at, cursor.id);
  }
  const order = forward ? 'ASC' : 'DESC';
  const rows = db.all<MessageRow & QuotedColumns>(
    `SELECT ${messageColumns} WHERE ${where} ORDER BY m.sent_at ${order}, m.id ${order} LIMIT ?`,
    [...params, limit],
  );
  if (!forward) rows.reverse();
  return withReactions(db, rows);
}

export function getMessage(db: SqlDatabase, messageId: string): StoredMessage | null {
  const row = db.get<MessageRow & QuotedColumns>(`SELECT ${messageColumns} WHERE m.id = ? AND m.hidden = 0`, [
    messageId,
  ]);
  return row ? (withReactions(db, [row])[0] ?? null) : null;
}

/** Per-member delivered and read times of one of my messages, for "message info". */
export function messageInfo(db: SqlDatabase, messageId: string): MessageInfo | null {
  const row = getMessageRow(db, messageId);
  if (!row?.own || row.hidden) return null;
  const chat = db.get<{ chat: string | null }>('SELECT chat FROM chats WHERE id = ?', [row.chat_id])?.chat;
  if (!chat) return { messageId, state: row.state, recipients: [] };
  const snapshot = JSON.parse(chat) as Chat;
  const receipts = new Map(memberReceipts(db, messageId).map((receipt) => [receipt.userId, receipt]));
  const recipients = new Set(recipientsOf(snapshot, row.sender_id, row.sent_at));
  return {
    messageId,
    state: row.state,
    recipients: snapshot.members
      .filter((member) => recipients.has(member.user.id))
      .map((member) => ({
        user: member.user,
        deliveredAt: receipts.get(member.user.id)?.deliveredAt ?? null,
        readAt: receipts.get(member.user.id)?.readAt ?? null,
      })),
  };
}

type QuotedColumns = {
  q_id: string | null;
  q_sender_id: string | null;
  q_content: string | null;
  q_deleted_at: string | null;
};

const messageColumns = `m.*, q.id AS q_id, q.sender_id AS q_sender_id, q.content AS q_content,
  q.deleted_at AS q_deleted_at
  FROM messages m LEFT JOIN messages q ON q.id = m.reply_to AND q.hidden = 0`;

function withReactions(db: SqlDatabase, rows: (MessageRow & QuotedColumns)[]): StoredMessage[] {
  const reactions = new Map<string, Reaction[]>();
  if (rows.length > 0) {
    const ids = rows.map((row) => row.id);
    for (const reaction of db.all<{ message_id: string; user_id: string; emoji: string }>(
      `SELECT message_id, user_id, emoji FROM reactions
       WHERE message_id IN (${ids.map(() => '?').join(', ')}) ORDER BY emoji, user_id`,
      ids,
    )) {
      const list = reactions.get(reaction.message_id) ?? [];
      list.push({ userId: reaction.user_id, emoji: reaction.emoji });
      reactions.set(reaction.message_id, list);
    }
  }
  return rows.map((row) => toMessage(row, reactions.get(row.id) ?? []));
}

function toMessage(row: MessageRow & QuotedColumns, reactions: Reaction[]): StoredMessage {
  return {
    id: row.id,
    chatId: row.chat_id,
    senderId: row.sender_id,
    sentAt: row.sent_at,
    content: parseContent(row.content),
    own: row.own === 1,
    state: row.state,
    errorCode: row.error_code,
    editedAt: row.edited_at,
    deleted: row.deleted_at !== null,
    replyTo: row.reply_to
      ? {
          messageId: row.reply_to,
          message: row.q_id
            ? {
                senderId: row.q_sender_id as string,
                content: parseContent(row.q_content),
                deleted: row.q_deleted_at !== null,
              }
            : null,
        }
      : null,
    reactions,
  };
}

function toSummary(row: ChatListRow): ChatSummary {
  const lastMessage: MessagePreview | null = row.m_id
    ? {
        id: row.m_id,
        senderId: row.m_sender_id as string,
        sentAt: row.m_sent_at as string,
        content: parseContent(row.m_content),
        deleted: row.m_deleted_at !== null,
        own: row.m_own === 1,
        state: row.m_state as OwnMessageState | null,
      }
    : null;
  return {
    chat: JSON.parse(row.chat as string) as Chat,
    left: row.left_at !== null,
    unreadCount: row.unread_count,
    lastActivityAt: row.last_activity_at,
    lastMessage,
  };
}

function parseContent(json: string | null): Content | null {
  return json === null ? null : (JSON.parse(json) as Content);
}
