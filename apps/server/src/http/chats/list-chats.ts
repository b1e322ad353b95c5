import { chatListSchema } from '@parley/protocol';
import { listChats } from '../../messaging/chats.ts';
import { defineOperation } from '../operation.ts';

export const listChatsOperation = defineOperation({
  method: 'GET',
  url: '/api/v1/chats',
  summary: 'The chats I am in, with their members (no history: history lives on devices)',
  tag: 'chats',
  auth: true,
  response: { status: 200, schema: chatListSchema },
  handler: async (ctx, { session }) => ({ chats: await listChats(ctx, session) }),
});
