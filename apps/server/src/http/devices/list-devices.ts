import { deviceListSchema } from '@parley/protocol';
import { listDevices } from '../../accounts/devices.ts';
import { defineOperation } from '../operation.ts';

export const listDevicesOperation = defineOperation({
  method: 'GET',
  url: '/api/v1/devices',
  summary: 'My signed-in devices, most recently active first',
  tag: 'devices',
  auth: true,
  response: { status: 200, schema: deviceListSchema },
  handler: async (ctx, { session }) => ({ devices: await listDevices(ctx, session) }),
});
