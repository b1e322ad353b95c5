import { meSchema } from '@parley/protocol';
import { getUser, toMe } from '../../accounts/users.ts';
import { defineOperation } from '../operation.ts';

export const getMeOperation = defineOperation({
  method: 'GET',
  url: '/api/v1/me',
  summary: 'My profile',
  tag: 'profile',
  auth: true,
  response: { status: 200, schema: meSchema },
  handler: async (ctx, { session }) => toMe(ctx, await getUser(ctx, session.userId)),
});
