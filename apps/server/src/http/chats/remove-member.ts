import { chatMemberParamsSchema } from '@parley/protocol';
import { removeMember } from '../../messaging/chats.ts';
import { defineOperation } from '../operation.ts';

export const removeMemberOperation = defineOperation({
  method: 'DELETE',
  url: '/api/v1/chats/:chatId/members/:userId',
  summary: 'Remove someone from a group (admins), or leave it (your own id)',
  tag: 'chats',
  auth: true,
  params: chatMemberParamsSchema,
  response: { status: 204 },
  errors: ['CHAT_NOT_FOUND', 'NOT_CHAT_ADMIN', 'USER_NOT_FOUND', 'FORBIDDEN'],
  handler: async (ctx, { params, session }) => {
    await removeMember(ctx, session, params.chatId, params.userId);
  },
});
