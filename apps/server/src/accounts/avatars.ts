import { avatarLimits } from '@parley/protocol';
import sharp from 'sharp';
import { ulid } from 'ulid';
import { signBlobUrl } from '../blobs/signed-urls.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { getUser, type UserRow } from './users.ts';

const acceptedFormats = new Set(['jpeg', 'png', 'webp']);
// A 5 MB file can still declare a huge canvas; refuse decompression bombs before decoding.
const maxInputPixels = 40_000_000;
const sizes = { large: avatarLimits.largePx, small: avatarLimits.smallPx } as const;

function avatarKey(userId: string, avatarId: string, px: number): string {
  return `avatars/${userId}/${avatarId}-${px}.webp`;
}

export function avatarUrls(
  ctx: AppContext,
  userId: string,
  avatarId: string,
): { large: string; small: string } {
  const now = ctx.clock();
  return {
    large: signBlobUrl(ctx.secret, avatarKey(userId, avatarId, sizes.large), now),
    small: signBlobUrl(ctx.secret, avatarKey(userId, avatarId, sizes.small), now),
  };
}

/**
 * Sets a new avatar from uploaded bytes. The type is decided by the content, not the declared
 * Content-Type; the image is re-encoded (which also drops metadata such as GPS position) to square
 * WebP in two sizes. New blobs are written before the profile points at them, and the old ones are
 * removed after, so a failure at any step leaves the previous avatar intact and no orphans.
 */
export async function setAvatar(ctx: AppContext, userId: string, bytes: Buffer): Promise<UserRow> {
  const image = sharp(bytes, { limitInputPixels: maxInputPixels, failOn: 'error' });
  let format: string | undefined;
  try {
    format = (await image.metadata()).format;
  } catch (error) {
    throw new AppError(
      'INVALID_IMAGE',
      'That file is not an image we can read. Use a JPEG, PNG or WebP photo.',
      {
        cause: error,
      },
    );
  }
  if (!format || !acceptedFormats.has(format)) {
    throw new AppError('INVALID_IMAGE', 'Avatars must be JPEG, PNG or WebP images.');
  }

  const previous = await getUser(ctx, userId);
  const avatarId = ulid(ctx.clock());
  const written: string[] = [];
  try {
    for (const px of Object.values(sizes)) {
      const encoded = await image
        .clone()
        .rotate()
        .resize(px, px, { fit: 'cover', position: 'attention' })
        .webp({ quality: 82 })
        .toBuffer();
      const key = avatarKey(userId, avatarId, px);
      await ctx.blobs.put(key, encoded, { contentType: 'image/webp' });
      written.push(key);
    }
    await ctx.database.db
      .updateTable('users')
      .set({ avatar_id: avatarId, updated_at: ctx.clock() })
      .where('id', '=', userId)
      .execute();
  } catch (error) {
    await Promise.allSettled(written.map((key) => ctx.blobs.delete(key)));
    if (error instanceof AppError) throw error;
    throw new AppError('INVALID_IMAGE', 'That image could not be processed. Try another photo.', {
      cause: error,
    });
  }
  if (previous.avatar_id) await deleteAvatarBlobs(ctx, userId, previous.avatar_id);
  return getUser(ctx, userId);
}

export async function removeAvatar(ctx: AppContext, userId: string): Promise<UserRow> {
  const user = await getUser(ctx, userId);
  if (!user.avatar_id) return user;
  await ctx.database.db
    .updateTable('users')
    .set({ avatar_id: null, updated_at: ctx.clock() })
    .where('id', '=', userId)
    .execute();
  await deleteAvatarBlobs(ctx, userId, user.avatar_id);
  return getUser(ctx, userId);
}

async function deleteAvatarBlobs(ctx: AppContext, userId: string, avatarId: string): Promise<void> {
  const results = await Promise.allSettled(
    Object.values(sizes).map((px) => ctx.blobs.delete(avatarKey(userId, avatarId, px))),
  );
  for (const result of results) {
    if (result.status === 'rejected')
      ctx.logger.warn({ err: result.reason, userId }, 'old avatar blob not deleted');
  }
}
