import { describe, expect, it } from 'vitest';
import { signBlobUrl, verifyBlobSignature } from './signed-urls.ts';

const secret = Buffer.alloc(32, 7);
const now = Date.UTC(2026, 0, 10, 12);

function parse(url: string) {
  const parsed = new URL(url, 'http://x');
  return {
    key: parsed.pathname.replace('/api/v1/blobs/', ''),
    exp: Number(parsed.searchParams.get('exp')),
    sig: parsed.searchParams.get('sig') ?? '',
  };
}

describe('signed blob URLs', () => {
  it('verify for the key they were made for until they expire', () => {
    const { key, exp, sig } = parse(signBlobUrl(secret, 'avatars/u/a-96.webp', now));
    expect(key).toBe('avatars/u/a-96.webp');
    expect(verifyBlobSignature(secret, key, exp, sig, now)).toBe(true);
    expect(verifyBlobSignature(secret, key, exp, sig, exp * 1000)).toBe(false);
  });

  it('reject another key, another expiry, another secret, or a mangled signature', () => {
    const { key, exp, sig } = parse(signBlobUrl(secret, 'avatars/u/a-96.webp', now));
    expect(verifyBlobSignature(secret, 'avatars/u/a-512.webp', exp, sig, now)).toBe(false);
    expect(verifyBlobSignature(secret, key, exp + 86_400, sig, now)).toBe(false);
    expect(verifyBlobSignature(Buffer.alloc(32, 8), key, exp, sig, now)).toBe(false);
    expect(verifyBlobSignature(secret, key, exp, `${sig.slice(0, -2)}AA`, now)).toBe(false);
    expect(verifyBlobSignature(secret, key, exp, '', now)).toBe(false);
    // Lenient base64 decoding would ignore trailing junk: the signature must be exactly the digest.
    expect(verifyBlobSignature(secret, key, exp, `${sig}!!`, now)).toBe(false);
  });

  it('stay the same within a day so browsers can cache them', () => {
    expect(signBlobUrl(secret, 'k', now)).toBe(signBlobUrl(secret, 'k', now + 3_600_000));
  });
});
