import sharp from 'sharp';
import { ConcurrencyLimit } from '../concurrency-limit.ts';

/** Longest side of a thumbnail, in pixels. */
export const thumbnailMaxPx = 320;
// Covers phone cameras up to 108 megapixels; a larger canvas in a small file is a decompression
// bomb as far as we can tell, and travels as a plain file.
const maxInputPixels = 100_000_000;
// Decoding a large photo takes hundreds of MB: a burst of uploads waits its turn.
const decoding = new ConcurrencyLimit(2);

/** Width and height as displayed (after EXIF rotation) and a WebP thumbnail; throws when sharp cannot decode it. */
export async function inspectImage(
  file: string,
): Promise<{ width: number; height: number; thumbnail: Buffer }> {
  return decoding.run(async () => {
    const metadata = await sharp(file, { limitInputPixels: maxInputPixels, failOn: 'error' }).metadata();
    const { width, height } = metadata.autoOrient;
    // Decoding the whole image for the thumbnail is also what proves the file is an image.
    return { width, height, thumbnail: await makeThumbnail(file) };
  });
}

/** A WebP no larger than 320 px on its longest side, upright, without metadata (no GPS position). */
export async function makeThumbnail(input: string | Buffer): Promise<Buffer> {
  return sharp(input, { limitInputPixels: maxInputPixels, failOn: 'error' })
    .rotate()
    .resize(thumbnailMaxPx, thumbnailMaxPx, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 75 })
    .toBuffer();
}
