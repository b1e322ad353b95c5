import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { signParticipantToken, verifyParticipantToken } from './participant-token.ts';

const secret = randomBytes(32);
const claims = { participantId: ulid(), meetingId: ulid(), expiresAt: 2_000_000_000_000 };

describe('participant tokens', () => {
  it('carry their claims', () => {
    const token = signParticipantToken(secret, claims);
    expect(verifyParticipantToken(secret, token, 1_000)).toEqual(claims);
  });

  it('are refused once expired', () => {
    const token = signParticipantToken(secret, claims);
    expect(verifyParticipantToken(secret, token, claims.expiresAt)).toBeUndefined();
  });

  it('are refused when forged or altered', () => {
    const token = signParticipantToken(secret, claims);
    const other = ulid();
    expect(verifyParticipantToken(secret, token.replace(claims.participantId, other), 1_000)).toBeUndefined();
    expect(verifyParticipantToken(randomBytes(32), token, 1_000)).toBeUndefined();
    expect(verifyParticipantToken(secret, 'not-a-token', 1_000)).toBeUndefined();
  });
});
