import {
  type Chat,
  type CreateGroup,
  chatLimits,
  type MemberRole,
  type SystemAction,
  type UpdateGroup,
} from '@parley/protocol';
import type { DatabaseSchema } from '@parley/storage';
import type { Kysely, Transaction } from 'kysely';
import { ulid } from 'ulid';
import type { Session } from '../accounts/sessions.ts';
import { toPublicUser } from '../accounts/users.ts';
import { avatarUrls, deleteAvatarImages, replaceAvatar } from '../avatars/avatar-images.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { type ChatRow, devicesOfUsers, requireAdmin, requireMember } from './membership.ts';
import { enqueueFor, withQueue } from './queue.ts';

type Db = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

/** The protocol view of a chat: settings and members with their public profiles. */
export async function toChat(ctx: AppContext, db: Db, chat: ChatRow): Promise<Chat> {
  const members = await db
    .selectFrom('chat_members')
    .innerJoin('users', 'users.id', 'chat_members.user_id')
    .selectAll('users')
    .select(['chat_members.role', 'chat_members.joined_at'])
    .where('chat_members.chat_id', '=', chat.id)
    .orderBy('chat_members.joined_at')
    .execute();
  return {
    id: chat.id,
    kind: chat.kind,
    title: chat.title,
    description: chat.description,
    avatar: chat.avatar_id ? avatarUrls(ctx, chat.id, chat.avatar_id) : null,
    members: members.map(({ role, joined_at, ...user }) => ({
      user: toPublicUser(ctx, user),
      role,
      joinedAt: new Date(joined_at).toISOString(),
    })),
    createdBy: chat.created_by,
    createdAt: new Date(chat.created_at).toISOString(),
  };
}

export async function getChat(ctx: AppContext, session: Session, chatId: string): Promise<Chat> {
  const { chat } = await requireMember(ctx, chatId, session.userId);
  return toChat(ctx, ctx.database.db, chat);
}

/** Every chat the user is in, most recently changed first (what a new device starts from). */
export async function listChats(ctx: AppContext, session: Session): Promise<Chat[]> {
  const rows = await ctx.database.db
    .selectFrom('chats')
    .innerJoin('chat_members', 'chat_members.chat_id', 'chats.id')
    .selectAll('chats')
    .where('chat_members.user_id', '=', session.userId)
    .orderBy('chats.updated_at', 'desc')
    .execute();
  return Promise.all(rows.map((row) => toChat(ctx, ctx.database.db, row)));
}

async function requireUsers(db: Db, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  const found = await db.selectFrom('users').select('id').where('id', 'in', userIds).execute();
  if (found.length !== new Set(userIds).size) {
    throw new AppError('USER_NOT_FOUND', 'Some of those people are not on Parley.');
  }
}

export async function memberIds(db: Db, chatId: string): Promise<string[]> {
  const rows = await db.selectFrom('chat_members').select('user_id').where('chat_id', '=', chatId).execute();
  return rows.map((row) => row.user_id);
}

/**
 * Tells every member the chat's new state, and posts a system message when one says what changed
 * (membership and settings changes appear in the chat, as in WhatsApp).
 */
async function announce(
  ctx: AppContext,
  trx: Transaction<DatabaseSchema>,
  queued: Set<string>,
  chatId: string,
  actorId: string,
  systems: SystemAction[] = [],
): Promise<Chat> {
  const now = ctx.clock();
  await trx.updateTable('chats').set({ updated_at: now }).where('id', '=', chatId).execute();
  const chat = await trx.selectFrom('chats').selectAll().where('id', '=', chatId).executeTakeFirstOrThrow();
  const view = await toChat(ctx, trx, chat);
  const devices = await devicesOfUsers(trx, await memberIds(trx, chatId));
  await enqueueFor(ctx, trx, queued, { type: 'chat-updated', chat: view }, devices);
  for (const system of systems) {
    const message = {
      id: ulid(ctx.clock()),
      chatId,
      senderId: actorId,
      senderDeviceId: null,
      sentAt: new Date(now).toISOString(),
      content: { type: 'system' as const, system },
    };
    await enqueueFor(ctx, trx, queued, { type: 'message', message }, devices);
  }
  return view;
}

/** The one direct chat between two people (or with oneself, for notes), created on first use. */
export async function openDirectChat(ctx: AppContext, session: Session, otherUserId: string): Promise<Chat> {
  await requireUsers(ctx.database.db, [otherUserId]);
  const pair = [session.userId, otherUserId].sort();
  const directKey = pair.join(':');
  const existing = await ctx.database.db
    .selectFrom('chats')
    .selectAll()
    .where('direct_key', '=', directKey)
    .executeTakeFirst();
  if (existing) return toChat(ctx, ctx.database.db, existing);
  return withQueue(ctx, async (trx, queued) => {
    const now = ctx.clock();
    const id = ulid(now);
    const inserted = await trx
      .insertInto('chats')
      .values({
        id,
        kind: 'direct',
        direct_key: directKey,
        title: null,
        avatar_id: null,
        created_by: session.userId,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('direct_key').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
      // The other person opened it at the same moment: theirs stands.
      const chat = await trx
        .selectFrom('chats')
        .selectAll()
        .where('direct_key', '=', directKey)
        .executeTakeFirstOrThrow();
      return toChat(ctx, trx, chat);
    }
    await trx
      .insertInto('chat_members')
      .values(
        [...new Set(pair)].map((userId) => ({
          chat_id: id,
          user_id: userId,
          role: 'member' as const,
          joined_at: now,
        })),
      )
      .execute();
    return announce(ctx, trx, queued, id, session.userId);
  });
}

export async function createGroup(ctx: AppContext, session: Session, input: CreateGroup): Promise<Chat> {
  const others = [...new Set(input.memberIds)].filter((id) => id !== session.userId);
  if (others.length + 1 > chatLimits.maxGroupMembers) {
    throw new AppError('GROUP_FULL', `Groups can have up to ${chatLimits.maxGroupMembers} members.`);
  }
  await requireUsers(ctx.database.db, others);
  return withQueue(ctx, async (trx, queued) => {
    const now = ctx.clock();
    const id = ulid(now);
    await trx
      .insertInto('chats')
      .values({
        id,
        kind: 'group',
        direct_key: null,
        title: input.title,
        description: input.description ?? '',
        avatar_id: null,
        created_by: session.userId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('chat_members')
      .values([
        { chat_id: id, user_id: session.userId, role: 'admin' as const, joined_at: now },
        ...others.map((userId) => ({
          chat_id: id,
          user_id: userId,
          role: 'member' as const,
          joined_at: now,
        })),
      ])
      .execute();
    return announce(ctx, trx, queued, id, session.userId, [{ action: 'group-created', title: input.title }]);
  });
}

export async function updateGroup(
  ctx: AppContext,
  session: Session,
  chatId: string,
  input: UpdateGroup,
): Promise<Chat> {
  await requireAdmin(ctx, chatId, session.userId);
  return withQueue(ctx, async (trx, queued) => {
    await trx
      .updateTable('chats')
      .set({
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
      })
      .where('id', '=', chatId)
      .execute();
    const systems: SystemAction[] = [];
    if (input.title !== undefined) systems.push({ action: 'title-changed', title: input.title });
    if (input.description !== undefined) systems.push({ action: 'description-changed' });
    return announce(ctx, trx, queued, chatId, session.userId, systems);
  });
}

export async function addMembers(
  ctx: AppContext,
  session: Session,
  chatId: string,
  userIds: string[],
): Promise<Chat> {
  await requireAdmin(ctx, chatId, session.userId);
  await requireUsers(ctx.database.db, userIds);
  return withQueue(ctx, async (trx, queued) => {
    const current = new Set(await memberIds(trx, chatId));
    const added = [...new Set(userIds)].filter((id) => !current.has(id));
    if (current.size + added.length > chatLimits.maxGroupMembers) {
      throw new AppError('GROUP_FULL', `Groups can have up to ${chatLimits.maxGroupMembers} members.`);
    }
    const now = ctx.clock();
    if (added.length === 0) {
      const chat = await trx
        .selectFrom('chats')
        .selectAll()
        .where('id', '=', chatId)
        .executeTakeFirstOrThrow();
      return toChat(ctx, trx, chat);
    }
    await trx
      .insertInto('chat_members')
      .values(
        added.map((userId) => ({
          chat_id: chatId,
          user_id: userId,
          role: 'member' as const,
          joined_at: now,
        })),
      )
      .execute();
    return announce(ctx, trx, queued, chatId, session.userId, [{ action: 'members-added', userIds: added }]);
  });
}

/**
 * Removes a member (an admin's action) or lets a member leave (removing oneself). The person stops
 * receiving the group's messages at once. A group never stays without an admin: when the last one
 * leaves, the longest-standing member becomes admin.
 */
export async function removeMember(
  ctx: AppContext,
  session: Session,
  chatId: string,
  userId: string,
): Promise<void> {
  const leaving = userId === session.userId;
  const { chat } = leaving
    ? await requireMember(ctx, chatId, userId)
    : await requireAdmin(ctx, chatId, session.userId);
  if (chat.kind !== 'group')
    throw new AppError('FORBIDDEN', 'You cannot leave or remove people from a direct chat.');
  await withQueue(ctx, async (trx, queued) => {
    const removed = await trx
      .deleteFrom('chat_members')
      .where('chat_id', '=', chatId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0)
      throw new AppError('USER_NOT_FOUND', 'That person is not in this group.');
    const theirDevices = await devicesOfUsers(trx, [userId]);
    if (theirDevices.length > 0) {
      // Files of this chat they have not fetched are no longer theirs to fetch.
      await trx
        .deleteFrom('attachment_downloads')
        .where('device_id', 'in', theirDevices)
        .where('attachment_id', 'in', (eb) =>
          eb.selectFrom('attachments').select('id').where('chat_id', '=', chatId),
        )
        .execute();
    }
    await enqueueFor(ctx, trx, queued, { type: 'chat-removed', chatId }, theirDevices);
    await announce(ctx, trx, queued, chatId, session.userId, [
      leaving ? { action: 'member-left', userId } : { action: 'member-removed', userId },
    ]);
    const admins = await trx
      .selectFrom('chat_members')
      .select('user_id')
      .where('chat_id', '=', chatId)
      .where('role', '=', 'admin')
      .execute();
    if (admins.length > 0) return;
    const successor = await trx
      .selectFrom('chat_members')
      .select('user_id')
      .where('chat_id', '=', chatId)
      .orderBy('joined_at')
      .orderBy('user_id')
      .executeTakeFirst();
    if (!successor) return;
    await trx
      .updateTable('chat_members')
      .set({ role: 'admin' })
      .where('chat_id', '=', chatId)
      .where('user_id', '=', successor.user_id)
      .execute();
    await announce(ctx, trx, queued, chatId, successor.user_id, [
      { action: 'role-changed', userId: successor.user_id, role: 'admin' },
    ]);
  });
}

export async function setMemberRole(
  ctx: AppContext,
  session: Session,
  chatId: string,
  userId: string,
  role: MemberRole,
): Promise<Chat> {
  await requireAdmin(ctx, chatId, session.userId);
  return withQueue(ctx, async (trx, queued) => {
    const updated = await trx
      .updateTable('chat_members')
      .set({ role })
      .where('chat_id', '=', chatId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0)
      throw new AppError('USER_NOT_FOUND', 'That person is not in this group.');
    return announce(ctx, trx, queued, chatId, session.userId, [{ action: 'role-changed', userId, role }]);
  });
}

/** Sets (bytes) or removes (null) a group's avatar; admins only. */
export async function setGroupAvatar(
  ctx: AppContext,
  session: Session,
  chatId: string,
  bytes: Buffer | null,
): Promise<Chat> {
  await requireAdmin(ctx, chatId, session.userId);
  if (bytes === null) {
    const { replaced, result } = await pointGroupAt(ctx, session, chatId, null);
    if (replaced) await deleteAvatarImages(ctx, chatId, replaced);
    return result;
  }
  return replaceAvatar(ctx, chatId, bytes, (avatarId) => pointGroupAt(ctx, session, chatId, avatarId));
}

/** Compare-and-set of the group's avatar, announced to its members; returns the replaced one. */
async function pointGroupAt(
  ctx: AppContext,
  session: Session,
  chatId: string,
  avatarId: string | null,
): Promise<{ replaced: string | null; result: Chat }> {
  return withQueue(ctx, async (trx, queued) => {
    let read = trx.selectFrom('chats').select('avatar_id').where('id', '=', chatId);
    // PostgreSQL runs these concurrently: lock the row so each replaced avatar has one owner.
    if (ctx.database.kind === 'postgres') read = read.forUpdate();
    const { avatar_id: previous } = await read.executeTakeFirstOrThrow();
    await trx.updateTable('chats').set({ avatar_id: avatarId }).where('id', '=', chatId).execute();
    const result = await announce(ctx, trx, queued, chatId, session.userId, [{ action: 'avatar-changed' }]);
    return { replaced: previous === avatarId ? null : previous, result };
  });
}
