import type { BreakoutState } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { breakoutConfiguration, initialBreakoutSetup, suggestedRoomCount } from './breakout-setup.ts';

const configured: BreakoutState = {
  status: 'configured',
  assignment: 'manual',
  autoMove: true,
  timerMinutes: 15,
  closeCountdownSeconds: 30,
  rooms: [
    { id: 'r1', name: 'Design', count: 0 },
    { id: 'r2', name: 'Room 2', count: 0 },
  ],
  openedAt: null,
  endsAt: null,
  closesAt: null,
  assignedRoomId: null,
  roomId: null,
  people: [],
  help: [],
};

describe('breakout setup', () => {
  it('suggests about three people a room, 1 to 50 rooms', () => {
    expect(suggestedRoomCount(0)).toBe(1);
    expect(suggestedRoomCount(7)).toBe(3);
    expect(suggestedRoomCount(1000)).toBe(50);
  });

  it('starts from the defaults, or from the rooms set up already', () => {
    expect(initialBreakoutSetup(null, 6)).toEqual({
      roomCount: '2',
      assignment: 'auto',
      autoMove: false,
      timer: false,
      timerMinutes: '10',
      closeCountdownSeconds: '60',
    });
    expect(initialBreakoutSetup(configured, 6)).toMatchObject({
      roomCount: '2',
      assignment: 'manual',
      autoMove: true,
      timer: true,
      timerMinutes: '15',
      closeCountdownSeconds: '30',
    });
  });

  it('names new rooms and keeps the rooms that exist (their names too)', () => {
    const setup = { ...initialBreakoutSetup(configured, 6), roomCount: '3', timer: false };
    expect(breakoutConfiguration(setup, configured.rooms)).toEqual({
      configuration: {
        rooms: [{ id: 'r1', name: 'Design' }, { id: 'r2', name: 'Room 2' }, { name: 'Room 3' }],
        assignment: 'manual',
        autoMove: true,
        timerMinutes: null,
        closeCountdownSeconds: 30,
      },
    });
    const fewer = breakoutConfiguration({ ...setup, roomCount: ' 1 ' }, configured.rooms);
    expect(fewer).toMatchObject({ configuration: { rooms: [{ id: 'r1', name: 'Design' }] } });
  });

  it('says what is out of bounds in plain words', () => {
    const setup = initialBreakoutSetup(null, 6);
    const error = (changes: Partial<typeof setup>) =>
      'error' in breakoutConfiguration({ ...setup, ...changes }, []) ? 'error' : 'ok';
    expect(breakoutConfiguration({ ...setup, roomCount: '51' }, [])).toEqual({
      error: 'Choose between 1 and 50 rooms.',
    });
    expect(error({ roomCount: '0' })).toBe('error');
    expect(error({ roomCount: '2.5' })).toBe('error');
    expect(error({ roomCount: '' })).toBe('error');
    expect(error({ timer: true, timerMinutes: '0' })).toBe('error');
    expect(error({ timer: false, timerMinutes: '' })).toBe('ok');
    expect(error({ timer: true, timerMinutes: '1440' })).toBe('ok');
    expect(error({ closeCountdownSeconds: '301' })).toBe('error');
    expect(error({ closeCountdownSeconds: '0' })).toBe('ok');
  });
});
