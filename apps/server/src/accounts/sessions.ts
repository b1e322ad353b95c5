import type { DevicesTable } from '@parley/storage';
import type { Selectable } from 'kysely';
import { ulid } from 'ulid';
import type { AppContext } from '../context.ts';
import { hashToken, newSessionToken } from './tokens.ts';

export interface Session {
  userId: string;
  deviceId: string;
}

/** Topic on which nodes learn that a device was signed out, to close its open sockets. */
export const deviceSignedOutTopic = 'accounts.device-signed-out';

// Touching last_seen_at on every request would turn every read into a write.
const lastSeenResolutionMs = 60_000;

/** Creates a device and its session for a user who just proved who they are. */
export async function startSession(
  ctx: AppContext,
  userId: string,
  deviceName: string,
): Promise<{ token: string; device: Selectable<DevicesTable> }> {
  const now = ctx.clock();
  const token = newSessionToken();
  const device = {
    id: ulid(now),
    user_id: userId,
    name: deviceName,
    created_at: now,
    last_seen_at: now,
    last_seq: 0,
    online_until: 0,
  };
  const deviceId = device.id;
  await ctx.database.db.transaction().execute(async (trx) => {
    await trx.insertInto('devices').values(device).execute();
    await trx
      .insertInto('sessions')
      .values({ token_hash: hashToken(token), device_id: deviceId, user_id: userId, created_at: now })
      .execute();
  });
  return { token, device };
}

/** The session a bearer token belongs to, or undefined when it is unknown or signed out. */
export async function authenticate(ctx: AppContext, token: string): Promise<Session | undefined> {
  const row = await ctx.database.db
    .selectFrom('sessions')
    .innerJoin('devices', 'devices.id', 'sessions.device_id')
    .select(['sessions.user_id', 'sessions.device_id', 'devices.last_seen_at'])
    .where('sessions.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) return undefined;
  const now = ctx.clock();
  if (now - row.last_seen_at > lastSeenResolutionMs) {
    await ctx.database.db
      .updateTable('devices')
      .set({ last_seen_at: now })
      .where('id', '=', row.device_id)
      .execute();
  }
  return { userId: row.user_id, deviceId: row.device_id };
}

/** Signs devices out: their sessions go with them (cascade), and every node closes their sockets. */
export async function signOutDevices(ctx: AppContext, userId: string, deviceIds: string[]): Promise<number> {
  if (deviceIds.length === 0) return 0;
  const result = await ctx.database.db
    .deleteFrom('devices')
    .where('user_id', '=', userId)
    .where('id', 'in', deviceIds)
    .executeTakeFirst();
  // The sign-out is done once committed: sockets held elsewhere are closed best-effort (their next
  // request fails authentication anyway).
  for (const deviceId of deviceIds) {
    await ctx.bus.publish(deviceSignedOutTopic, { deviceId }).catch((error: unknown) => {
      ctx.logger.warn({ err: error, deviceId }, 'could not tell other nodes about a sign-out');
    });
  }
  return Number(result.numDeletedRows);
}

/** Reads `Authorization: Bearer <token>`, or undefined when absent or malformed. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}
