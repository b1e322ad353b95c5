import type { MeetingClientFrame, MeetingServerFrame } from '@parley/protocol';
import { meetingCloseCodes } from '@parley/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import { isApiError } from '../api-error.ts';
import { silentLogger } from '../logger.ts';
import { type FakeSocket, fakeWebSocket } from '../testing/fake-socket.ts';
import { ManualClock, settle } from '../testing/manual-clock.ts';
import { meetingSocketUrl } from './meeting-frames.ts';
import { MeetingSocket, type MeetingSocketState } from './meeting-socket.ts';
import { defaultMeetingTiming } from './meeting-timing.ts';

type Socket = FakeSocket<MeetingClientFrame, MeetingServerFrame>;

const waiting: MeetingServerFrame = { type: 'waiting', title: 'Standup' };

describe('MeetingSocket', () => {
  let clock: ManualClock;
  let sockets: Socket[];
  let states: MeetingSocketState[];
  let frames: MeetingServerFrame[];
  let online: boolean;
  let onOnline: () => void;
  let socket: MeetingSocket;

  function last(): Socket {
    const found = sockets.at(-1);
    if (!found) throw new Error('no socket');
    return found;
  }

  beforeEach(() => {
    clock = new ManualClock();
    sockets = [];
    states = [];
    frames = [];
    online = true;
    onOnline = () => {};
    socket = new MeetingSocket({
      url: meetingSocketUrl('https://parley.test/', 'mpt_a b'),
      webSocket: fakeWebSocket(sockets),
      clock,
      random: () => 0.5,
      network: {
        isOnline: () => online,
        onOnline: (listener) => {
          onOnline = listener;
          return () => {};
        },
      },
      logger: silentLogger,
      timing: defaultMeetingTiming,
    });
    socket.on('state', (state) => states.push(state));
    socket.on('frame', (frame) => frames.push(frame));
  });

  it('connects with the participant token and opens on the first waiting or joined frame', () => {
    socket.start();
    expect(last().url).toBe('wss://parley.test/api/v1/meetings/socket?token=mpt_a+b');
    expect(states).toEqual([{ status: 'connecting' }]);
    last().receive(waiting);
    expect(states.at(-1)).toEqual({ status: 'open' });
    expect(frames).toEqual([waiting]);
  });

  it('answers requests from ok and error frames, and refuses them before the server let it in', async () => {
    socket.start();
    await expect(socket.request({ type: 'hand', raised: true })).rejects.toMatchObject({ code: 'NETWORK' });
    last().receive(waiting);
    const published = socket.request({ type: 'publish', sdp: 'v=0 offer', tracks: [] });
    const publish = await last().next('publish');
    last().receive({ type: 'ok', id: publish.id, data: { sdp: 'v=0 answer' } });
    expect(await published).toEqual({ sdp: 'v=0 answer' });

    const locked = socket.request({ type: 'lock', locked: true });
    const lock = await last().next('lock');
    last().receive({ type: 'error', id: lock.id, code: 'NOT_MEETING_HOST', message: 'Hosts only.' });
    await expect(locked).rejects.toMatchObject({ code: 'NOT_MEETING_HOST', message: 'Hosts only.' });

    const odd = socket.request({ type: 'hand', raised: true });
    const hand = await last().next('hand');
    last().receive({ type: 'error', id: hand.id, code: 'SOMETHING_NEW', message: 'From a newer server.' });
    await expect(odd).rejects.toMatchObject({ code: 'INTERNAL', message: 'From a newer server.' });
  });

  it('reconnects with backoff after a drop, with the same URL, and fails what was in flight', async () => {
    socket.start();
    last().receive(waiting);
    const pending = socket.request({ type: 'hand', raised: true });
    last().drop(1006);
    expect(isApiError(await pending.catch((e: unknown) => e), 'NETWORK')).toBe(true);
    expect(states.at(-1)).toEqual({ status: 'reconnecting', attempt: 1, retryAt: clock.now() + 375 });
    await clock.advance(375);
    expect(sockets).toHaveLength(2);
    expect(last().url).toBe(sockets[0]?.url);
    last().drop(1011);
    expect(states.at(-1)).toMatchObject({ status: 'reconnecting', attempt: 2 });
    await clock.advance(750);
    last().receive({ type: 'waiting', title: 'Standup' });
    last().drop(1001);
    // A connection the server accepted starts the backoff over.
    expect(states.at(-1)).toMatchObject({ status: 'reconnecting', attempt: 1 });
  });

  it('stops for good on the server closing codes', async () => {
    for (const code of Object.values(meetingCloseCodes)) {
      sockets = [];
      states = [];
      const own = new MeetingSocket({
        url: 'wss://parley.test/api/v1/meetings/socket?token=t',
        webSocket: fakeWebSocket(sockets),
        clock,
        random: () => 0.5,
        network: { isOnline: () => true, onOnline: () => () => {} },
        logger: silentLogger,
        timing: defaultMeetingTiming,
      });
      own.on('state', (state) => states.push(state));
      own.start();
      last().receive(waiting);
      last().drop(code);
      await clock.advance(60_000);
      expect(states.at(-1)).toEqual({ status: 'closed', code });
      expect(sockets).toHaveLength(1);
    }
    expect(clock.pending).toBe(0);
  });

  it('gives up on a connection whose ping goes unanswered, and keeps pinging one that answers', async () => {
    socket.start();
    last().receive(waiting);
    await clock.advance(10_000);
    const ping = await last().next('ping');
    // Any answer shows the connection is alive, even a refusal.
    last().receive({ type: 'error', id: ping.id, code: 'NOT_ADMITTED', message: 'Still waiting.' });
    await clock.advance(10_000);
    await last().next('ping');
    await clock.advance(8_000);
    expect(sockets[0]?.closedWith).toEqual({ code: 4100, reason: 'ping not answered' });
    expect(states.at(-1)).toMatchObject({ status: 'reconnecting', attempt: 1 });
  });

  it('gives up on a connection that never brings waiting or joined', async () => {
    socket.start();
    await clock.advance(15_000);
    expect(sockets[0]?.closedWith?.code).toBe(4100);
    await clock.advance(375);
    expect(sockets).toHaveLength(2);
  });

  it('waits for the network to come back instead of retrying', async () => {
    socket.start();
    last().receive(waiting);
    online = false;
    last().drop(1006);
    expect(states.at(-1)).toEqual({ status: 'reconnecting', attempt: 1, retryAt: null });
    await clock.advance(60_000);
    expect(sockets).toHaveLength(1);
    online = true;
    onOnline();
    expect(sockets).toHaveLength(2);
  });

  it('closes on request without a state event and without reconnecting', async () => {
    socket.start();
    last().receive(waiting);
    const count = states.length;
    socket.close();
    expect(sockets[0]?.closedWith?.code).toBe(1000);
    await clock.advance(60_000);
    await settle();
    expect(states).toHaveLength(count);
    expect(clock.pending).toBe(0);
  });
});
