import { idSchema } from '@parley/protocol';
import { z } from 'zod';
import { contentDisposition, findDownloadable } from '../../attachments/index.ts';
import { AppError } from '../../errors.ts';
import { defineOperation } from '../operation.ts';
import { sendAttachmentBlob } from './send-attachment-blob.ts';

export const downloadThumbnailOperation = defineOperation({
  method: 'GET',
  url: '/api/v1/attachments/:id/thumbnail',
  summary: 'The WebP thumbnail of an image or video attachment (members of its chat); supports Range',
  tag: 'attachments',
  auth: true,
  params: z.object({ id: idSchema }),
  response: { status: 200, description: 'The thumbnail (206 for a range)' },
  errors: ['ATTACHMENT_NOT_FOUND', 'RANGE_NOT_SATISFIABLE'],
  handler: async (ctx, { params, session, request, reply }) => {
    const row = await findDownloadable(ctx, params.id, session.userId);
    if (!row.thumbnail_key) throw new AppError('ATTACHMENT_NOT_FOUND', 'This file has no thumbnail.');
    return sendAttachmentBlob(ctx, request, reply, {
      key: row.thumbnail_key,
      contentType: 'image/webp',
      contentDisposition: contentDisposition('inline', `${row.name}.webp`),
      size: undefined,
    });
  },
});
