import type { Meeting } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import {
  formatMeetingCode,
  formatMeetingLength,
  formatMeetingTime,
  formatMeetingWhen,
  invitationText,
  joinPath,
} from './meeting-format.ts';

// Local times, so the tests hold in every time zone.
const now = new Date(2030, 2, 13, 15, 30); // Wednesday, March 13, 2030
const iso = (...parts: [number, number, number, number?, number?]) => new Date(...parts).toISOString();

const meeting = (overrides: Partial<Meeting>): Meeting => ({
  id: '01HZZZZZZZZZZZZZZZZZZZZZZZ',
  code: '1234567890',
  title: 'Weekly sync',
  passcode: 'k7Rm2q',
  waitingRoom: true,
  allowGuests: true,
  joinUrl: 'https://parley.example/j/1234567890?t=abcdefghijkl',
  ownerId: '01HYYYYYYYYYYYYYYYYYYYYYYY',
  scheduledFor: null,
  durationMinutes: null,
  createdAt: iso(2030, 2, 13, 9, 0),
  startedAt: null,
  endedAt: null,
  isOwner: true,
  metrics: null,
  ...overrides,
});

describe('meeting ids', () => {
  it('groups digits as people read them out', () => {
    expect(formatMeetingCode('1234567890')).toBe('123 456 7890');
    expect(formatMeetingCode('12345678901')).toBe('123 4567 8901');
  });

  it('leaves anything else alone', () => {
    expect(formatMeetingCode('12345')).toBe('12345');
    expect(formatMeetingCode('')).toBe('');
  });
});

describe('meeting times', () => {
  it('says today, tomorrow and yesterday, else the date', () => {
    expect(formatMeetingTime(iso(2030, 2, 13, 14, 0), now)).toBe('Today at 14:00');
    expect(formatMeetingTime(iso(2030, 2, 14, 9, 5), now)).toBe('Tomorrow at 09:05');
    expect(formatMeetingTime(iso(2030, 2, 12, 23, 0), now)).toBe('Yesterday at 23:00');
    expect(formatMeetingTime(iso(2030, 2, 19, 10, 0), now)).toBe('Tue, Mar 19 at 10:00');
    expect(formatMeetingTime(iso(2031, 0, 7, 10, 0), now)).toBe('Jan 7, 2031 at 10:00');
  });

  it('shows a schedule with its end', () => {
    const scheduled = meeting({ scheduledFor: iso(2030, 2, 14, 9, 30), durationMinutes: 45 });
    expect(formatMeetingWhen(scheduled, now)).toBe('Tomorrow at 09:30–10:15');
    expect(formatMeetingWhen({ ...scheduled, durationMinutes: null }, now)).toBe('Tomorrow at 09:30');
  });

  it('says when an unscheduled meeting was made, and when a live one started', () => {
    expect(formatMeetingWhen(meeting({}), now)).toBe('Created Today at 09:00');
    expect(formatMeetingWhen(meeting({ startedAt: iso(2030, 2, 13, 15, 2) }), now)).toBe(
      'In progress since Today at 15:02',
    );
  });

  it('dates a past meeting by its start', () => {
    const past = meeting({
      scheduledFor: iso(2030, 2, 11, 10, 0),
      startedAt: iso(2030, 2, 11, 10, 4),
      endedAt: iso(2030, 2, 11, 11, 0),
    });
    expect(formatMeetingWhen(past, now)).toBe('Mon, Mar 11 at 10:04');
  });

  it('words how long a meeting lasted', () => {
    expect(formatMeetingLength(20)).toBe('Under a minute');
    expect(formatMeetingLength(45 * 60 + 10)).toBe('45 min');
    expect(formatMeetingLength(3600)).toBe('1 h');
    expect(formatMeetingLength(3900)).toBe('1 h 5 min');
  });
});

describe('invitations', () => {
  const base = {
    title: 'Weekly sync',
    hostName: 'Ana',
    joinUrl: 'https://parley.example/j/1234567890?t=abcdefghijkl',
    code: '1234567890',
    passcode: 'k7Rm2q',
    when: 'Tomorrow at 09:30–10:15',
  };

  it('holds the title, time, link, id and passcode', () => {
    expect(invitationText(base)).toBe(
      [
        'Ana is inviting you to a Parley meeting.',
        '',
        'Weekly sync',
        'Tomorrow at 09:30–10:15',
        '',
        'Join the meeting:',
        'https://parley.example/j/1234567890?t=abcdefghijkl',
        '',
        'Meeting ID: 123 456 7890',
        'Passcode: k7Rm2q',
      ].join('\n'),
    );
  });

  it('leaves out what a meeting does not have', () => {
    const text = invitationText({ ...base, hostName: null, when: null, passcode: null });
    expect(text).not.toContain('Passcode');
    expect(text).not.toContain('Tomorrow');
    expect(text.split('\n').slice(0, 4)).toEqual([
      'You’re invited to a Parley meeting.',
      '',
      'Weekly sync',
      '',
    ]);
  });
});

describe('join links', () => {
  it('keeps the path and token of a link on another origin', () => {
    expect(joinPath('https://parley.example/j/1234567890?t=abcdefghijkl')).toBe(
      '/j/1234567890?t=abcdefghijkl',
    );
    expect(joinPath('http://127.0.0.1:8080/j/1234567890')).toBe('/j/1234567890');
  });
});
