import type { Participant } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import {
  failureWords,
  finalWords,
  formatElapsed,
  noticeWords,
  qualityWords,
  reconnectWords,
  refusedWords,
} from './meeting-words.ts';

const me = (changes: Partial<Participant> = {}): Participant => ({
  id: 'me',
  displayName: 'Ola',
  userId: null,
  role: 'participant',
  audioOn: true,
  videoOn: true,
  screenOn: false,
  handRaisedAt: null,
  connection: 'connected',
  joinedAt: '2030-01-01T10:00:00.000Z',
  ...changes,
});

describe('finalWords', () => {
  it('says who ended the meeting or removed me', () => {
    expect(finalWords({ status: 'ended', by: 'Hanna' }, false).title).toBe('Hanna ended the meeting');
    expect(finalWords({ status: 'ended', by: null }, false).title).toBe('The meeting has ended');
    expect(finalWords({ status: 'ended', by: 'Ola' }, true).title).toBe('You ended the meeting for everyone');
    expect(finalWords({ status: 'removed', by: 'Hanna' }, false).title).toBe(
      'Hanna removed you from the meeting',
    );
  });

  it('words every other way out', () => {
    expect(finalWords({ status: 'left' }, false).title).toBe('You left the meeting');
    expect(finalWords({ status: 'denied' }, false).title).toBe('The host did not let you in');
    expect(finalWords({ status: 'replaced' }, false).title).toBe('You joined from somewhere else');
  });

  it('says why the meeting refused me in plain words', () => {
    expect(finalWords({ status: 'refused', code: 'MEETING_LOCKED', message: 'x' }, false)).toEqual({
      title: 'You could not join the meeting',
      detail: 'The host has locked this meeting. Nobody new can join.',
    });
    expect(refusedWords('MEETING_FULL', 'x')).toBe('This meeting is full.');
    expect(refusedWords('SOMETHING_NEW', 'x')).toBe('The meeting did not let you in. Try joining again.');
  });
});

describe('reconnectWords', () => {
  it('counts the attempts and says when the network is gone', () => {
    expect(reconnectWords({ status: 'reconnecting', attempt: 1, retryAt: 1 })).toBe('Reconnecting…');
    expect(reconnectWords({ status: 'reconnecting', attempt: 3, retryAt: 1 })).toBe(
      'Reconnecting… (attempt 3)',
    );
    expect(reconnectWords({ status: 'reconnecting', attempt: 2, retryAt: null })).toBe(
      'Reconnecting… Waiting for the network to come back.',
    );
  });
});

describe('noticeWords', () => {
  it('says what a host did to me and who', () => {
    expect(noticeWords({ kind: 'muted', by: 'Hanna' }, me())).toBe('Hanna muted you');
    expect(noticeWords({ kind: 'video-stopped', by: 'Hanna' }, me())).toBe('Hanna stopped your video');
    expect(noticeWords({ kind: 'hand-lowered', by: 'Hanna' }, me())).toBe('Hanna lowered your hand');
    expect(noticeWords({ kind: 'renamed', by: 'Hanna' }, me({ displayName: 'Ola N.' }))).toBe(
      'Hanna renamed you to Ola N.',
    );
    expect(noticeWords({ kind: 'ask-unmute', by: 'Hanna' }, me())).toBe('Hanna asks you to unmute');
  });

  it('names the new role', () => {
    expect(noticeWords({ kind: 'role-changed', by: 'Hanna' }, me({ role: 'cohost' }))).toBe(
      'Hanna made you a co-host',
    );
    expect(noticeWords({ kind: 'role-changed', by: 'Hanna' }, me({ role: 'host' }))).toBe(
      'Hanna made you the host',
    );
    expect(noticeWords({ kind: 'role-changed', by: 'Hanna' }, me())).toBe('Hanna removed your co-host role');
    expect(noticeWords({ kind: 'role-changed', by: 'Parley' }, me({ role: 'host' }))).toBe(
      'You are now the host',
    );
  });
});

describe('failureWords', () => {
  const domError = (name: string) => Object.assign(new Error('x'), { name });

  it('explains device failures', () => {
    expect(failureWords('camera', domError('NotAllowedError'))).toBe(
      "Parley is not allowed to use your camera. Allow it in your browser's site settings.",
    );
    expect(failureWords('microphone', domError('NotFoundError'))).toBe('No microphone was found.');
    expect(failureWords('microphone', new Error('The microphone stopped'))).toBe(
      'Your microphone stopped working. Check that it is connected.',
    );
  });

  it('stays quiet when the screen picker was cancelled', () => {
    expect(failureWords('screen', domError('NotAllowedError'))).toBeNull();
  });

  it('uses the error words of server codes', async () => {
    const { ApiError } = await import('@parley/client');
    expect(failureWords('screen', ApiError.of('SCREEN_SHARE_TAKEN', 'x'))).toBe(
      'Someone else is sharing their screen. Only one person can share at a time.',
    );
  });
});

describe('small words', () => {
  it('names the connection quality', () => {
    expect(qualityWords('good')).toBe('Good connection');
    expect(qualityWords('fair')).toBe('Fair connection');
    expect(qualityWords('poor')).toBe('Poor connection');
  });

  it('shows the time since the start', () => {
    const start = '2030-01-01T10:00:00.000Z';
    expect(formatElapsed(start, Date.parse(start) + 65_000)).toBe('1:05');
    expect(formatElapsed(start, Date.parse(start) + 3_725_000)).toBe('1:02:05');
    expect(formatElapsed(start, Date.parse(start) - 5_000)).toBe('0:00');
  });
});
