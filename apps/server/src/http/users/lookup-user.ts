import { lookupQuerySchema, publicUserSchema } from '@parley/protocol';
import { normalizePhone } from '../../accounts/phone.ts';
import { enforceRateLimit } from '../../accounts/rate-limits.ts';
import { toPublicUser } from '../../accounts/users.ts';
import { AppError } from '../../errors.ts';
import { defineOperation } from '../operation.ts';

export const lookupUserOperation = defineOperation({
  method: 'GET',
  url: '/api/v1/users/lookup',
  summary: 'Find a registered user by phone number (rate-limited against enumeration)',
  tag: 'users',
  auth: true,
  query: lookupQuerySchema,
  response: { status: 200, schema: publicUserSchema },
  errors: ['INVALID_PHONE', 'USER_NOT_FOUND', 'RATE_LIMITED'],
  handler: async (ctx, { query, session }) => {
    await enforceRateLimit(
      ctx,
      `lookup:user:${session.userId}`,
      ctx.config.limits.lookupsPerUserPerMinute,
      60,
    );
    const phone = normalizePhone(query.phone, ctx.config.defaultRegion);
    const user = await ctx.database.db
      .selectFrom('users')
      .selectAll()
      .where('phone', '=', phone)
      .executeTakeFirst();
    if (!user) throw new AppError('USER_NOT_FOUND', 'Nobody with that number uses Parley yet.');
    return toPublicUser(ctx, user);
  },
});
