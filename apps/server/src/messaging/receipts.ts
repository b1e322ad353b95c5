import type { DatabaseSchema } from '@parley/storage';
import type { Transaction } from 'kysely';
import { decodeTime } from 'ulid';
import type { Session } from '../accounts/sessions.ts';
import { releaseAttachments } from '../attachments/index.ts';
import type { AppContext } from '../context.ts';
import { devicesOfUsers, otherDevicesOf, requireMember } from './membership.ts';
import { enqueueFor, withQueue } from './queue.ts';

/**
 * Receipts, as the design documents describe: "sent" when the server stored a message (the answer
 * to `send`), "delivered" when the first device of a recipient acknowledges it, "read" when the
 * recipient opens the chat. Delivered and read travel to the sender's devices as queued events.
 */

/** Queues receipts for the senders of `messageIds` (one event per chat and sender). */
async function notifySenders(
  ctx: AppContext,
  trx: Transaction<DatabaseSchema>,
  queued: Set<string>,
  messageIds: string[],
  userId: string,
  state: 'delivered' | 'read',
): Promise<void> {
  if (messageIds.length === 0) return;
  const messages = await trx
    .selectFrom('messages')
    .select(['id', 'chat_id', 'sender_id'])
    .where('id', 'in', messageIds)
    .orderBy('id')
    .execute();
  const groups = new Map<string, { chatId: string; senderId: string; ids: string[] }>();
  for (const message of messages) {
    const key = `${message.chat_id}:${message.sender_id}`;
    const group = groups.get(key) ?? { chatId: message.chat_id, senderId: message.sender_id, ids: [] };
    group.ids.push(message.id);
    groups.set(key, group);
  }
  const at = new Date(ctx.clock()).toISOString();
  for (const group of groups.values()) {
    const event = {
      type: 'receipt' as const,
      chatId: group.chatId,
      messageIds: group.ids,
      userId,
      state,
      at,
    };
    await enqueueFor(ctx, trx, queued, event, await devicesOfUsers(trx, [group.senderId]));
  }
}

/**
 * A device has safely stored every event up to `upToSeq`: forget those deliveries, record
 * "delivered" for the messages among them, and delete the bodies nobody is waiting for any more.
 */
export async function acknowledge(ctx: AppContext, session: Session, upToSeq: number): Promise<void> {
  const released = await withQueue(ctx, async (trx, queued) => {
    const acked = await trx
      .selectFrom('deliveries')
      .innerJoin('events', 'events.id', 'deliveries.event_id')
      .select(['deliveries.event_id', 'events.message_id'])
      .where('deliveries.device_id', '=', session.deviceId)
      .where('deliveries.seq', '<=', upToSeq)
      .execute();
    if (acked.length === 0) return [];
    await trx
      .deleteFrom('deliveries')
      .where('device_id', '=', session.deviceId)
      .where('seq', '<=', upToSeq)
      .execute();

    const messageIds = [...new Set(acked.flatMap((row) => (row.message_id ? [row.message_id] : [])))];
    if (messageIds.length > 0) {
      const delivered = await trx
        .updateTable('message_receipts')
        .set({ delivered_at: ctx.clock() })
        .where('user_id', '=', session.userId)
        .where('message_id', 'in', messageIds)
        .where('delivered_at', 'is', null)
        .returning('message_id')
        .execute();
      await notifySenders(
        ctx,
        trx,
        queued,
        delivered.map((row) => row.message_id),
        session.userId,
        'delivered',
      );
    }

    // An event whose last delivery is acknowledged is gone from the server: for a message, its body.
    const eventIds = [...new Set(acked.map((row) => row.event_id))];
    const done = await trx
      .deleteFrom('events')
      .where('id', 'in', eventIds)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('deliveries').select('seq').whereRef('deliveries.event_id', '=', 'events.id'))),
      )
      .returning('message_id')
      .execute();
    return done.flatMap((row) => (row.message_id ? [row.message_id] : []));
  });
  if (released.length > 0) await releaseAttachments(ctx, released);
}

/**
 * The user has seen the chat up to a message: "read" for every earlier message from others not yet
 * read, sent to their senders, and the user's other devices clear the chat's unread count.
 */
export async function markRead(
  ctx: AppContext,
  session: Session,
  input: { chatId: string; upToMessageId: string },
): Promise<void> {
  await requireMember(ctx, input.chatId, session.userId);
  await withQueue(ctx, async (trx, queued) => {
    const now = ctx.clock();
    // Chats are ordered by the server's time, not by the client-made ids (whose clocks drift): read
    // everything the server stored up to the marker message.
    const marker = await trx
      .selectFrom('messages')
      .select('created_at')
      .where('id', '=', input.upToMessageId)
      .where('chat_id', '=', input.chatId)
      .executeTakeFirst();
    const readUpTo = marker?.created_at ?? decodeTime(input.upToMessageId);
    const read = await trx
      .updateTable('message_receipts')
      .set((eb) => ({ read_at: now, delivered_at: eb.fn.coalesce('delivered_at', eb.val(now)) }))
      .where('user_id', '=', session.userId)
      .where('read_at', 'is', null)
      .where('message_id', 'in', (eb) =>
        eb
          .selectFrom('messages')
          .select('id')
          .where('chat_id', '=', input.chatId)
          .where('created_at', '<=', readUpTo),
      )
      .returning('message_id')
      .execute();
    await notifySenders(
      ctx,
      trx,
      queued,
      read.map((row) => row.message_id),
      session.userId,
      'read',
    );
    await enqueueFor(ctx, trx, queued, { type: 'chat-read', ...input }, await otherDevicesOf(trx, session));
  });
}
