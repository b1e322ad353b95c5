import { signOutOtherDevices } from '../../accounts/devices.ts';
import { defineOperation } from '../operation.ts';

export const signOutOtherDevicesOperation = defineOperation({
  method: 'DELETE',
  url: '/api/v1/devices',
  summary: 'Sign out all my devices except this one',
  tag: 'devices',
  auth: true,
  response: { status: 204 },
  handler: async (ctx, { session }) => {
    await signOutOtherDevices(ctx, session);
  },
});
