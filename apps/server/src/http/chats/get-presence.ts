import { idSchema, presenceSchema } from '@parley/protocol';
import { z } from 'zod';
import { getPresence } from '../../messaging/presence.ts';
import { defineOperation } from '../operation.ts';

export const getPresenceOperation = defineOperation({
  method: 'GET',
  url: '/api/v1/users/:userId/presence',
  summary: 'Whether someone I share a chat with is online, or when they were last seen',
  tag: 'chats',
  auth: true,
  params: z.strictObject({ userId: idSchema }),
  response: { status: 200, schema: presenceSchema },
  errors: ['USER_NOT_FOUND'],
  handler: (ctx, { params, session }) => getPresence(ctx, session, params.userId),
});
