import { lookupQuerySchema, publicUserSchema } from '@parley/protocol';
import { enforceRateLimit } from '../../accounts/rate-limits.ts';
import { findUserByPhone, toPublicUser } from '../../accounts/users.ts';
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
    const { lookupsPerUserPerMinute } = ctx.config.limits;
    await enforceRateLimit(ctx, `lookup:user:${session.userId}`, lookupsPerUserPerMinute, 60);
    return toPublicUser(ctx, await findUserByPhone(ctx, query.phone));
  },
});
