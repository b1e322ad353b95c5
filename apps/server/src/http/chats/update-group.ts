import { chatIdParamsSchema, chatSchema, updateGroupSchema } from '@parley/protocol';
import { updateGroup } from '../../messaging/chats.ts';
import { defineOperation } from '../operation.ts';

export const updateGroupOperation = defineOperation({
  method: 'PATCH',
  url: '/api/v1/chats/:chatId',
  summary: 'Rename a group or change its description (admins)',
  tag: 'chats',
  auth: true,
  params: chatIdParamsSchema,
  body: updateGroupSchema,
  response: { status: 200, schema: chatSchema },
  errors: ['CHAT_NOT_FOUND', 'NOT_CHAT_ADMIN'],
  handler: (ctx, { params, body, session }) => updateGroup(ctx, session, params.chatId, body),
});
