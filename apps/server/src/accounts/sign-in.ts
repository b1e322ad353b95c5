import type { AuthResult } from '@parley/protocol';
import type { AppContext } from '../context.ts';
import { toDevice } from './devices.ts';
import { startSession } from './sessions.ts';
import { getUser, toMe } from './users.ts';

/** A new device and session for a user who proved who they are (by code or password). */
export async function completeSignIn(
  ctx: AppContext,
  userId: string,
  deviceName: string,
  isNewUser: boolean,
): Promise<AuthResult> {
  const { token, device } = await startSession(ctx, userId, deviceName);
  const user = await getUser(ctx, userId);
  ctx.logger.info({ userId, deviceId: device.id, isNewUser }, 'signed in');
  return { token, user: toMe(ctx, user), device: toDevice(device, device.id), isNewUser };
}
