import { chatSchema, openDirectChatSchema } from '@parley/protocol';
import { openDirectChat } from '../../messaging/chats.ts';
import { defineOperation } from '../operation.ts';

export const openDirectChatOperation = defineOperation({
  method: 'POST',
  url: '/api/v1/chats/direct',
  summary: 'The direct chat with a person (created on first use; with yourself for notes)',
  tag: 'chats',
  auth: true,
  body: openDirectChatSchema,
  response: { status: 200, schema: chatSchema },
  errors: ['USER_NOT_FOUND'],
  handler: (ctx, { body, session }) => openDirectChat(ctx, session, body.userId),
});
