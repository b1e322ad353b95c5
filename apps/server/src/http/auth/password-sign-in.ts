import { authResultSchema, passwordSignInSchema } from '@parley/protocol';
import { checkPassword } from '../../accounts/passwords.ts';
import { completeSignIn } from '../../accounts/sign-in.ts';
import { defineOperation } from '../operation.ts';

export const passwordSignInOperation = defineOperation({
  method: 'POST',
  url: '/api/v1/auth/password',
  summary: 'Sign in with phone number and password (for accounts that set one)',
  tag: 'auth',
  auth: false,
  body: passwordSignInSchema,
  response: { status: 200, schema: authResultSchema },
  errors: ['INVALID_PHONE', 'INVALID_CREDENTIALS', 'RATE_LIMITED'],
  handler: async (ctx, { body, request }) => {
    const userId = await checkPassword(ctx, body.phone, body.password, request.ip);
    return completeSignIn(ctx, userId, body.deviceName, false);
  },
});
