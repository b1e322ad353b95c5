import type { Device } from '@parley/protocol';
import type { DevicesTable } from '@parley/storage';
import type { Selectable } from 'kysely';
import type { AppContext } from '../context.ts';
import { type Session, signOutDevices } from './sessions.ts';

export function toDevice(row: Selectable<DevicesTable>, currentDeviceId: string): Device {
  return {
    id: row.id,
    name: row.name,
    createdAt: new Date(row.created_at).toISOString(),
    lastSeenAt: new Date(row.last_seen_at).toISOString(),
    current: row.id === currentDeviceId,
  };
}

/** The user's signed-in devices, most recently active first. */
export async function listDevices(ctx: AppContext, session: Session): Promise<Device[]> {
  const rows = await ctx.database.db
    .selectFrom('devices')
    .selectAll()
    .where('user_id', '=', session.userId)
    .orderBy('last_seen_at', 'desc')
    .execute();
  return rows.map((row) => toDevice(row, session.deviceId));
}

export async function signOutOtherDevices(ctx: AppContext, session: Session): Promise<void> {
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
}
