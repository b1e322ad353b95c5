import { avatarLimits } from '@parley/protocol';
import sharp from 'sharp';
import { ulid } from 'ulid';
import { signBlobUrl } from '../blobs/signed-urls.ts';
import { ConcurrencyLimit } from '../concurrency-limit.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';

/**
 * Avatars of people and groups: an uploaded photo re-encoded (which also drops metadata such as GPS
 * position) to square WebP in two sizes, stored under its owner's id.
 */

const acceptedFormats = new Set(['jpeg', 'png', 'webp']);
// A 5 MB file can still declare a huge canvas; refuse decompression bombs before decoding.
// 25 megapixels covers phone photos (6000x4000); decoding one takes about 100 MB.
const maxInputPixels = 25_000_000;
// Decoding is memory-heavy: a burst of uploads waits its turn instead of exhausting memory.
const encoding = new ConcurrencyLimit(2);
const sizes = { large: avatarLimits.largePx, small: avatarLimits.smallPx } as const;

function avatarKey(ownerId: string, avatarId: string, px: number): string {
  return `avatars/${ownerId}/${avatarId}-${px}.webp`;
}

export function avatarUrls(
  ctx: AppContext,
  ownerId: string,
  avatarId: string,
): { large: string; small: string } {
  const now = ctx.clock();
  return {
    large: signBlobUrl(ctx.secret, avatarKey(ownerId, avatarId, sizes.large), now),
    small: signBlobUrl(ctx.secret, avatarKey(ownerId, avatarId, sizes.small), now),
  };
}

async function readableFormat(bytes: Buffer): Promise<string> {
  let meta: sharp.Metadata;
  try {
    // The header alone, without the decode limit, so an oversized canvas gets its own answer.
    meta = await sharp(bytes).metadata();
  } catch (error) {
    throw new AppError(
      'INVALID_IMAGE',
      'That file is not an image we can read. Use a JPEG, PNG or WebP photo.',
      {
        cause: error,
      },
    );
  }
  if ((meta.width ?? 0) * (meta.height ?? 0) > maxInputPixels) {
    throw new AppError(
      'INVALID_IMAGE',
      'That photo is too large (over 25 megapixels). Choose a smaller one.',
    );
  }
  if (!meta.format || !acceptedFormats.has(meta.format)) {
    throw new AppError('INVALID_IMAGE', 'Avatars must be JPEG, PNG or WebP images.');
  }
  return meta.format;
}

/**
 * Stores a new avatar, then lets `swap` point its owner at it (a compare-and-set returning the
 * avatar it replaced), then deletes the replaced one. A failure at any step leaves the previous
 * avatar in place and no new files behind.
 */
export async function replaceAvatar<T>(
  ctx: AppContext,
  ownerId: string,
  bytes: Buffer,
  swap: (avatarId: string) => Promise<{ replaced: string | null; result: T }>,
): Promise<T> {
  await readableFormat(bytes);
  const image = sharp(bytes, { limitInputPixels: maxInputPixels, failOn: 'error' });
  const avatarId = ulid(ctx.clock());
  const written: string[] = [];
  let swapped: { replaced: string | null; result: T };
  try {
    await encoding.run(async () => {
      for (const px of Object.values(sizes)) {
        const encoded = await image
          .clone()
          .rotate()
          .resize(px, px, { fit: 'cover', position: 'attention' })
          .webp({ quality: 82 })
          .toBuffer();
        const key = avatarKey(ownerId, avatarId, px);
        await ctx.blobs.put(key, encoded, { contentType: 'image/webp' });
        written.push(key);
      }
    });
    swapped = await swap(avatarId);
  } catch (error) {
    await Promise.allSettled(written.map((key) => ctx.blobs.delete(key)));
    if (error instanceof AppError) throw error;
    throw new AppError('INVALID_IMAGE', 'That image could not be processed. Try another photo.', {
      cause: error,
    });
  }
  if (swapped.replaced) await deleteAvatarImages(ctx, ownerId, swapped.replaced);
  return swapped.result;
}

export async function deleteAvatarImages(ctx: AppContext, ownerId: string, avatarId: string): Promise<void> {
  const results = await Promise.allSettled(
    Object.values(sizes).map((px) => ctx.blobs.delete(avatarKey(ownerId, avatarId, px))),
  );
  for (const result of results) {
    if (result.status === 'rejected')
      ctx.logger.warn({ err: result.reason, ownerId }, 'old avatar file not deleted');
  }
}
