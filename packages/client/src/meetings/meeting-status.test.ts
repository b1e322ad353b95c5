import { meetingCloseCodes } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { closedStatus, isFinal } from './meeting-status.ts';

describe('closedStatus', () => {
  it('names each final close code', () => {
    expect(closedStatus(meetingCloseCodes.left, {})).toEqual({ status: 'left' });
    expect(closedStatus(meetingCloseCodes.replaced, {})).toEqual({ status: 'replaced' });
    expect(closedStatus(meetingCloseCodes.denied, {})).toEqual({ status: 'denied' });
    expect(closedStatus(meetingCloseCodes.removed, { removedBy: 'Alice' })).toEqual({
      status: 'removed',
      by: 'Alice',
    });
    expect(closedStatus(meetingCloseCodes.ended, {})).toEqual({ status: 'ended', by: null });
  });

  it('says why a join was refused from the error frame before the close', () => {
    const error = { code: 'MEETING_LOCKED', message: 'The host locked the meeting.' };
    expect(closedStatus(meetingCloseCodes.refused, { error })).toEqual({ status: 'refused', ...error });
    expect(closedStatus(meetingCloseCodes.invalidToken, {})).toMatchObject({
      status: 'refused',
      code: 'INVALID_JOIN_TOKEN',
    });
  });

  it('tells final statuses from the others', () => {
    expect(isFinal({ status: 'denied' })).toBe(true);
    expect(isFinal({ status: 'reconnecting', attempt: 1, retryAt: null })).toBe(false);
  });
});
