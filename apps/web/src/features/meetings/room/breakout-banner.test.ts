import type { BreakoutState } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { breakoutBanner, broadcastWords, formatCountdown, helpWords, moveWords } from './breakout-banner.ts';

const now = Date.parse('2025-05-01T10:00:00.000Z');
const at = (seconds: number) => new Date(now + seconds * 1000).toISOString();

const open: BreakoutState = {
  status: 'open',
  assignment: 'auto',
  autoMove: false,
  timerMinutes: null,
  closeCountdownSeconds: 60,
  rooms: [
    { id: 'r1', name: 'Room 1', count: 2 },
    { id: 'r2', name: 'Room 2', count: 1 },
  ],
  openedAt: at(-60),
  endsAt: null,
  closesAt: null,
  assignedRoomId: 'r2',
  roomId: null,
  people: [],
  help: [],
};

describe('breakout banner', () => {
  it('counts down in minutes and seconds, rounded up', () => {
    expect(formatCountdown(45_000)).toBe('0:45');
    expect(formatCountdown(44_001)).toBe('0:45');
    expect(formatCountdown(-5)).toBe('0:00');
    expect(formatCountdown(12 * 60_000 + 5_000)).toBe('12:05');
    expect(formatCountdown(3_725_000)).toBe('1:02:05');
  });

  it('shows nothing until the rooms open', () => {
    expect(breakoutBanner(null, false, now)).toBeNull();
    expect(breakoutBanner({ ...open, status: 'configured' }, false, now)).toBeNull();
  });

  it('invites me to my room, or lets me pick one', () => {
    expect(breakoutBanner(open, false, now)).toMatchObject({
      text: "You're invited to join Room 2",
      invite: { id: 'r2' },
      choices: null,
      canLeave: false,
    });
    const choose = breakoutBanner({ ...open, assignment: 'choose' }, false, now);
    expect(choose?.choices?.map((room) => room.name)).toEqual(['Room 1', 'Room 2']);
    expect(choose?.invite).toBeNull();
    expect(breakoutBanner({ ...open, assignedRoomId: null }, false, now)?.text).toMatch(
      /not given you a room/,
    );
  });

  it('in a room: where I am, the time left, leave and ask for help (not hosts)', () => {
    const inRoom = { ...open, roomId: 'r2', endsAt: at(12 * 60 + 30) };
    expect(breakoutBanner(inRoom, false, now)).toMatchObject({
      text: "You're in Room 2",
      timeLeft: '12:30 left',
      invite: null,
      canLeave: true,
      canAskForHelp: true,
    });
    expect(breakoutBanner(inRoom, true, now)).toMatchObject({ canLeave: true, canAskForHelp: false });
    expect(breakoutBanner(open, true, now)).toMatchObject({ text: 'Breakout rooms are open', invite: null });
  });

  it('counts down to the rooms closing, for everyone', () => {
    const closing = { ...open, status: 'closing' as const, closesAt: at(45), roomId: 'r1' };
    expect(breakoutBanner(closing, false, now)).toMatchObject({
      text: 'Breakout rooms close in 0:45',
      invite: null,
      canLeave: true,
    });
    expect(breakoutBanner({ ...closing, roomId: null }, true, now)?.text).toBe(
      'Breakout rooms close in 0:45',
    );
    expect(breakoutBanner(closing, false, now + 46_000)?.text).toBe('Breakout rooms are closing…');
  });

  it('words the notices', () => {
    expect(moveWords({ room: { id: 'r1', name: 'Room 1' } })).toBe("You're now in Room 1");
    expect(moveWords({ room: null })).toBe("You're back in the main room");
    expect(broadcastWords({ from: 'Hanna', text: 'Five minutes left' })).toBe(
      'Hanna to all rooms: Five minutes left',
    );
    expect(helpWords({ displayName: 'Ann', roomId: 'r2' }, open.rooms)).toBe('Ann asks for help in Room 2');
  });
});
