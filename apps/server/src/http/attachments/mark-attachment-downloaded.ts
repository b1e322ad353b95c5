import { idSchema } from '@parley/protocol';
import { z } from 'zod';
import { findDownloadable, markDownloaded } from '../../attachments/index.ts';
import { defineOperation } from '../operation.ts';

export const markAttachmentDownloadedOperation = defineOperation({
  method: 'POST',
  url: '/api/v1/attachments/:id/downloaded',
  summary: 'Tell the server this device has the whole file (after downloading it in ranges)',
  tag: 'attachments',
  auth: true,
  params: z.object({ id: idSchema }),
  response: { status: 204 },
  errors: ['ATTACHMENT_NOT_FOUND'],
  handler: async (ctx, { params, session }) => {
    await findDownloadable(ctx, params.id, session.userId);
    await markDownloaded(ctx, params.id, session.deviceId);
  },
});
