import { meSchema } from '@parley/protocol';
import { removeAvatar } from '../../accounts/avatars.ts';
import { toMe } from '../../accounts/users.ts';
import { defineOperation } from '../operation.ts';

export const removeAvatarOperation = defineOperation({
  method: 'DELETE',
  url: '/api/v1/me/avatar',
  summary: 'Remove my avatar',
  tag: 'profile',
  auth: true,
  response: { status: 200, schema: meSchema },
  handler: async (ctx, { session }) => toMe(ctx, await removeAvatar(ctx, session.userId)),
});
