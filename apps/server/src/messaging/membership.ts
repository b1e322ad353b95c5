import type { ChatMembersTable, ChatsTable, DatabaseSchema } from '@parley/storage';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';

export type ChatRow = Selectable<ChatsTable>;
export type MemberRow = Selectable<ChatMembersTable>;

/**
 * The chat and the user's membership in it. A chat the user is not in does not exist as far as
 * they can tell: the same CHAT_NOT_FOUND either way.
 */
export async function requireMember(
  ctx: AppContext,
  chatId: string,
  userId: string,
): Promise<{ chat: ChatRow; member: MemberRow }> {
  const row = await ctx.database.db
    .selectFrom('chats')
    .innerJoin('chat_members', 'chat_members.chat_id', 'chats.id')
    .selectAll('chats')
    .select(['chat_members.role', 'chat_members.joined_at', 'chat_members.user_id'])
    .where('chats.id', '=', chatId)
    .where('chat_members.user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new AppError('CHAT_NOT_FOUND', 'This chat does not exist or you are not in it.');
  const { role, joined_at, user_id, ...chat } = row;
  return { chat, member: { chat_id: chat.id, user_id, role, joined_at } };
}

/** Like requireMember, for actions reserved to the group's admins. */
export async function requireAdmin(ctx: AppContext, chatId: string, userId: string) {
  const membership = await requireMember(ctx, chatId, userId);
  if (membership.chat.kind !== 'group' || membership.member.role !== 'admin') {
    throw new AppError('NOT_CHAT_ADMIN', 'Only group admins can do that.');
  }
  return membership;
}

/** Every device of every member of a chat (the fan-out of a chat event). */
export async function memberDevices(db: Db, chatId: string): Promise<{ deviceId: string; userId: string }[]> {
  const rows = await db
    .selectFrom('chat_members')
    .innerJoin('devices', 'devices.user_id', 'chat_members.user_id')
    .select(['devices.id as deviceId', 'devices.user_id as userId'])
    .where('chat_members.chat_id', '=', chatId)
    .execute();
  return rows;
}

type Db = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

/** Every device of these users. */
export async function devicesOfUsers(db: Db, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db.selectFrom('devices').select('id').where('user_id', 'in', userIds).execute();
  return rows.map((row) => row.id);
}

/** The acting user's other devices (the one acting already has the change). */
export async function otherDevicesOf(
  db: Db,
  session: { userId: string; deviceId: string },
): Promise<string[]> {
  return (await devicesOfUsers(db, [session.userId])).filter((id) => id !== session.deviceId);
}
