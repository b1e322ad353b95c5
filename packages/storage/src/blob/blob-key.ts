import { type BlobRange, BlobRangeError } from './blob-store.ts';

const SEGMENT = /^[A-Za-z0-9._-]+$/;

/**
 * Throws unless `key` is relative segments of [A-Za-z0-9._-] joined by '/', none of them '.' or
 * '..': the same keys must be valid files under a folder and objects in a bucket, and no key may
 * climb out of the folder.
 */
export function assertValidBlobKey(key: string): void {
  const segments = key.split('/');
  const valid = segments.every((segment) => SEGMENT.test(segment) && segment !== '.' && segment !== '..');
  if (!valid) throw new Error(`invalid blob key ${JSON.stringify(key)}`);
}

/** Throws unless `range` is well formed (a caller's mistake, not the blob's). */
export function assertValidRange(range: BlobRange): void {
  const { start, end } = range;
  if (
    !Number.isSafeInteger(start) ||
    start < 0 ||
    (end !== undefined && (!Number.isSafeInteger(end) || end < start))
  ) {
    throw new RangeError(`invalid blob range ${JSON.stringify(range)}`);
  }
}

/**
 * The inclusive bounds `range` covers in a blob of `size` bytes. As in HTTP, an end past the blob
 * is clamped; a start past it is not satisfiable.
 */
export function resolveRange(range: BlobRange, size: number): { start: number; end: number } {
  assertValidRange(range);
  if (range.start >= size) throw new BlobRangeError(size);
  return { start: range.start, end: Math.min(range.end ?? size - 1, size - 1) };
}
