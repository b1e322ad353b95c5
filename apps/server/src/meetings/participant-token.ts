import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a participant token proves: this participant of this meeting, until `expiresAt`. */
export interface ParticipantClaims {
  participantId: string;
  meetingId: string;
  expiresAt: number;
}

/** Long enough for any meeting; a participant who outlasts it joins again with the link. */
export const participantTokenTtlMs = 24 * 3_600_000;

/**
 * The token that opens (and reopens, after a network drop) the meeting socket and authorizes chat
 * file transfers: the claims and an HMAC under the server secret, so every node can check it
 * without a lookup, and guests need no account.
 */
export function signParticipantToken(secret: Buffer, claims: ParticipantClaims): string {
  const payload = `${claims.participantId}.${claims.meetingId}.${Math.floor(claims.expiresAt / 1000)}`;
  return `${payload}.${signature(secret, payload)}`;
}

/** The claims of a genuine, unexpired token; undefined for anything else. */
export function verifyParticipantToken(
  secret: Buffer,
  token: string,
  now: number,
): ParticipantClaims | undefined {
  const match = /^([0-9A-Z]{26})\.([0-9A-Z]{26})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return undefined;
  const [, participantId = '', meetingId = '', exp = '', sig = ''] = match;
  const expected = Buffer.from(signature(secret, `${participantId}.${meetingId}.${exp}`), 'base64url');
  const given = Buffer.from(sig, 'base64url');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  const expiresAt = Number(exp) * 1000;
  if (expiresAt <= now) return undefined;
  return { participantId, meetingId, expiresAt };
}

function signature(secret: Buffer, payload: string): string {
  return createHmac('sha256', secret).update(`participant\0${payload}`).digest('base64url');
}
