import {
  type Content,
  type EditedContent,
  messageLimits,
  type OutgoingContent,
  type SendResult,
} from '@parley/protocol';
import { decodeTime } from 'ulid';
import type { Session } from '../accounts/sessions.ts';
import { deleteMessageAttachments, linkAttachments, resolveAttachments } from '../attachments/index.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { limitSends } from './limits.ts';
import { memberDevices, otherDevicesOf, requireMember } from './membership.ts';
import { enqueueFor, withQueue } from './queue.ts';

/** Clocks drift: a client-made id may claim to be this far in the future. */
const maxClockSkewMs = 5 * 60 * 1000;

/** What recipients get: attachments expanded from the server's own records. */
async function expandContent(ctx: AppContext, session: Session, chatId: string, content: OutgoingContent) {
  const resolve = (ids: string[]) => resolveAttachments(ctx, { chatId, uploaderId: session.userId, ids });
  switch (content.type) {
    case 'text':
      return { content: content as Content, attachmentIds: [] };
    case 'media': {
      const { attachmentIds, ...rest } = content;
      return { content: { ...rest, attachments: await resolve(attachmentIds) }, attachmentIds };
    }
    case 'voice': {
      const [attachment] = await resolve([content.attachmentId]);
      if (attachment?.kind !== 'voice') {
        throw new AppError('VALIDATION_FAILED', 'A voice message needs a voice recording.');
      }
      const { attachmentId, ...rest } = content;
      return { content: { ...rest, attachment }, attachmentIds: [attachmentId] };
    }
  }
}

/**
 * Stores a message and queues it for every other device of every member (the sender's other
 * devices included). The id comes from the client, so a retried send is stored once and answered
 * the same way.
 */
export async function sendMessage(
  ctx: AppContext,
  session: Session,
  input: { messageId: string; chatId: string; content: OutgoingContent },
): Promise<SendResult> {
  await limitSends(ctx, session);
  await requireMember(ctx, input.chatId, session.userId);
  const now = ctx.clock();
  const existing = await ctx.database.db
    .selectFrom('messages')
    .select(['chat_id', 'sender_id', 'created_at'])
    .where('id', '=', input.messageId)
    .executeTakeFirst();
  if (existing) {
    if (existing.sender_id !== session.userId || existing.chat_id !== input.chatId) {
      throw new AppError('CONFLICT', 'That message id is already taken.');
    }
    return { messageId: input.messageId, sentAt: new Date(existing.created_at).toISOString() };
  }
  const idTime = decodeTime(input.messageId);
  if (idTime > now + maxClockSkewMs || idTime < now - ctx.config.limits.messageTtlMs) {
    throw new AppError('VALIDATION_FAILED', 'The message id must be a ULID made from the current time.');
  }

  const { content, attachmentIds } = await expandContent(ctx, session, input.chatId, input.content);
  const expiresAt = now + ctx.config.limits.messageTtlMs;
  const sentAt = new Date(now).toISOString();
  await withQueue(ctx, async (trx, queued) => {
    if (ctx.database.kind === 'postgres') {
      // Hold the memberships until commit: a removal running at the same time waits, so nobody
      // receives a message after their "removed", and a removed sender cannot still post.
      const members = await trx
        .selectFrom('chat_members')
        .select('user_id')
        .where('chat_id', '=', input.chatId)
        .forShare()
        .execute();
      if (!members.some((member) => member.user_id === session.userId)) {
        throw new AppError('CHAT_NOT_FOUND', 'This chat does not exist or you are not in it.');
      }
    }
    await trx
      .insertInto('messages')
      .values({
        id: input.messageId,
        chat_id: input.chatId,
        sender_id: session.userId,
        sender_device_id: session.deviceId,
        created_at: now,
        expires_at: expiresAt,
        deleted_at: null,
      })
      .execute();
    const devices = await memberDevices(trx, input.chatId);
    const recipients = devices
      .filter((device) => device.deviceId !== session.deviceId)
      .map((d) => d.deviceId);
    const message = {
      id: input.messageId,
      chatId: input.chatId,
      senderId: session.userId,
      senderDeviceId: session.deviceId,
      sentAt,
      content,
    };
    await enqueueFor(ctx, trx, queued, { type: 'message', message }, recipients, {
      messageId: input.messageId,
      expiresAt,
    });
    const readers = [...new Set(devices.map((d) => d.userId))].filter((userId) => userId !== session.userId);
    if (readers.length > 0) {
      await trx
        .insertInto('message_receipts')
        .values(
          readers.map((userId) => ({
            message_id: input.messageId,
            user_id: userId,
            delivered_at: null,
            read_at: null,
          })),
        )
        .execute();
    }
    if (attachmentIds.length > 0) {
      await linkAttachments(trx, {
        messageId: input.messageId,
        attachmentIds,
        recipientDeviceIds: recipients,
        expiresAt,
      });
    }
  });
  return { messageId: input.messageId, sentAt };
}

/** The sender's own live message in the chat, or MESSAGE_NOT_FOUND. */
async function ownMessage(ctx: AppContext, session: Session, chatId: string, messageId: string) {
  const message = await ctx.database.db
    .selectFrom('messages')
    .selectAll()
    .where('id', '=', messageId)
    .where('chat_id', '=', chatId)
    .where('sender_id', '=', session.userId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!message) throw new AppError('MESSAGE_NOT_FOUND', 'That message is not yours or no longer exists.');
  return message;
}

/** Everyone's devices in the chat but the one acting (its own copy is already changed). */
async function othersInChat(trx: Parameters<typeof memberDevices>[0], chatId: string, session: Session) {
  const devices = await memberDevices(trx, chatId);
  return devices.filter((device) => device.deviceId !== session.deviceId).map((device) => device.deviceId);
}

/**
 * Replaces the text of an own message (the caption of a photo or video), within 15 minutes of
 * sending, as in WhatsApp.
 */
export async function editMessage(
  ctx: AppContext,
  session: Session,
  input: { chatId: string; messageId: string; content: EditedContent },
): Promise<void> {
  await limitSends(ctx, session);
  await requireMember(ctx, input.chatId, session.userId);
  const message = await ownMessage(ctx, session, input.chatId, input.messageId);
  const now = ctx.clock();
  if (now - message.created_at > messageLimits.editWindowMs) {
    throw new AppError('EDIT_WINDOW_PASSED', 'Messages can only be edited for 15 minutes after sending.');
  }
  const content: Content = { type: 'text', text: input.content.text };
  await withQueue(ctx, async (trx, queued) => {
    const event = {
      type: 'message-edited' as const,
      chatId: input.chatId,
      messageId: input.messageId,
      content,
      editedAt: new Date(now).toISOString(),
    };
    // Filed under the message: deleting it for everyone withdraws undelivered edits too.
    await enqueueFor(ctx, trx, queued, event, await othersInChat(trx, input.chatId, session), {
      messageId: input.messageId,
    });
  });
}

/**
 * Deletes a message for everyone (own message, within 48 hours): its body and attachments leave
 * the server at once, undelivered copies are withdrawn, and every device replaces it with a
 * "deleted" mark. Deleting for me only tells my other devices.
 */
export async function deleteMessage(
  ctx: AppContext,
  session: Session,
  input: { chatId: string; messageId: string; forEveryone: boolean },
): Promise<void> {
  await limitSends(ctx, session);
  await requireMember(ctx, input.chatId, session.userId);
  const event = {
    type: 'message-deleted' as const,
    chatId: input.chatId,
    messageId: input.messageId,
    forEveryone: input.forEveryone,
    deletedBy: session.userId,
  };
  if (!input.forEveryone) {
    await withQueue(ctx, async (trx, queued) => {
      await enqueueFor(ctx, trx, queued, event, await otherDevicesOf(trx, session));
    });
    return;
  }
  const message = await ownMessage(ctx, session, input.chatId, input.messageId);
  const now = ctx.clock();
  if (now - message.created_at > messageLimits.deleteForEveryoneWindowMs) {
    throw new AppError('DELETE_WINDOW_PASSED', 'Messages can only be deleted for everyone within 48 hours.');
  }
  await withQueue(ctx, async (trx, queued) => {
    await trx.updateTable('messages').set({ deleted_at: now }).where('id', '=', input.messageId).execute();
    // Withdraw the body (and its undelivered copies: deliveries cascade) before anyone else gets it.
    await trx
      .deleteFrom('events')
      .where('message_id', '=', input.messageId)
      .where('type', 'in', ['message', 'message-edited'])
      .execute();
    await enqueueFor(ctx, trx, queued, event, await othersInChat(trx, input.chatId, session));
  });
  await deleteMessageAttachments(ctx, input.messageId);
}

/** Sets (or with null removes) the user's one reaction to a message. */
export async function reactToMessage(
  ctx: AppContext,
  session: Session,
  input: { chatId: string; messageId: string; emoji: string | null },
): Promise<void> {
  await limitSends(ctx, session);
  await requireMember(ctx, input.chatId, session.userId);
  const message = await ctx.database.db
    .selectFrom('messages')
    .select('id')
    .where('id', '=', input.messageId)
    .where('chat_id', '=', input.chatId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!message) throw new AppError('MESSAGE_NOT_FOUND', 'That message no longer exists.');
  await withQueue(ctx, async (trx, queued) => {
    const event = {
      type: 'reaction' as const,
      chatId: input.chatId,
      messageId: input.messageId,
      userId: session.userId,
      emoji: input.emoji,
    };
    await enqueueFor(ctx, trx, queued, event, await othersInChat(trx, input.chatId, session));
  });
}
