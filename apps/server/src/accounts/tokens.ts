import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A bearer token: 256 random bits. Only its SHA-256 is stored, so a database leak yields no sessions. */
export function newSessionToken(): string {
  return `prl_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** HMAC under the server secret: short secrets (6-digit codes) cannot be brute-forced from a dump. */
export function keyedHash(secret: Buffer, ...parts: string[]): string {
  return createHmac('sha256', secret).update(parts.join('\0')).digest('hex');
}

export function equalHashes(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
