import type { Me, PublicUser, UpdateMe } from '@parley/protocol';
import type { UsersTable } from '@parley/storage';
import type { Selectable } from 'kysely';
import { ulid } from 'ulid';
import { avatarUrls } from '../avatars/avatar-images.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { normalizePhone } from './phone.ts';

export type UserRow = Selectable<UsersTable>;

export async function getUser(ctx: AppContext, userId: string): Promise<UserRow> {
  const user = await ctx.database.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) throw new AppError('USER_NOT_FOUND', 'This account no longer exists.');
  return user;
}

/** The account of a verified number, created on its first sign-in. */
export async function findOrCreateUserByPhone(
  ctx: AppContext,
  phone: string,
): Promise<{ user: UserRow; isNewUser: boolean }> {
  const db = ctx.database.db;
  const existing = await db.selectFrom('users').selectAll().where('phone', '=', phone).executeTakeFirst();
  if (existing) return { user: existing, isNewUser: false };
  const now = ctx.clock();
  // Two first sign-ins of one number can race; the unique phone index lets only one insert win.
  const inserted = await db
    .insertInto('users')
    .values({
      id: ulid(now),
      phone,
      display_name: null,
      avatar_id: null,
      password_hash: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('phone').doNothing())
    .executeTakeFirst();
  const user = await db.selectFrom('users').selectAll().where('phone', '=', phone).executeTakeFirstOrThrow();
  return { user, isNewUser: Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 };
}

export function toMe(ctx: AppContext, user: UserRow): Me {
  return {
    ...toPublicUser(ctx, user),
    hasPassword: user.password_hash !== null,
    createdAt: new Date(user.created_at).toISOString(),
  };
}

export function toPublicUser(ctx: AppContext, user: UserRow): PublicUser {
  return {
    id: user.id,
    phone: user.phone,
    displayName: user.display_name,
    about: user.about,
    avatar: user.avatar_id ? avatarUrls(ctx, user.id, user.avatar_id) : null,
  };
}

export async function updateProfile(ctx: AppContext, userId: string, changes: UpdateMe): Promise<UserRow> {
  await ctx.database.db
    .updateTable('users')
    .set({
      ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
      ...(changes.about !== undefined ? { about: changes.about } : {}),
      updated_at: ctx.clock(),
    })
    .where('id', '=', userId)
    .execute();
  return getUser(ctx, userId);
}

/** The account registered with a number, as typed; USER_NOT_FOUND when there is none. */
export async function findUserByPhone(ctx: AppContext, phoneInput: string): Promise<UserRow> {
  const phone = normalizePhone(phoneInput, ctx.config.defaultRegion);
  const user = await ctx.database.db
    .selectFrom('users')
    .selectAll()
    .where('phone', '=', phone)
    .executeTakeFirst();
  if (!user) throw new AppError('USER_NOT_FOUND', 'Nobody with that number uses Parley yet.');
  return user;
}
