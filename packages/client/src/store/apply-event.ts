import type { Content, Message, ParleyEvent } from '@parley/protocol';
import type { ChangeSet } from './change-set.ts';
import {
  advanceReadMarker,
  chatSnapshot,
  ensureChat,
  markLeft,
  recountUnread,
  refreshLastMessage,
  upsertChat,
} from './chat-rows.ts';
import {
  getMessageRow,
  insertMessage,
  isoTime,
  type MessageRow,
  setContent,
  setReaction,
  setState,
} from './message-rows.ts';
import { type MemberReceipt, raiseState, recipientsOf, stateFromReceipts } from './receipts.ts';
import type { IncomingMessage, OwnMessageState } from './records.ts';
import type { SqlDatabase } from './sql-database.ts';

export interface ApplyContext {
  db: SqlDatabase;
  /** The signed-in user: their messages from other devices are stored as own. */
  me: string;
  /** The chat on screen: its incoming messages do not count as unread. */
  openChatId: string | null;
  /** This device's time, for tombstones and "left" marks (events carry no time for them). */
  now: string;
  changes: ChangeSet;
  /** New messages from others, collected for notifications and read receipts of the open chat. */
  incoming: IncomingMessage[];
}

/**
 * Applies one queued event to the local history. Every branch is idempotent (applying an event
 * twice leaves the same state) and tolerant of what this device never saw, such as a reaction
 * to a message that expired on the server before this device came online.
 */
export function applyEvent(ctx: ApplyContext, event: ParleyEvent): void {
  switch (event.type) {
    case 'message':
      applyMessage(ctx, event.message);
      break;
    case 'message-edited':
      applyEdit(ctx, event.messageId, event.content, event.editedAt);
      break;
    case 'message-deleted':
      applyDelete(ctx, event.messageId, event.forEveryone);
      break;
    case 'reaction':
      applyReaction(ctx, event.messageId, event.userId, event.emoji);
      break;
    case 'receipt':
      applyReceipt(ctx, event.messageIds, event.userId, event.state, isoTime(event.at));
      break;
    case 'chat-read':
      if (advanceReadMarker(ctx.db, event.chatId, event.upToMessageId)) {
        recountUnread(ctx.db, event.chatId);
        ctx.changes.chat(event.chatId);
      }
      break;
    case 'chat-updated':
      upsertChat(ctx.db, event.chat, ctx.me);
      ctx.changes.chat(event.chat.id);
      break;
    case 'chat-removed':
      if (markLeft(ctx.db, event.chatId, ctx.now)) ctx.changes.chat(event.chatId);
      break;
  }
}

function applyMessage(ctx: ApplyContext, message: Message): void {
  const { db } = ctx;
  const existing = getMessageRow(db, message.id);
  if (existing) {
    // Ours, sent from here, and the server's copy came back: the server has it, so at least "sent".
    if (existing.own && (existing.state === 'pending' || existing.state === 'failed')) {
      db.run("UPDATE messages SET state = 'sent', error_code = NULL, sent_at = ? WHERE id = ?", [
        isoTime(message.sentAt),
        message.id,
      ]);
      refreshOwnState(ctx, message.id);
      refreshLastMessage(db, message.chatId);
      ctx.changes.message(message.chatId, message.id);
    }
    return;
  }
  // The chat's snapshot may not be here yet (a direct chat opened by its first message): the
  // engine reports chats without one, and the messenger fetches them.
  ensureChat(db, message.chatId, message.sentAt);
  const own = message.senderId === ctx.me;
  // System notices name me as sender when I acted (added a member), but carry no ticks.
  const ticked = own && message.content.type !== 'system';
  insertMessage(db, { ...message, own, state: ticked ? 'sent' : null });
  if (ticked) refreshOwnState(ctx, message.id);
  refreshLastMessage(db, message.chatId);
  if (!own && message.content.type !== 'system') {
    ctx.incoming.push({ chatId: message.chatId, messageId: message.id, senderId: message.senderId });
    if (message.chatId !== ctx.openChatId) {
      db.run(
        `UPDATE chats SET unread_count = unread_count + 1
         WHERE id = ? AND (read_up_to IS NULL OR read_up_to < ?)`,
        [message.chatId, message.id],
      );
    }
  }
  ctx.changes.message(message.chatId, message.id);
}

function applyEdit(ctx: ApplyContext, messageId: string, content: Content, editedAt: string): void {
  const row = getMessageRow(ctx.db, messageId);
  // A delete wins over any edit; an older edit never replaces a newer one.
  if (!row || row.hidden || row.deleted_at) return;
  const at = isoTime(editedAt);
  if (row.edited_at !== null && row.edited_at >= at) return;
  setContent(ctx.db, messageId, { content, editedAt: at, deletedAt: null });
  ctx.changes.message(row.chat_id, messageId);
}

function applyDelete(ctx: ApplyContext, messageId: string, forEveryone: boolean): void {
  const row = getMessageRow(ctx.db, messageId);
  if (!row || row.hidden) return;
  if (forEveryone) {
    if (row.deleted_at) return;
    tombstone(ctx.db, row, ctx.now);
  } else {
    hide(ctx.db, row);
  }
  ctx.changes.message(row.chat_id, messageId);
}

/** Deleted for everyone: the bubble stays as "This message was deleted", the words go. */
export function tombstone(db: SqlDatabase, row: MessageRow, at: string): void {
  setContent(db, row.id, { content: null, editedAt: row.edited_at, deletedAt: isoTime(at) });
  db.run('DELETE FROM reactions WHERE message_id = ?', [row.id]);
}

/** Deleted for me: only the id stays, so a late copy of the message cannot bring it back. */
export function hide(db: SqlDatabase, row: MessageRow): void {
  setContent(db, row.id, { content: null, editedAt: null, deletedAt: null });
  db.run('UPDATE messages SET hidden = 1 WHERE id = ?', [row.id]);
  db.run('DELETE FROM reactions WHERE message_id = ?', [row.id]);
  db.run('DELETE FROM receipts WHERE message_id = ?', [row.id]);
  refreshLastMessage(db, row.chat_id);
  recountUnread(db, row.chat_id);
}

function applyReaction(ctx: ApplyContext, messageId: string, userId: string, emoji: string | null): void {
  const row = getMessageRow(ctx.db, messageId);
  if (!row || row.hidden || row.deleted_at) return;
  setReaction(ctx.db, messageId, userId, emoji);
  ctx.changes.message(row.chat_id, messageId);
}

function applyReceipt(
  ctx: ApplyContext,
  messageIds: string[],
  userId: string,
  state: 'delivered' | 'read',
  at: string,
): void {
  for (const messageId of messageIds) {
    // Kept even before the message is here, so its ticks are right whenever it arrives.
    ctx.db.run(
      `INSERT INTO receipts (message_id, user_id, delivered_at, read_at) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (message_id, user_id) DO UPDATE SET
         delivered_at = coalesce(receipts.delivered_at, excluded.delivered_at),
         read_at = coalesce(receipts.read_at, excluded.read_at)`,
      // Read implies delivered: a device that reads a message has it.
      [messageId, userId, at, state === 'read' ? at : null],
    );
    const row = getMessageRow(ctx.db, messageId);
    if (row?.own && refreshOwnState(ctx, messageId)) ctx.changes.message(row.chat_id, messageId);
  }
}

/** Raises an own message's ticks to what its receipts say; returns whether they changed. */
export function refreshOwnState(ctx: Pick<ApplyContext, 'db'>, messageId: string): boolean {
  const row = getMessageRow(ctx.db, messageId);
  if (!row?.own || row.state === null) return false;
  const receipts = memberReceipts(ctx.db, messageId);
  if (receipts.length === 0) return false;
  const chat = chatSnapshot(ctx.db, row.chat_id);
  // Without the chat's members, the receipts that arrived are the best guess of who must have it.
  const recipients = chat
    ? recipientsOf(chat, row.sender_id, row.sent_at)
    : receipts.map((receipt) => receipt.userId);
  const next: OwnMessageState = raiseState(row.state, stateFromReceipts(recipients, receipts));
  if (next === row.state) return false;
  setState(ctx.db, messageId, next);
  return true;
}

export function memberReceipts(db: SqlDatabase, messageId: string): MemberReceipt[] {
  return db
    .all<{ user_id: string; delivered_at: string | null; read_at: string | null }>(
      'SELECT user_id, delivered_at, read_at FROM receipts WHERE message_id = ? ORDER BY user_id',
      [messageId],
    )
    .map((row) => ({ userId: row.user_id, deliveredAt: row.delivered_at, readAt: row.read_at }));
}
