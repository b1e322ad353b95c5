import { idSchema } from '@parley/protocol';
import { z } from 'zod';
import { contentDisposition, findDownloadable, markDownloaded } from '../../attachments/index.ts';
import { defineOperation } from '../operation.ts';
import { sendAttachmentBlob } from './send-attachment-blob.ts';

export const downloadAttachmentOperation = defineOperation({
  method: 'GET',
  url: '/api/v1/attachments/:id',
  summary:
    "Download an attachment (members of its chat); supports Range. A whole-file download counts as this device's download",
  tag: 'attachments',
  auth: true,
  params: z.object({ id: idSchema }),
  response: { status: 200, description: 'The file (206 for a range)' },
  errors: ['ATTACHMENT_NOT_FOUND', 'RANGE_NOT_SATISFIABLE'],
  handler: async (ctx, { params, session, request, reply }) => {
    const row = await findDownloadable(ctx, params.id, session.userId);
    return sendAttachmentBlob(
      ctx,
      request,
      reply,
      {
        key: row.blob_key,
        contentType: row.content_type,
        contentDisposition: contentDisposition('attachment', row.name),
        size: Number(row.size),
      },
      () => {
        markDownloaded(ctx, row.id, session.deviceId).catch((error: unknown) =>
          request.log.warn({ err: error, attachmentId: row.id }, 'download not recorded'),
        );
      },
    );
  },
});
