import { idSchema } from '@parley/protocol';
import { z } from 'zod';
import { contentDisposition } from '../../attachments/index.ts';
import { AppError } from '../../errors.ts';
import { findMeetingFile } from '../../meetings/chat.ts';
import { sendAttachmentBlob } from '../attachments/send-attachment-blob.ts';
import { defineOperation } from '../operation.ts';
import { participantClaims, participantTokenHeader } from './participant-auth.ts';

export const downloadMeetingFileOperation = defineOperation({
  method: 'GET',
  url: '/api/v1/meetings/files/:fileId',
  summary: `Download a file shared in a meeting's chat (its participants, ${participantTokenHeader} header); supports Range`,
  tag: 'meetings',
  auth: false,
  params: z.object({ fileId: idSchema }),
  response: { status: 200, description: 'The file (206 for a range)' },
  errors: ['INVALID_JOIN_TOKEN', 'FILE_NOT_FOUND', 'REMOVED_FROM_MEETING'],
  handler: async (ctx, { params, request, reply }) => {
    const claims = participantClaims(ctx, request);
    const participant = await ctx.database.db
      .selectFrom('meeting_participants')
      .select(['joined_at', 'removed_at'])
      .where('id', '=', claims.participantId)
      .executeTakeFirst();
    if (!participant || participant.joined_at === null) {
      throw new AppError('NOT_ADMITTED', 'Only people who were in the meeting can download its files.');
    }
    if (participant.removed_at !== null) {
      throw new AppError('REMOVED_FROM_MEETING', 'The host removed you from this meeting.');
    }
    const file = await findMeetingFile(ctx, claims.meetingId, params.fileId, claims.participantId);
    return sendAttachmentBlob(ctx, request, reply, {
      key: file.blob_key,
      contentType: file.content_type,
      contentDisposition: contentDisposition('attachment', file.name),
      size: Number(file.size),
    });
  },
});
