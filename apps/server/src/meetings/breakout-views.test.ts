import { describe, expect, it } from 'vitest';
import { type BreakoutSnapshot, breakoutViews } from './breakout-views.ts';
import type { Member } from './members.ts';
import { PeerConnections } from './peer-connections.ts';

function member(id: string, changes: Partial<Member> = {}): Member {
  return {
    id,
    userId: null,
    guestKey: null,
    displayName: id,
    role: 'participant',
    state: 'joined',
    audioOn: false,
    videoOn: false,
    screenOn: false,
    handRaisedAt: null,
    joinedAt: 0,
    waitingSince: 0,
    socket: null,
    breakoutRoomId: null,
    connections: new PeerConnections(),
    grace: undefined,
    ...changes,
  };
}

const snapshot: BreakoutSnapshot = {
  status: 'open',
  settings: { assignment: 'manual', autoMove: false, timerMinutes: 10, closeCountdownSeconds: 30 },
  rooms: [
    { id: 'red', name: 'Red' },
    { id: 'blue', name: 'Blue' },
  ],
  assigned: new Map([
    ['ann', 'red'],
    ['ben', 'blue'],
  ]),
  help: [{ participantId: 'ann', displayName: 'ann', roomId: 'red', at: '2030-01-01T10:01:00.000Z' }],
  openedAt: Date.parse('2030-01-01T10:00:00.000Z'),
  endsAt: Date.parse('2030-01-01T10:10:00.000Z'),
  closesAt: null,
};

describe('breakoutViews', () => {
  const host = member('host', { role: 'host' });
  const ann = member('ann', { breakoutRoomId: 'red' });
  const ben = member('ben');
  const view = breakoutViews(snapshot, [host, ann, ben]);

  it('shows a participant the rooms, the times and their own assignment, nobody else’s', () => {
    expect(view(ben)).toEqual({
      status: 'open',
      assignment: 'manual',
      autoMove: false,
      timerMinutes: 10,
      closeCountdownSeconds: 30,
      rooms: [
        { id: 'red', name: 'Red', count: 1 },
        { id: 'blue', name: 'Blue', count: 0 },
      ],
      openedAt: '2030-01-01T10:00:00.000Z',
      endsAt: '2030-01-01T10:10:00.000Z',
      closesAt: null,
      assignedRoomId: 'blue',
      roomId: null,
      people: [],
      help: [],
    });
    expect(view(ann)).toMatchObject({ assignedRoomId: 'red', roomId: 'red', people: [], help: [] });
  });

  it('shows hosts and co-hosts where everyone is and who asked for help', () => {
    const cohost = member('cohost', { role: 'cohost' });
    for (const state of [view(host), view(cohost)]) {
      expect(state.people).toEqual([
        { participantId: 'host', displayName: 'host', assignedRoomId: null, roomId: null },
        { participantId: 'ann', displayName: 'ann', assignedRoomId: 'red', roomId: 'red' },
        { participantId: 'ben', displayName: 'ben', assignedRoomId: 'blue', roomId: null },
      ]);
      expect(state.help.map((request) => request.participantId)).toEqual(['ann']);
    }
  });
});
