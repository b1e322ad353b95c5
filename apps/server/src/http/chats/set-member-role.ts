import { chatMemberParamsSchema, chatSchema, setMemberRoleSchema } from '@parley/protocol';
import { setMemberRole } from '../../messaging/chats.ts';
import { defineOperation } from '../operation.ts';

export const setMemberRoleOperation = defineOperation({
  method: 'PATCH',
  url: '/api/v1/chats/:chatId/members/:userId',
  summary: 'Make a member an admin, or an admin a member again (admins)',
  tag: 'chats',
  auth: true,
  params: chatMemberParamsSchema,
  body: setMemberRoleSchema,
  response: { status: 200, schema: chatSchema },
  errors: ['CHAT_NOT_FOUND', 'NOT_CHAT_ADMIN', 'USER_NOT_FOUND'],
  handler: (ctx, { params, body, session }) =>
    setMemberRole(ctx, session, params.chatId, params.userId, body.role),
});
