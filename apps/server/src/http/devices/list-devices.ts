import { deviceListSchema } from '@parley/protocol';
import { defineOperation } from '../operation.ts';

export const listDevicesOperation = defineOperation({
  method: 'GET',
  url: '/api/v1/devices',
  summary: 'My signed-in devices, most recently active first',
  tag: 'devices',
  auth: true,
  response: { status: 200, schema: deviceListSchema },
  handler: async (ctx, { session }) => {
    const rows = await ctx.database.db
      .selectFrom('devices')
      .selectAll()
      .where('user_id', '=', session.userId)
      .orderBy('last_seen_at', 'desc')
      .execute();
    return {
      devices: rows.map((row) => ({
        id: row.id,
        name: row.name,
        createdAt: new Date(row.created_at).toISOString(),
        lastSeenAt: new Date(row.last_seen_at).toISOString(),
        current: row.id === session.deviceId,
      })),
    };
  },
});
