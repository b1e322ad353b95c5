import type { Readable } from 'node:stream';
import { attachmentSchema, idSchema } from '@parley/protocol';
import { z } from 'zod';
import { uploadAttachment } from '../../attachments/index.ts';
import { defineOperation } from '../operation.ts';

export const uploadAttachmentOperation = defineOperation({
  method: 'POST',
  url: '/api/v1/chats/:chatId/attachments',
  summary:
    'Upload a file into a chat, to send in a message within 24 hours: the raw bytes, any type ' +
    '(decided by the content), up to PARLEY_MAX_UPLOAD_MB',
  tag: 'attachments',
  auth: true,
  rawBody: { contentTypes: ['*/*'], stream: true, description: 'the file' },
  params: z.object({ chatId: idSchema }),
  query: z.object({
    /** The file's name as the sender sees it; path parts and control characters are dropped. */
    name: z.string().max(1024).optional(),
    /** 1: a voice message, which must be audio. */
    voice: z.enum(['0', '1']).default('0'),
  }),
  response: { status: 201, schema: attachmentSchema },
  errors: ['CHAT_NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'INVALID_ATTACHMENT'],
  handler: async (ctx, { params, query, session, request }) => {
    const length = request.headers['content-length'];
    return uploadAttachment(ctx, {
      chatId: params.chatId,
      uploaderId: session.userId,
      name: query.name,
      voice: query.voice === '1',
      body: request.body as Readable,
      declaredBytes: length === undefined ? undefined : Number(length),
    });
  },
});
