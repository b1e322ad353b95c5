import { signOutDevices } from '../../accounts/sessions.ts';
import { defineOperation } from '../operation.ts';

export const signOutOperation = defineOperation({
  method: 'POST',
  url: '/api/v1/auth/sign-out',
  summary: 'Sign out this device',
  tag: 'auth',
  auth: true,
  response: { status: 204 },
  handler: async (ctx, { session }) => {
    await signOutDevices(ctx, session.userId, [session.deviceId]);
  },
});
