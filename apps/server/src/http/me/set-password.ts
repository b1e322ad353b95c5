import { setPasswordSchema } from '@parley/protocol';
import { setPassword } from '../../accounts/passwords.ts';
import { defineOperation } from '../operation.ts';

export const setPasswordOperation = defineOperation({
  method: 'PUT',
  url: '/api/v1/me/password',
  summary: 'Set a password (8-128 characters) as a second way to sign in; changing it needs the current one',
  tag: 'profile',
  auth: true,
  body: setPasswordSchema,
  response: { status: 204 },
  errors: ['INVALID_CREDENTIALS'],
  handler: async (ctx, { body, session }) => {
    await setPassword(ctx, session.userId, body.password, body.currentPassword);
  },
});
