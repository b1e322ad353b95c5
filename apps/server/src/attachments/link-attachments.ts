import type { Attachment } from '@parley/protocol';
import type { DatabaseSchema } from '@parley/storage';
import type { Transaction } from 'kysely';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { toAttachment } from './records.ts';

// Rows per INSERT: a group's fan-out can be thousands of devices, and SQLite caps bound parameters.
const insertBatch = 500;

function notFound(): AppError {
  return new AppError('ATTACHMENT_NOT_FOUND', 'That file is no longer available. Attach it again.');
}

/**
 * The uploads a message is about to carry, in the order given. Each must exist, be in this chat, be
 * uploaded by this user, not be in a message yet and not have expired; otherwise ATTACHMENT_NOT_FOUND
 * (one answer for every case, so ids of other people's uploads reveal nothing). An id given twice is
 * VALIDATION_FAILED. Call it before the send transaction; the caller checks kinds (a `voice` message
 * carries one attachment of kind 'voice').
 */
export async function resolveAttachments(
  ctx: AppContext,
  request: { chatId: string; uploaderId: string; ids: string[] },
): Promise<Attachment[]> {
  if (new Set(request.ids).size !== request.ids.length) {
    throw new AppError('VALIDATION_FAILED', 'The same attachment is listed twice.');
  }
  if (request.ids.length === 0) return [];
  const rows = await ctx.database.db
    .selectFrom('attachments')
    .selectAll()
    .where('id', 'in', request.ids)
    .where('chat_id', '=', request.chatId)
    .where('uploader_id', '=', request.uploaderId)
    .where('message_id', 'is', null)
    .where('expires_at', '>', ctx.clock())
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return request.ids.map((id) => {
    const row = byId.get(id);
    if (!row) throw notFound();
    return toAttachment(row);
  });
}

/**
 * Inside the send transaction: ties the uploads to their message, keeps them as long as the message
 * (`expiresAt`: the message TTL), and records that each recipient device (the sender's other
 * devices included) has yet to download each one. Throws ATTACHMENT_NOT_FOUND, which rolls the send
 * back, when an upload was taken by a concurrent send or swept since resolveAttachments.
 */
export async function linkAttachments(
  trx: Transaction<DatabaseSchema>,
  link: { messageId: string; attachmentIds: string[]; recipientDeviceIds: string[]; expiresAt: number },
): Promise<void> {
  const attachmentIds = [...new Set(link.attachmentIds)];
  if (attachmentIds.length === 0) return;
  const updated = await trx
    .updateTable('attachments')
    .set({ message_id: link.messageId, expires_at: link.expiresAt })
    .where('id', 'in', attachmentIds)
    .where('message_id', 'is', null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== attachmentIds.length) throw notFound();

  const pending = [...new Set(link.recipientDeviceIds)].flatMap((deviceId) =>
    attachmentIds.map((attachmentId) => ({ attachment_id: attachmentId, device_id: deviceId })),
  );
  for (let i = 0; i < pending.length; i += insertBatch) {
    await trx
      .insertInto('attachment_downloads')
      .values(pending.slice(i, i + insertBatch))
      .execute();
  }
}
