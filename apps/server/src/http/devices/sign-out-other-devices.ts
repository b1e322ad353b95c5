import { signOutDevices } from '../../accounts/sessions.ts';
import { defineOperation } from '../operation.ts';

export const signOutOtherDevicesOperation = defineOperation({
  method: 'DELETE',
  url: '/api/v1/devices',
  summary: 'Sign out all my devices except this one',
  tag: 'devices',
  auth: true,
  response: { status: 204 },
  handler: async (ctx, { session }) => {
    const others = await ctx.database.db
      .selectFrom('devices')
      .select('id')
      .where('user_id', '=', session.userId)
      .where('id', '!=', session.deviceId)
      .execute();
    await signOutDevices(
      ctx,
      session.userId,
      others.map((device) => device.id),
    );
  },
});
