import type { AuthResult } from '@parley/protocol';
import { startSession } from '../../accounts/sessions.ts';
import { getUser, toMe } from '../../accounts/users.ts';
import type { AppContext } from '../../context.ts';

/** A new device and session for a user who proved who they are, in the shape both sign-ins return. */
export async function signInResult(
  ctx: AppContext,
  userId: string,
  deviceName: string,
  isNewUser: boolean,
): Promise<AuthResult> {
  const { token, deviceId } = await startSession(ctx, userId, deviceName);
  const user = await getUser(ctx, userId);
  const at = new Date(ctx.clock()).toISOString();
  ctx.logger.info({ userId, deviceId, isNewUser }, 'signed in');
  return {
    token,
    user: toMe(ctx, user),
    device: { id: deviceId, name: deviceName, createdAt: at, lastSeenAt: at, current: true },
    isNewUser,
  };
}
