import { deleteAvatarImages, replaceAvatar } from '../avatars/avatar-images.ts';
import type { AppContext } from '../context.ts';
import { getUser, type UserRow } from './users.ts';

/** Sets a person's avatar from uploaded bytes; the type is decided by the content. */
export async function setAvatar(ctx: AppContext, userId: string, bytes: Buffer): Promise<UserRow> {
  await replaceAvatar(ctx, userId, bytes, async (avatarId) => ({
    replaced: await pointProfileAt(ctx, userId, avatarId),
    result: undefined,
  }));
  return getUser(ctx, userId);
}

/**
 * Points the profile at a new avatar and returns the one it replaced. Compare-and-set, so that
 * of two uploads racing each replaced avatar is known to exactly one of them and deleted.
 */
async function pointProfileAt(ctx: AppContext, userId: string, avatarId: string): Promise<string | null> {
  for (;;) {
    const { avatar_id: previous } = await getUser(ctx, userId);
    const result = await ctx.database.db
      .updateTable('users')
      .set({ avatar_id: avatarId, updated_at: ctx.clock() })
      .where('id', '=', userId)
      .where('avatar_id', previous === null ? 'is' : '=', previous)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) return previous;
  }
}

export async function removeAvatar(ctx: AppContext, userId: string): Promise<UserRow> {
  const user = await getUser(ctx, userId);
  if (!user.avatar_id) return user;
  const result = await ctx.database.db
    .updateTable('users')
    .set({ avatar_id: null, updated_at: ctx.clock() })
    .where('id', '=', userId)
    .where('avatar_id', '=', user.avatar_id)
    .executeTakeFirst();
  // Lost a race with an upload: the new avatar stays (the person's latest choice), nothing to delete.
  if (Number(result.numUpdatedRows) === 1) await deleteAvatarImages(ctx, userId, user.avatar_id);
  return getUser(ctx, userId);
}
