import { createHmac, timingSafeEqual } from 'node:crypto';

/** Path under which signed blob reads are served. */
export const blobRoutePrefix = '/api/v1/blobs/';

const dayMs = 86_400_000;

/**
 * Blob URLs usable in an <img src> without an Authorization header: the key and an expiry signed
 * with the server secret. Expiries are rounded to whole days so a URL stays the same, and cacheable,
 * for a day.
 */
export function signBlobUrl(secret: Buffer, key: string, now: number, validDays = 7): string {
  const expires = Math.ceil((now + validDays * dayMs) / dayMs) * dayMs;
  const exp = Math.floor(expires / 1000);
  return `${blobRoutePrefix}${key}?exp=${exp}&sig=${signature(secret, key, exp)}`;
}

export function verifyBlobSignature(
  secret: Buffer,
  key: string,
  exp: number,
  sig: string,
  now: number,
): boolean {
  if (exp * 1000 <= now || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return false;
  const expected = Buffer.from(signature(secret, key, exp), 'base64url');
  const given = Buffer.from(sig, 'base64url');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function signature(secret: Buffer, key: string, exp: number): string {
  return createHmac('sha256', secret).update(`blob\0${key}\0${exp}`).digest('base64url');
}
