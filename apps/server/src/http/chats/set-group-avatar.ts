import { avatarLimits, chatIdParamsSchema, chatSchema } from '@parley/protocol';
import { setGroupAvatar } from '../../messaging/chats.ts';
import { avatarContentTypes } from '../me/set-avatar.ts';
import { defineOperation } from '../operation.ts';

export const setGroupAvatarOperation = defineOperation({
  method: 'PUT',
  url: '/api/v1/chats/:chatId/avatar',
  summary: "Set a group's photo (admins): JPEG, PNG or WebP up to 5 MB",
  tag: 'chats',
  auth: true,
  params: chatIdParamsSchema,
  rawBody: {
    contentTypes: avatarContentTypes,
    maxBytes: avatarLimits.maxBytes,
    description: 'the image file',
  },
  response: { status: 200, schema: chatSchema },
  errors: ['CHAT_NOT_FOUND', 'NOT_CHAT_ADMIN', 'INVALID_IMAGE', 'PAYLOAD_TOO_LARGE'],
  handler: (ctx, { params, request, session }) =>
    setGroupAvatar(ctx, session, params.chatId, request.body as Buffer),
});
