import { meSchema, updateMeSchema } from '@parley/protocol';
import { getUser, toMe } from '../../accounts/users.ts';
import { defineOperation } from '../operation.ts';

export const updateMeOperation = defineOperation({
  method: 'PATCH',
  url: '/api/v1/me',
  summary: 'Change my display name (1-64 characters) or about text (up to 140)',
  tag: 'profile',
  auth: true,
  body: updateMeSchema,
  response: { status: 200, schema: meSchema },
  handler: async (ctx, { body, session }) => {
    await ctx.database.db
      .updateTable('users')
      .set({
        ...(body.displayName !== undefined ? { display_name: body.displayName } : {}),
        ...(body.about !== undefined ? { about: body.about } : {}),
        updated_at: ctx.clock(),
      })
      .where('id', '=', session.userId)
      .execute();
    return toMe(ctx, await getUser(ctx, session.userId));
  },
});
