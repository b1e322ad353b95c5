import { chatIdParamsSchema, chatSchema } from '@parley/protocol';
import { setGroupAvatar } from '../../messaging/chats.ts';
import { defineOperation } from '../operation.ts';

export const removeGroupAvatarOperation = defineOperation({
  method: 'DELETE',
  url: '/api/v1/chats/:chatId/avatar',
  summary: "Remove a group's photo (admins)",
  tag: 'chats',
  auth: true,
  params: chatIdParamsSchema,
  response: { status: 200, schema: chatSchema },
  errors: ['CHAT_NOT_FOUND', 'NOT_CHAT_ADMIN'],
  handler: (ctx, { params, session }) => setGroupAvatar(ctx, session, params.chatId, null),
});
