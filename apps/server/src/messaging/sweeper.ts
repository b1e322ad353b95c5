import { sweepAttachments } from '../attachments/index.ts';
import type { AppContext } from '../context.ts';

const dayMs = 86_400_000;

/**
 * Deletes what has outlived PARLEY_MESSAGE_TTL_DAYS: events (and so the deliveries of devices that
 * never came back), message metadata and receipts, attachments; and used sign-in challenges.
 */
export async function sweepExpired(ctx: AppContext): Promise<{ events: number; messages: number }> {
  const db = ctx.database.db;
  const now = ctx.clock();
  const events = await inBatches((limit) =>
    db
      .deleteFrom('events')
      .where('id', 'in', (eb) =>
        eb.selectFrom('events').select('id').where('expires_at', '<=', now).limit(limit),
      )
      .executeTakeFirst(),
  );
  const messages = await inBatches((limit) =>
    db
      .deleteFrom('messages')
      .where('id', 'in', (eb) =>
        eb.selectFrom('messages').select('id').where('expires_at', '<=', now).limit(limit),
      )
      .executeTakeFirst(),
  );
  await sweepAttachments(ctx);
  await db
    .deleteFrom('otp_challenges')
    .where('expires_at', '<=', now - dayMs)
    .execute();
  return { events, messages };
}

// A month of an abandoned device's backlog is deleted in bounded transactions (cascades included),
// so other writers are never held up for long.
const batchSize = 1000;

async function inBatches(
  deleteUpTo: (limit: number) => Promise<{ numDeletedRows: bigint }>,
): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = Number((await deleteUpTo(batchSize)).numDeletedRows);
    total += deleted;
    if (deleted < batchSize) return total;
  }
}

/** Sweeps now and then every `intervalMs` until stopped; a failed sweep is logged and retried later. */
export function startSweeper(ctx: AppContext, intervalMs = 10 * 60_000): { stop(): void } {
  const logger = ctx.logger.child({ module: 'sweeper' });
  const run = () =>
    sweepExpired(ctx).then(
      (swept) => {
        if (swept.events + swept.messages > 0) logger.info(swept, 'expired messages deleted');
      },
      (error: unknown) => logger.error({ err: error }, 'sweep failed'),
    );
  const timer = setInterval(run, intervalMs);
  timer.unref();
  void run();
  return { stop: () => clearInterval(timer) };
}
