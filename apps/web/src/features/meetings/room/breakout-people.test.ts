import type { BreakoutState } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { groupBreakoutPeople } from './breakout-people.ts';

const person = (participantId: string, assignedRoomId: string | null, roomId: string | null) => ({
  participantId,
  displayName: participantId.toUpperCase(),
  assignedRoomId,
  roomId,
});

const state: BreakoutState = {
  status: 'open',
  assignment: 'manual',
  autoMove: false,
  timerMinutes: null,
  closeCountdownSeconds: 60,
  rooms: [
    { id: 'r1', name: 'Room 1', count: 2 },
    { id: 'r2', name: 'Room 2', count: 0 },
  ],
  openedAt: null,
  endsAt: null,
  closesAt: null,
  assignedRoomId: null,
  roomId: null,
  people: [
    person('host', null, null),
    person('ann', 'r1', null),
    person('ben', 'r1', 'r1'),
    person('visiting-host', null, 'r1'),
    person('late', null, null),
    person('cat', 'r2', null),
  ],
  help: [],
};

describe('breakout people', () => {
  it('lists each person once: where they are, else where they are assigned, else unassigned', () => {
    const groups = groupBreakoutPeople(state);
    const ids = (entries: { person: { participantId: string }; inRoom: boolean }[]) =>
      entries.map((entry) => `${entry.person.participantId}${entry.inRoom ? ' (in)' : ''}`);
    expect(ids(groups.rooms[0]?.people ?? [])).toEqual(['ben (in)', 'visiting-host (in)', 'ann']);
    expect(ids(groups.rooms[1]?.people ?? [])).toEqual(['cat']);
    expect(groups.unassigned.map((p) => p.participantId)).toEqual(['host', 'late']);
  });
});
