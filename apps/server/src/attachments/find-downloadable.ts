import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { AttachmentRow } from './records.ts';

/**
 * The attachment, if this user may download it: they are a current member of its chat, and it was
 * sent in a message (or is their own upload, not sent yet), and it has not expired. Anyone else gets
 * ATTACHMENT_NOT_FOUND, the same as for an id that never existed: non-members learn nothing.
 */
export async function findDownloadable(
  ctx: AppContext,
  attachmentId: string,
  userId: string,
): Promise<AttachmentRow> {
  const row = await ctx.database.db
    .selectFrom('attachments')
    .innerJoin('chat_members', 'chat_members.chat_id', 'attachments.chat_id')
    .selectAll('attachments')
    .where('attachments.id', '=', attachmentId)
    .where('chat_members.user_id', '=', userId)
    .where((eb) =>
      eb.or([eb('attachments.message_id', 'is not', null), eb('attachments.uploader_id', '=', userId)]),
    )
    .where('attachments.expires_at', '>', ctx.clock())
    .executeTakeFirst();
  if (!row) throw new AppError('ATTACHMENT_NOT_FOUND', 'That file is no longer available.');
  return row;
}
