import { chatSchema, createGroupSchema } from '@parley/protocol';
import { createGroup } from '../../messaging/chats.ts';
import { defineOperation } from '../operation.ts';

export const createGroupOperation = defineOperation({
  method: 'POST',
  url: '/api/v1/chats/groups',
  summary: 'Create a group (title 1-100 characters, up to 1,024 members); the creator is its admin',
  tag: 'chats',
  auth: true,
  body: createGroupSchema,
  response: { status: 201, schema: chatSchema },
  errors: ['USER_NOT_FOUND', 'GROUP_FULL'],
  handler: (ctx, { body, session }) => createGroup(ctx, session, body),
});
