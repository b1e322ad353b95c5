import {
  type Content,
  type ErrorCode,
  messageLimits,
  type OutgoingContent,
  outgoingContentSchema,
  reactionEmojiSchema,
} from '@parley/protocol';
import { ApiError } from '../api-error.ts';
import { toOutgoing, withText } from '../content.ts';
import { hide, tombstone } from './apply-event.ts';
import type { ChangeSet } from './change-set.ts';
import { advanceReadMarker, getChatRow, refreshLastMessage } from './chat-rows.ts';
import {
  getMessageRow,
  insertMessage,
  isoTime,
  type MessageRow,
  reactionsOf,
  setContent,
  setReaction,
  setState,
} from './message-rows.ts';
import { enqueue } from './outbox-table.ts';
import type { SqlDatabase } from './sql-database.ts';

/**
 * What the person does, applied to the local history at once and queued in the outbox in the
 * same transaction: the UI shows it immediately and nothing is lost if the tab closes before
 * the server has it.
 */
export interface ActionContext {
  db: SqlDatabase;
  me: string;
  now: string;
  changes: ChangeSet;
}

export interface NewOwnMessage {
  /** A ULID made by the client, so a retried send is stored once. */
  id: string;
  chatId: string;
  /** As recipients will see it (attachments expanded from the upload answers). */
  content: Content;
}

export function queueSend(ctx: ActionContext, message: NewOwnMessage): void {
  const chat = getChatRow(ctx.db, message.chatId);
  if (!chat) throw ApiError.of('CHAT_NOT_FOUND', 'This chat is not on this device.');
  if (chat.left_at) throw ApiError.of('FORBIDDEN', 'You are no longer a member of this chat.');
  if (getMessageRow(ctx.db, message.id)) return;
  const content = validOutgoing(message.content);
  insertMessage(ctx.db, { ...message, senderId: ctx.me, sentAt: ctx.now, own: true, state: 'pending' });
  enqueue(ctx.db, { type: 'send', messageId: message.id, chatId: message.chatId, content }, null, ctx.now);
  refreshLastMessage(ctx.db, message.chatId);
  ctx.changes.message(message.chatId, message.id);
}

/** Sends a failed message again, with the same id. */
export function retrySend(ctx: ActionContext, messageId: string): void {
  const row = ownMessage(ctx, messageId);
  if (row.state !== 'failed' || row.content === null) return;
  const content = validOutgoing(JSON.parse(row.content) as Content);
  setState(ctx.db, messageId, 'pending');
  enqueue(ctx.db, { type: 'send', messageId, chatId: row.chat_id, content }, null, ctx.now);
  ctx.changes.message(row.chat_id, messageId);
}

/** Edits the text of my text message (within 15 minutes of sending, as the server enforces). */
export function queueEdit(ctx: ActionContext, messageId: string, text: string): void {
  const row = ownMessage(ctx, messageId);
  if (row.deleted_at || row.content === null)
    throw ApiError.of('MESSAGE_NOT_FOUND', 'The message was deleted.');
  const before = JSON.parse(row.content) as Content;
  const after = withText(before, text);
  if (after === null) throw ApiError.of('VALIDATION_FAILED', 'Only text messages can be edited.');
  validOutgoing(after); // throws for text the server would refuse
  const unsent = row.state === 'failed';
  if (!unsent && row.state !== 'pending') {
    requireWithin(ctx, row, messageLimits.editWindowMs, 'EDIT_WINDOW_PASSED');
  }
  const editedAt = isoTime(ctx.now);
  setContent(ctx.db, messageId, { content: after, editedAt, deletedAt: null });
  // A failed message never reached the server: the change stays here until it is retried.
  if (!unsent) {
    enqueue(
      ctx.db,
      { type: 'edit', chatId: row.chat_id, messageId, content: { type: 'text', text } },
      contentRestore(ctx, row),
      ctx.now,
    );
  }
  ctx.changes.message(row.chat_id, messageId);
}

export function queueDelete(ctx: ActionContext, messageId: string, forEveryone: boolean): void {
  const row = getMessageRow(ctx.db, messageId);
  if (!row || row.hidden) return;
  const unsent = row.own && row.state === 'failed';
  if (forEveryone) {
    if (!row.own) throw ApiError.of('FORBIDDEN', 'Only your own messages can be deleted for everyone.');
    if (row.deleted_at) return;
    if (!unsent && row.state !== 'pending') {
      requireWithin(ctx, row, messageLimits.deleteForEveryoneWindowMs, 'DELETE_WINDOW_PASSED');
    }
    const restore = contentRestore(ctx, row);
    tombstone(ctx.db, row, ctx.now);
    if (!unsent) {
      enqueue(ctx.db, { type: 'delete', chatId: row.chat_id, messageId, forEveryone }, restore, ctx.now);
    }
  } else {
    hide(ctx.db, row);
    // Hiding needs no undo: the server refusing to tell my other devices changes nothing here.
    if (!unsent) {
      enqueue(ctx.db, { type: 'delete', chatId: row.chat_id, messageId, forEveryone }, null, ctx.now);
    }
  }
  ctx.changes.message(row.chat_id, messageId);
}

/** Sets my reaction to a message; null removes it. One emoji per person, as in WhatsApp. */
export function queueReaction(ctx: ActionContext, messageId: string, emoji: string | null): void {
  const row = getMessageRow(ctx.db, messageId);
  if (!row || row.hidden || row.deleted_at)
    throw ApiError.of('MESSAGE_NOT_FOUND', 'The message was deleted.');
  if (row.own && (row.state === 'pending' || row.state === 'failed')) {
    throw ApiError.of('CONFLICT', 'Wait until the message is sent to react to it.');
  }
  if (emoji !== null && !isEmoji(emoji)) throw ApiError.of('VALIDATION_FAILED', 'A reaction is one emoji.');
  const previous = reactionsOf(ctx.db, messageId).find((reaction) => reaction.userId === ctx.me);
  if ((previous?.emoji ?? null) === emoji) return;
  setReaction(ctx.db, messageId, ctx.me, emoji);
  enqueue(
    ctx.db,
    { type: 'react', chatId: row.chat_id, messageId, emoji },
    { kind: 'reaction', userId: ctx.me, emoji: previous?.emoji ?? null },
    ctx.now,
  );
  ctx.changes.message(row.chat_id, messageId);
}

/**
 * Marks a chat read here and, when there is something new from others, tells the server up to
 * which message (it sends the read receipts and tells my other devices).
 */
export function queueRead(ctx: ActionContext, chatId: string): void {
  const chat = getChatRow(ctx.db, chatId);
  if (!chat) return;
  const newest = ctx.db.get<{ id: string | null }>(
    'SELECT max(id) AS id FROM messages WHERE chat_id = ? AND own = 0 AND hidden = 0',
    [chatId],
  )?.id;
  const moved = newest ? advanceReadMarker(ctx.db, chatId, newest) : false;
  if (moved && newest) enqueue(ctx.db, { type: 'read', chatId, upToMessageId: newest }, null, ctx.now);
  if (moved || chat.unread_count > 0) {
    ctx.db.run('UPDATE chats SET unread_count = 0 WHERE id = ?', [chatId]);
    ctx.changes.chat(chatId);
  }
}

/** The protocol's rule for a reaction, checked here so a refused one never shows locally. */
function isEmoji(value: string): boolean {
  return reactionEmojiSchema.safeParse(value).success;
}

function ownMessage(ctx: ActionContext, messageId: string): MessageRow {
  const row = getMessageRow(ctx.db, messageId);
  if (!row || row.hidden) throw ApiError.of('MESSAGE_NOT_FOUND', 'The message is not on this device.');
  if (!row.own) throw ApiError.of('FORBIDDEN', 'Only your own messages can be changed.');
  return row;
}

function contentRestore(ctx: ActionContext, row: MessageRow) {
  return {
    kind: 'content' as const,
    content: row.content === null ? null : (JSON.parse(row.content) as Content),
    editedAt: row.edited_at,
    deletedAt: row.deleted_at,
    reactions: reactionsOf(ctx.db, row.id),
  };
}

function requireWithin(ctx: ActionContext, row: MessageRow, windowMs: number, code: ErrorCode): void {
  if (Date.parse(ctx.now) - Date.parse(row.sent_at) > windowMs) {
    throw ApiError.of(code, 'The time to change this message has passed.');
  }
}

function validOutgoing(content: Content): OutgoingContent {
  const parsed = outgoingContentSchema.safeParse(toOutgoing(content));
  if (!parsed.success) {
    throw ApiError.of('VALIDATION_FAILED', parsed.error.issues[0]?.message ?? 'The message is not valid.');
  }
  return parsed.data;
}
