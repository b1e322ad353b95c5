import type { ParleyEvent } from '@parley/protocol';
import type { DatabaseSchema } from '@parley/storage';
import type { Kysely, Transaction } from 'kysely';
import { ulid } from 'ulid';
import type { AppContext } from '../context.ts';

/**
 * The per-device delivery queue. An event is stored once (`events`) with one numbered delivery per
 * recipient device; the device acknowledges by number and the event body is deleted when its last
 * delivery is acknowledged (or at expiry). The bus only wakes the node holding a device's socket:
 * the database stays the source of truth, so a lost wake-up delays an event but never loses it.
 */

type Db = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

/** Bus topic a node listens on while a device's socket is open, to be told to read its queue. */
export function deviceTopic(deviceId: string): string {
  return `device.${deviceId}`;
}

// Both databases accept far more, but big fan-outs (1,024-member groups) stay well inside limits.
const chunkSize = 500;

export function chunks<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += chunkSize) result.push(items.slice(i, i + chunkSize));
  return result;
}

/**
 * Queues one event for devices, inside a `withQueue` transaction, and remembers them in `queued`
 * to be woken after the commit. Each device's next sequence number is taken from its row, which
 * stays locked until commit: numbers therefore become visible in order, and a device that has seen
 * number n can never later find a smaller one appear.
 */
export async function enqueueFor(
  ctx: AppContext,
  trx: Transaction<DatabaseSchema>,
  queued: Set<string>,
  event: ParleyEvent,
  deviceIds: readonly string[],
  options: { messageId?: string; expiresAt?: number } = {},
): Promise<void> {
  const unique = [...new Set(deviceIds)].sort();
  if (unique.length === 0) return;
  const now = ctx.clock();
  const eventId = ulid(now);
  await trx
    .insertInto('events')
    .values({
      id: eventId,
      type: event.type,
      payload: JSON.stringify(event),
      message_id: options.messageId ?? null,
      created_at: now,
      expires_at: options.expiresAt ?? now + ctx.config.limits.messageTtlMs,
    })
    .execute();
  const numbered: { id: string; last_seq: number }[] = [];
  for (const batch of chunks(unique)) {
    await lockDevices(ctx, trx, batch);
    numbered.push(
      ...(await trx
        .updateTable('devices')
        .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
        .where('id', 'in', batch)
        .returning(['id', 'last_seq'])
        .execute()),
    );
  }
  for (const batch of chunks(numbered)) {
    await trx
      .insertInto('deliveries')
      .values(batch.map((row) => ({ device_id: row.id, seq: row.last_seq, event_id: eventId })))
      .execute();
  }
  for (const row of numbered) queued.add(row.id);
}

/**
 * Locks device rows in id order (PostgreSQL; SQLite runs one writer at a time). A transaction that
 * will queue for several groups of devices locks them all first, in one sorted pass, so that two
 * such transactions cannot take overlapping groups in opposite orders and deadlock.
 */
export async function lockDevices(
  ctx: AppContext,
  trx: Transaction<DatabaseSchema>,
  deviceIds: readonly string[],
): Promise<void> {
  if (ctx.database.kind !== 'postgres') return;
  for (const batch of chunks([...new Set(deviceIds)].sort())) {
    await trx.selectFrom('devices').select('id').where('id', 'in', batch).orderBy('id').forUpdate().execute();
  }
}

/** Tells the nodes holding these devices' sockets to read their queues (after the commit). */
async function wake(ctx: AppContext, deviceIds: Iterable<string>): Promise<void> {
  await Promise.all(
    [...new Set(deviceIds)].map((deviceId) =>
      ctx.bus.publish(deviceTopic(deviceId), null).catch((error: unknown) => {
        // The event is safely queued; the device gets it at the next poll or reconnect.
        ctx.logger.warn({ err: error, deviceId }, 'wake-up not published');
      }),
    ),
  );
}

// PostgreSQL aborts one of two deadlocked (or conflicting serializable) transactions; rerunning it
// whole is safe because none of it was committed.
const retryableCodes = new Set(['40P01', '40001']);
const maxAttempts = 4;

/**
 * Runs `work` in a transaction, rerun if PostgreSQL picked it as a deadlock victim, then wakes every
 * device it queued events for.
 */
export async function withQueue<T>(
  ctx: AppContext,
  work: (trx: Transaction<DatabaseSchema>, queued: Set<string>) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const queued = new Set<string>();
    try {
      const result = await ctx.database.db.transaction().execute((trx) => work(trx, queued));
      await wake(ctx, queued);
      return result;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= maxAttempts || typeof code !== 'string' || !retryableCodes.has(code)) throw error;
      ctx.logger.debug({ code, attempt }, 'transaction retried');
    }
  }
}

export interface QueuedEvent {
  seq: number;
  event: ParleyEvent;
}

/** The device's queued events after `afterSeq`, in order. */
export async function readQueue(
  db: Db,
  deviceId: string,
  afterSeq: number,
  limit: number,
): Promise<QueuedEvent[]> {
  const rows = await db
    .selectFrom('deliveries')
    .innerJoin('events', 'events.id', 'deliveries.event_id')
    .select(['deliveries.seq', 'events.payload'])
    .where('deliveries.device_id', '=', deviceId)
    .where('deliveries.seq', '>', afterSeq)
    .orderBy('deliveries.seq')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ seq: row.seq, event: JSON.parse(row.payload) as ParleyEvent }));
}

/** The highest sequence number ever given to the device (its queue's current end). */
export async function lastSeq(db: Db, deviceId: string): Promise<number> {
  const row = await db.selectFrom('devices').select('last_seq').where('id', '=', deviceId).executeTakeFirst();
  return row?.last_seq ?? 0;
}

/**
 * For connected devices, the end of each one's queue, in one query per 500 devices: the gateway's
 * safety net finds devices with events it has not sent (a lost wake-up) without reading every queue.
 */
export async function queueEnds(db: Db, deviceIds: string[]): Promise<Map<string, number>> {
  const ends = new Map<string, number>();
  for (const batch of chunks(deviceIds)) {
    const rows = await db
      .selectFrom('deliveries')
      .select((eb) => ['device_id', eb.fn.max('seq').as('last')])
      .where('device_id', 'in', batch)
      .groupBy('device_id')
      .execute();
    for (const row of rows) ends.set(row.device_id, Number(row.last));
  }
  return ends;
}
