import { randomBytes, randomInt } from 'node:crypto';

/** A meeting id people can read out: `digits` digits, never starting with 0. */
export function newMeetingCode(digits: 10 | 11): string {
  let code = String(randomInt(1, 10));
  while (code.length < digits) code += String(randomInt(0, 10));
  return code;
}

/** The secret the join link carries; whoever holds the link may join without the passcode. */
export function newJoinToken(): string {
  return randomBytes(16).toString('base64url');
}
