import type { DatabaseSchema } from '@parley/storage';
import type { Transaction } from 'kysely';
import { decodeTime } from 'ulid';
import type { Session } from '../accounts/sessions.ts';
import { releaseAttachments } from '../attachments/index.ts';
import type { AppContext } from '../context.ts';
import { limitSignals } from './limits.ts';
import { devicesOfUsers, otherDevicesOf, requireMember } from './membership.ts';
import { chunks, enqueueFor, lockDevices, withQueue } from './queue.ts';

/**
 * Receipts, as the design documents describe: "sent" when the server stored a message (the answer
 * to `send`), "delivered" when the first device of a recipient acknowledges it, "read" when the
 * recipient opens the chat. Delivered and read travel to the sender's devices as queued events.
 */

/**
 * Queues receipts for the senders of `messageIds` (one event per chat, sender and 500 messages).
 * Every device it will queue for (and `alsoLock`) is locked first in one sorted pass.
 */
async function notifySenders(
  ctx: AppContext,
  trx: Transaction<DatabaseSchema>,
  queued: Set<string>,
  messageIds: string[],
  userId: string,
  state: 'delivered' | 'read',
  alsoLock: string[] = [],
): Promise<void> {
  const messages = [];
  for (const batch of chunks(messageIds)) {
    messages.push(
      ...(await trx
        .selectFrom('messages')
        .select(['id', 'chat_id', 'sender_id'])
        .where('id', 'in', batch)
        .execute()),
    );
  }
  messages.sort((a, b) => (a.id < b.id ? -1 : 1));
  const groups = new Map<string, { chatId: string; senderId: string; ids: string[] }>();
  for (const message of messages) {
    const key = `${message.chat_id}:${message.sender_id}`;
    const group = groups.get(key) ?? { chatId: message.chat_id, senderId: message.sender_id, ids: [] };
    group.ids.push(message.id);
    groups.set(key, group);
  }
  const senders = [...new Set(messages.map((message) => message.sender_id))];
  const devicesBySender = new Map<string, string[]>();
  for (const senderId of senders) devicesBySender.set(senderId, await devicesOfUsers(trx, [senderId]));
  await lockDevices(ctx, trx, [...[...devicesBySender.values()].flat(), ...alsoLock]);
  const at = new Date(ctx.clock()).toISOString();
  for (const group of groups.values()) {
    for (const ids of chunks(group.ids)) {
      const event = { type: 'receipt' as const, chatId: group.chatId, messageIds: ids, userId, state, at };
      await enqueueFor(ctx, trx, queued, event, devicesBySender.get(group.senderId) ?? []);
    }
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
    const delivered: string[] = [];
    for (const batch of chunks(messageIds)) {
      const rows = await trx
        .updateTable('message_receipts')
        .set({ delivered_at: ctx.clock() })
        .where('user_id', '=', session.userId)
        .where('message_id', 'in', batch)
        .where('delivered_at', 'is', null)
        .returning('message_id')
        .execute();
      delivered.push(...rows.map((row) => row.message_id));
    }
    await notifySenders(ctx, trx, queued, delivered, session.userId, 'delivered');

    // An event whose last delivery is acknowledged is gone from the server: for a message, its body.
    const released: string[] = [];
    for (const batch of chunks([...new Set(acked.map((row) => row.event_id))])) {
      const done = await trx
        .deleteFrom('events')
        .where('id', 'in', batch)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(selectFrom('deliveries').select('seq').whereRef('deliveries.event_id', '=', 'events.id')),
          ),
        )
        .returning('message_id')
        .execute();
      released.push(...done.flatMap((row) => (row.message_id ? [row.message_id] : [])));
    }
    return released;
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
  await limitSignals(ctx, session);
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
    const mine = await otherDevicesOf(trx, session);
    await notifySenders(
      ctx,
      trx,
      queued,
      read.map((row) => row.message_id),
      session.userId,
      'read',
      mine,
    );
    await enqueueFor(ctx, trx, queued, { type: 'chat-read', ...input }, mine);
  });
}
