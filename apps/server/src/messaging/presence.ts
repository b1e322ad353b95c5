import type { Presence, ServerFrame } from '@parley/protocol';
import type { Session } from '../accounts/sessions.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { limitSignals } from './limits.ts';
import { requireMember } from './membership.ts';

/**
 * Presence (online / last seen) and typing: live signals that are relayed to whoever is connected
 * now and never queued. A device is online while the node holding its socket keeps extending
 * `online_until`; when a node dies its devices go offline on their own a minute later.
 */

/** How long one heartbeat keeps a device online. */
export const onlineLeaseMs = 60_000;

/** Bus topic for live frames to all of a user's connected devices. */
export function userTopic(userId: string): string {
  return `user.${userId}`;
}

/** Bus topic for live frames to one connected device (a call's signaling goes to the device in the call). */
export function deviceLiveTopic(deviceId: string): string {
  return `device-live.${deviceId}`;
}

export async function publishToUsers(
  ctx: AppContext,
  userIds: Iterable<string>,
  frame: ServerFrame,
): Promise<void> {
  await Promise.all(
    [...new Set(userIds)].map((userId) =>
      ctx.bus.publish(userTopic(userId), frame).catch((error: unknown) => {
        ctx.logger.debug({ err: error, userId }, 'live frame not published');
      }),
    ),
  );
}

async function presenceOf(ctx: AppContext, userId: string): Promise<Presence> {
  const row = await ctx.database.db
    .selectFrom('devices')
    .select((eb) => [eb.fn.max('online_until').as('onlineUntil'), eb.fn.max('last_seen_at').as('lastSeen')])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  const online = Number(row?.onlineUntil ?? 0) > ctx.clock();
  const lastSeen = row?.lastSeen == null ? null : Number(row.lastSeen);
  return {
    userId,
    online,
    lastSeenAt: online || lastSeen === null ? null : new Date(lastSeen).toISOString(),
  };
}

/** People who see a user's presence: those sharing a direct chat with them (as in WhatsApp). */
async function contactsOf(ctx: AppContext, userId: string): Promise<string[]> {
  const rows = await ctx.database.db
    .selectFrom('chat_members as mine')
    .innerJoin('chats', 'chats.id', 'mine.chat_id')
    .innerJoin('chat_members as theirs', 'theirs.chat_id', 'mine.chat_id')
    .select('theirs.user_id')
    .where('mine.user_id', '=', userId)
    .where('chats.kind', '=', 'direct')
    .where('theirs.user_id', '!=', userId)
    .execute();
  return rows.map((row) => row.user_id);
}

async function announcePresence(ctx: AppContext, userId: string): Promise<void> {
  const presence = await presenceOf(ctx, userId);
  await publishToUsers(ctx, await contactsOf(ctx, userId), { type: 'presence', presence });
}

export async function deviceConnected(ctx: AppContext, session: Session): Promise<void> {
  const before = await presenceOf(ctx, session.userId);
  const now = ctx.clock();
  await ctx.database.db
    .updateTable('devices')
    .set({ online_until: now + onlineLeaseMs, last_seen_at: now })
    .where('id', '=', session.deviceId)
    .execute();
  if (!before.online) await announcePresence(ctx, session.userId);
}

/** Heartbeat of a node: its connected devices stay online for another lease. */
export async function devicesStillConnected(ctx: AppContext, deviceIds: string[]): Promise<void> {
  if (deviceIds.length === 0) return;
  const now = ctx.clock();
  await ctx.database.db
    .updateTable('devices')
    .set({ online_until: now + onlineLeaseMs, last_seen_at: now })
    .where('id', 'in', deviceIds)
    .execute();
}

export async function deviceDisconnected(ctx: AppContext, session: Session): Promise<void> {
  const now = ctx.clock();
  await ctx.database.db
    .updateTable('devices')
    .set({ online_until: 0, last_seen_at: now })
    .where('id', '=', session.deviceId)
    .execute();
  if (!(await presenceOf(ctx, session.userId)).online) await announcePresence(ctx, session.userId);
}

/** Presence of someone the user shares a chat with (or their own). */
export async function getPresence(ctx: AppContext, session: Session, userId: string): Promise<Presence> {
  if (userId !== session.userId) {
    const shared = await ctx.database.db
      .selectFrom('chat_members as mine')
      .innerJoin('chat_members as theirs', 'theirs.chat_id', 'mine.chat_id')
      .select('mine.chat_id')
      .where('mine.user_id', '=', session.userId)
      .where('theirs.user_id', '=', userId)
      .executeTakeFirst();
    if (!shared) throw new AppError('USER_NOT_FOUND', 'You have no chat with that person.');
  }
  return presenceOf(ctx, userId);
}

/** "Typing…" / "recording audio…" to the other members who are connected now. */
export async function relayTyping(
  ctx: AppContext,
  session: Session,
  input: { chatId: string; state: 'typing' | 'recording' | 'stopped' },
): Promise<void> {
  await limitSignals(ctx, session);
  await requireMember(ctx, input.chatId, session.userId);
  const members = await ctx.database.db
    .selectFrom('chat_members')
    .select('user_id')
    .where('chat_id', '=', input.chatId)
    .where('user_id', '!=', session.userId)
    .execute();
  await publishToUsers(
    ctx,
    members.map((member) => member.user_id),
    { type: 'typing', chatId: input.chatId, userId: session.userId, state: input.state },
  );
}
