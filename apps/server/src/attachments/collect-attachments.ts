import type { DatabaseSchema } from '@parley/storage';
import type { ExpressionBuilder } from 'kysely';
import type { AppContext } from '../context.ts';
import type { AttachmentRow } from './records.ts';

type Stored = Pick<AttachmentRow, 'id' | 'blob_key' | 'thumbnail_key'>;

const stored = ['id', 'blob_key', 'thumbnail_key'] as const;
// Ids per query (SQLite caps bound parameters) and rows per sweep step.
const batch = 500;

/**
 * After a message's body is deleted from the server (its `events` row is gone: every delivery
 * acknowledged): deletes those messages' attachments that no recipient device has left to download.
 * The others go when their last download completes (markDownloaded) or they expire.
 */
export async function releaseAttachments(ctx: AppContext, messageIds: string[]): Promise<void> {
  for (let i = 0; i < messageIds.length; i += batch) {
    const rows = await ctx.database.db
      .selectFrom('attachments')
      .select(stored)
      .where('message_id', 'in', messageIds.slice(i, i + batch))
      .where(released)
      .execute();
    await deleteAttachments(ctx, rows);
  }
}

/**
 * A device has the whole file: it no longer holds the attachment back, which is deleted if its
 * message is gone from the server and no other device has it left to download. Idempotent.
 */
export async function markDownloaded(ctx: AppContext, attachmentId: string, deviceId: string): Promise<void> {
  await ctx.database.db
    .deleteFrom('attachment_downloads')
    .where('attachment_id', '=', attachmentId)
    .where('device_id', '=', deviceId)
    .execute();
  const rows = await ctx.database.db
    .selectFrom('attachments')
    .select(stored)
    .where('id', '=', attachmentId)
    .where(released)
    .execute();
  await deleteAttachments(ctx, rows);
}

/**
 * Delete for everyone: the message's attachments go at once, downloaded or not. They expire first,
 * which ends access immediately and leaves the sweeper to finish should a blob deletion fail.
 */
export async function deleteMessageAttachments(ctx: AppContext, messageId: string): Promise<void> {
  await ctx.database.db
    .updateTable('attachments')
    .set({ expires_at: ctx.clock() })
    .where('message_id', '=', messageId)
    .execute();
  const rows = await ctx.database.db
    .selectFrom('attachments')
    .select(stored)
    .where('message_id', '=', messageId)
    .execute();
  await deleteAttachments(ctx, rows);
}

/**
 * Periodic clean-up; returns how many attachments it deleted. Deletes the expired ones (uploads never
 * sent, messages past their TTL, pending downloads or not) and catches released ones whose last
 * holder went away without a download (a device signed out, a member removed). A blob already gone
 * is fine; one that cannot be deleted keeps its row for the next sweep.
 */
export async function sweepAttachments(ctx: AppContext): Promise<number> {
  const now = ctx.clock();
  const expired = () =>
    ctx.database.db
      .selectFrom('attachments')
      .select(stored)
      .where('expires_at', '<=', now)
      .limit(batch)
      .execute();
  const orphaned = () =>
    ctx.database.db.selectFrom('attachments').select(stored).where(released).limit(batch).execute();
  let total = 0;
  for (const select of [expired, orphaned]) {
    for (;;) {
      const rows = await select();
      const deleted = await deleteAttachments(ctx, rows);
      total += deleted;
      // A short batch was the last; a failed deletion would come back in the next one: stop.
      if (rows.length < batch || deleted < rows.length) break;
    }
  }
  return total;
}

/**
 * An attachment nothing holds anymore: sent in a message whose body is gone from the server, and
 * with no device left to download it.
 */
function released(eb: ExpressionBuilder<DatabaseSchema, 'attachments'>) {
  return eb.and([
    eb('attachments.message_id', 'is not', null),
    eb.not(
      eb.exists(
        eb
          .selectFrom('attachment_downloads')
          .select('attachment_downloads.device_id')
          .whereRef('attachment_downloads.attachment_id', '=', 'attachments.id'),
      ),
    ),
    eb.not(
      eb.exists(
        eb
          .selectFrom('events')
          .select('events.id')
          .whereRef('events.message_id', '=', 'attachments.message_id'),
      ),
    ),
  ]);
}

/** Blobs first, then rows: a blob that cannot be deleted keeps its row, so a later sweep retries. */
async function deleteAttachments(ctx: AppContext, rows: Stored[]): Promise<number> {
  const deleted: string[] = [];
  for (const row of rows) {
    const keys = row.thumbnail_key ? [row.blob_key, row.thumbnail_key] : [row.blob_key];
    const results = await Promise.allSettled(keys.map((key) => ctx.blobs.delete(key)));
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) {
      ctx.logger.warn(
        { module: 'attachments', attachmentId: row.id, err: failure.reason },
        'attachment blob not deleted: will retry',
      );
    } else {
      deleted.push(row.id);
    }
  }
  for (let i = 0; i < deleted.length; i += batch) {
    // Pending downloads go with their attachment (ON DELETE CASCADE).
    await ctx.database.db
      .deleteFrom('attachments')
      .where('id', 'in', deleted.slice(i, i + batch))
      .execute();
  }
  return deleted.length;
}
