import { chatIdParamsSchema, chatSchema } from '@parley/protocol';
import { getChat } from '../../messaging/chats.ts';
import { defineOperation } from '../operation.ts';

export const getChatOperation = defineOperation({
  method: 'GET',
  url: '/api/v1/chats/:chatId',
  summary: 'A chat I am in: settings and members',
  tag: 'chats',
  auth: true,
  params: chatIdParamsSchema,
  response: { status: 200, schema: chatSchema },
  errors: ['CHAT_NOT_FOUND'],
  handler: (ctx, { params, session }) => getChat(ctx, session, params.chatId),
});
