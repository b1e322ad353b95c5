import { meSchema, updateMeSchema } from '@parley/protocol';
import { toMe, updateProfile } from '../../accounts/users.ts';
import { defineOperation } from '../operation.ts';

export const updateMeOperation = defineOperation({
  method: 'PATCH',
  url: '/api/v1/me',
  summary: 'Change my display name (1-64 characters) or about text (up to 140)',
  tag: 'profile',
  auth: true,
  body: updateMeSchema,
  response: { status: 200, schema: meSchema },
  handler: async (ctx, { body, session }) => toMe(ctx, await updateProfile(ctx, session.userId, body)),
});
