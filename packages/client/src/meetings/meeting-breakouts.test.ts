import type { BreakoutState, MeetingServerFrame } from '@parley/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { isApiError } from '../api-error.ts';
import { settle } from '../testing/manual-clock.ts';
import { alice, bob, joinedFrame, me, meetingHarness, participant } from '../testing/meeting-harness.ts';
import type { BreakoutMove } from './meeting-room-types.ts';
import { initialMeetingState, reduceMeeting } from './meeting-state.ts';

type Harness = ReturnType<typeof meetingHarness>;

const red = '01HZRED0000000000000000000';
const blue = '01HZB1VE000000000000000000';

function breakoutState(changes: Partial<BreakoutState> = {}): BreakoutState {
  return {
    status: 'open',
    assignment: 'auto',
    autoMove: true,
    timerMinutes: null,
    closeCountdownSeconds: 60,
    rooms: [
      { id: red, name: 'Red', count: 0 },
      { id: blue, name: 'Blue', count: 0 },
    ],
    openedAt: '2030-01-01T10:05:00.000Z',
    endsAt: null,
    closesAt: null,
    assignedRoomId: red,
    roomId: null,
    people: [],
    help: [],
    ...changes,
  };
}

const redJoined = joinedFrame({
  room: { ...joinedFrame().room, meetingId: '01HZCH11D00000000000000000', title: 'Red' },
  participants: [participant(me, 'Me'), participant(bob, 'Bob')],
});

describe('reduceMeeting with breakout rooms', () => {
  it('takes the state from its frame and keeps it across a joined (a move between rooms)', () => {
    const state = breakoutState({ roomId: red });
    const joined = reduceMeeting(initialMeetingState, joinedFrame());
    expect(joined.breakouts).toBeNull();
    const moved = [{ type: 'breakouts', state } as const, redJoined].reduce(reduceMeeting, joined);
    expect(moved.breakouts).toBe(state);
    expect(moved.room?.title).toBe('Red');
  });
});

describe('MeetingRoom breakout rooms', () => {
  let h: Harness;

  afterEach(() => h.checkFrames());

  it('moves into a breakout room and back with the same devices, over new connections', async () => {
    h = meetingHarness();
    const moves: BreakoutMove[] = [];
    h.room.on('breakout-moved', (move) => moves.push(move));
    const states: (BreakoutState | null)[] = [];
    h.room.on('breakouts', (state) => states.push(state));
    await h.room.join({ audio: true, video: true });
    h.socket().receive({ type: 'breakouts', state: breakoutState() });
    await h.admit();
    const muting = h.room.setMicrophone(false);
    await h.socket().answer('set-media');
    await muting;
    expect(h.room.getSnapshot().breakouts?.assignedRoomId).toBe(red);
    const mainPcs = [...h.fake.pcs];

    h.socket().receive({ type: 'breakout-moved', room: { id: red, name: 'Red' } });
    // Nothing more goes to the room being left.
    expect(mainPcs.every((pc) => pc.closed)).toBe(true);
    expect(h.room.getSnapshot().remoteTracks).toEqual([]);
    h.socket().receive({ type: 'breakouts', state: breakoutState({ roomId: red }) });
    h.socket().receive(redJoined);
    const republished = await h.answerPublish();
    expect(republished.tracks).toEqual([
      { mid: '0', source: 'mic', paused: true },
      { mid: '1', source: 'camera', paused: false },
    ]);
    const inRed = h.room.getSnapshot();
    expect(inRed.status).toEqual({ status: 'joined' });
    expect(inRed.room?.title).toBe('Red');
    expect(inRed.participants.map((p) => p.displayName)).toEqual(['Me', 'Bob']);
    expect(inRed.breakouts?.roomId).toBe(red);
    expect(inRed.local.micOn).toBe(false);
    expect(inRed.local.cameraOn).toBe(true);

    h.socket().receive({ type: 'breakout-moved', room: null });
    h.socket().receive({ type: 'breakouts', state: breakoutState({ status: 'configured', roomId: null }) });
    h.socket().receive(joinedFrame());
    await h.answerPublish();
    expect(h.room.getSnapshot().participants.map((p) => p.displayName)).toEqual(['Me', 'Alice']);
    expect(moves).toEqual([{ room: { id: red, name: 'Red' } }, { room: null }]);
    expect(states.map((s) => s?.roomId)).toEqual([null, red, null]);
    // Each room's `joined` is told to `state` listeners; the status never leaves `joined`.
    expect(h.statuses).toEqual(['connecting', 'joined', 'joined', 'joined']);
  });

  it('drops the breakout state when a joined comes without one (the rooms ended meanwhile)', async () => {
    h = meetingHarness();
    await h.room.join({ audio: false, video: false });
    h.socket().receive({ type: 'breakouts', state: breakoutState({ roomId: red }) });
    await h.admit(redJoined);
    expect(h.room.getSnapshot().breakouts).not.toBeNull();

    h.socket().drop(1006);
    await h.clock.advance(375);
    h.socket().receive(joinedFrame());
    await settle();
    expect(h.room.getSnapshot().breakouts).toBeNull();
  });

  it('sends the commands, with the configuration’s defaults filled in, and rejects with the server’s code', async () => {
    h = meetingHarness();
    await h.room.join({ audio: false, video: false });
    await h.admit();
    const configuring = h.room.breakouts.configure({ rooms: [{ name: 'Red' }], assignment: 'auto' });
    expect(await h.socket().answer('breakout-configure')).toMatchObject({
      rooms: [{ name: 'Red', participantIds: [] }],
      assignment: 'auto',
      autoMove: false,
      timerMinutes: null,
      closeCountdownSeconds: 60,
    });
    await configuring;

    const commands: [Promise<void>, MeetingServerFrame['type'] | string, Record<string, unknown>][] = [
      [h.room.breakouts.assign(alice, red), 'breakout-assign', { participantId: alice, roomId: red }],
      [h.room.breakouts.rename(red, 'Crimson'), 'breakout-rename', { roomId: red, name: 'Crimson' }],
      [h.room.breakouts.open(), 'breakout-open', {}],
      [h.room.breakouts.broadcast('Two minutes'), 'breakout-broadcast', { text: 'Two minutes' }],
      [h.room.breakouts.join(red), 'breakout-join', { roomId: red }],
      [h.room.breakouts.askForHelp(), 'breakout-help', {}],
      [h.room.breakouts.returnToMain(), 'breakout-return', {}],
      [h.room.breakouts.close(), 'breakout-close', {}],
    ];
    for (const [done, type, fields] of commands) {
      expect(await h.socket().answer(type as 'breakout-open')).toMatchObject(fields);
      await done;
    }

    const refused = h.room.breakouts.join(blue);
    const join = await h.socket().next('breakout-join');
    h.socket().receive({ type: 'error', id: join.id, code: 'BREAKOUT_NOT_ASSIGNED', message: 'Not yours.' });
    const error = await refused.catch((e: unknown) => e);
    expect(isApiError(error, 'BREAKOUT_NOT_ASSIGNED')).toBe(true);

    const invalid = await h.room.breakouts
      .configure({ rooms: [], assignment: 'manual' })
      .catch((e: unknown) => e);
    expect(isApiError(invalid, 'VALIDATION_FAILED')).toBe(true);
    expect(h.socket().unread('breakout-configure')).toEqual([]);
  });

  it('tells of broadcasts and help requests', async () => {
    h = meetingHarness();
    const heard: unknown[] = [];
    h.room.on('breakout-broadcast', (message) => heard.push(message));
    h.room.on('breakout-help', (request) => heard.push(request));
    await h.room.join({ audio: false, video: false });
    await h.admit();
    h.socket().receive({ type: 'breakout-broadcast', from: 'Host', text: 'Wrap up' });
    h.socket().receive({ type: 'breakout-help', participantId: bob, displayName: 'Bob', roomId: blue });
    expect(heard).toEqual([
      { from: 'Host', text: 'Wrap up' },
      { participantId: bob, displayName: 'Bob', roomId: blue },
    ]);
  });
});
