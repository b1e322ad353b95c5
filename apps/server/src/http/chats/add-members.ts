import { addMembersSchema, chatIdParamsSchema, chatSchema } from '@parley/protocol';
import { addMembers } from '../../messaging/chats.ts';
import { defineOperation } from '../operation.ts';

export const addMembersOperation = defineOperation({
  method: 'POST',
  url: '/api/v1/chats/:chatId/members',
  summary: 'Add people to a group (admins)',
  tag: 'chats',
  auth: true,
  params: chatIdParamsSchema,
  body: addMembersSchema,
  response: { status: 200, schema: chatSchema },
  errors: ['CHAT_NOT_FOUND', 'NOT_CHAT_ADMIN', 'USER_NOT_FOUND', 'GROUP_FULL'],
  handler: (ctx, { params, body, session }) => addMembers(ctx, session, params.chatId, body.userIds),
});
