import { idSchema } from '@parley/protocol';
import { z } from 'zod';
import { signOutDevices } from '../../accounts/sessions.ts';
import { AppError } from '../../errors.ts';
import { defineOperation } from '../operation.ts';

export const signOutDeviceOperation = defineOperation({
  method: 'DELETE',
  url: '/api/v1/devices/:id',
  summary: 'Sign out one of my devices',
  tag: 'devices',
  auth: true,
  params: z.strictObject({ id: idSchema }),
  response: { status: 204 },
  errors: ['DEVICE_NOT_FOUND'],
  handler: async (ctx, { params, session }) => {
    // Only the owner's devices match, so another user's device id looks exactly like a missing one.
    const removed = await signOutDevices(ctx, session.userId, [params.id]);
    if (removed === 0)
      throw new AppError('DEVICE_NOT_FOUND', 'That device is not signed in to your account.');
  },
});
