import type { ParleyEvent } from '@parley/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isApiError } from '../api-error.ts';
import type { QueuedEvent } from '../store/records.ts';
import { type FakeSocket, fakeWebSocket } from '../testing/fake-socket.ts';
import { ManualClock, settle } from '../testing/manual-clock.ts';
import type { ConnectionState } from './connection-state.ts';
import { Gateway } from './gateway.ts';
import type { GatewayTiming } from './gateway-options.ts';

const identity = { userId: '01HZZZZZZZZZZZZZZZZZZZZZZA', deviceId: '01HZZZZZZZZZZZZZZZZZZZZZZD' };
const chatRead = (n: number): ParleyEvent => ({
  type: 'chat-read',
  chatId: '01HZZZZZZZZZZZZZZZZZZZZZZC',
  upToMessageId: `01HZZZZZZZZZZZZZZZZZZZ${String(n).padStart(4, '0')}`,
});

/** A sink that records what it applied and what it was asked to resume from. */
class RecordingSink {
  lastSeq = 0;
  applied: QueuedEvent[] = [];
  failNext: Error | null = null;

  async resume(): Promise<number> {
    return this.lastSeq;
  }

  async apply(events: QueuedEvent[]): Promise<void> {
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      throw error;
    }
    this.applied.push(...events);
    this.lastSeq = Math.max(this.lastSeq, ...events.map((event) => event.seq));
  }
}

describe('Gateway', () => {
  let clock: ManualClock;
  let sockets: FakeSocket[];
  let sink: RecordingSink;
  let gateway: Gateway;
  let states: ConnectionState['status'][];
  let online: boolean;
  let onOnline: () => void;

  function create(timing: Partial<GatewayTiming> = {}) {
    gateway = new Gateway({
      url: 'ws://parley.test/api/v1/gateway',
      token: 'prl_secret token',
      sink,
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
      timing,
    });
    gateway.on('state', (state) => states.push(state.status));
  }

  function socket(index = sockets.length - 1): FakeSocket {
    const found = sockets[index];
    if (!found) throw new Error(`no socket ${index}`);
    return found;
  }

  function deliver(target: FakeSocket, from: number, to: number) {
    for (let seq = from; seq <= to; seq += 1) target.receive({ type: 'event', seq, event: chatRead(seq) });
  }

  beforeEach(() => {
    clock = new ManualClock();
    sockets = [];
    sink = new RecordingSink();
    states = [];
    online = true;
    onOnline = () => {};
    create();
  });

  afterEach(() => gateway.stop());

  it('connects with the token, says hello with the last applied sequence, and reports each step', async () => {
    sink.lastSeq = 41;
    gateway.start();
    expect(socket().url).toBe('ws://parley.test/api/v1/gateway?token=prl_secret%20token');
    expect(await socket().accept(identity)).toBe(41);
    await settle();
    socket().receive({ type: 'caught-up', seq: 41 });
    await settle();
    expect(states).toEqual(['connecting', 'connected', 'caught-up']);
  });

  it('takes caught-up arriving in the same read as the answer to hello', async () => {
    gateway.start();
    socket().receive({ type: 'ready', ...identity, heartbeatSeconds: 25 });
    const hello = await socket().next('hello');
    socket().receive({ type: 'ok', id: hello.id });
    socket().receive({ type: 'caught-up', seq: 0 });
    await settle();
    expect(states).toEqual(['connecting', 'connected', 'caught-up']);
  });

  it('starts over when the server refuses hello', async () => {
    gateway.start();
    socket().receive({ type: 'ready', ...identity, heartbeatSeconds: 25 });
    const hello = await socket().next('hello');
    socket().receive({ type: 'error', id: hello.id, code: 'INTERNAL', message: 'try again' });
    expect(socket(0).closedWith?.code).toBe(4000);
    expect(states).toEqual(['connecting', 'reconnecting']);
  });

  it('applies events in order and acks once they are applied, batched over 50 ms', async () => {
    gateway.start();
    await socket().accept(identity);
    deliver(socket(), 1, 3);
    await clock.advance(49);
    expect(sink.applied.map((event) => event.seq)).toEqual([1, 2, 3]);
    expect(socket().unread('ack')).toEqual([]);
    await clock.advance(1);
    expect(socket().unread('ack')).toMatchObject([{ type: 'ack', seq: 3 }]);
  });

  it('acks at once every 100 events, so the server never waits on its window of 500', async () => {
    create({ applyBatch: 50 });
    gateway.start();
    await socket().accept(identity);
    deliver(socket(), 1, 250);
    await settle();
    const acked = () =>
      socket()
        .unread('ack')
        .map((frame) => (frame as { seq: number }).seq);
    // Without waiting for the timer: one ack per (at least) 100 applied events.
    const [first = 0, second = 0, ...more] = acked();
    expect(more).toEqual([]);
    expect(first).toBeGreaterThanOrEqual(100);
    expect(second - first).toBeGreaterThanOrEqual(100);
    await clock.advance(50);
    expect(acked().at(-1)).toBe(250);
  });

  it('acks right away when the backlog ends, and only then reports caught-up', async () => {
    gateway.start();
    await socket().accept(identity);
    deliver(socket(), 1, 2);
    socket().receive({ type: 'caught-up', seq: 2 });
    await settle();
    expect(socket().unread('ack')).toMatchObject([{ seq: 2 }]);
    expect(states.at(-1)).toBe('caught-up');
  });

  it('does not apply an event twice when the server sends it again after a reconnect', async () => {
    gateway.start();
    await socket().accept(identity);
    deliver(socket(), 1, 3);
    await settle();
    socket().drop();
    await clock.advance(500);
    expect(await socket(1).accept(identity)).toBe(3);
    // An ack that was lost with the old connection: the server sends 2 and 3 again.
    deliver(socket(1), 2, 4);
    await clock.advance(50);
    expect(sink.applied.map((event) => event.seq)).toEqual([1, 2, 3, 4]);
    expect(socket(1).unread('ack')).toMatchObject([{ seq: 4 }]);
  });

  it('skips an event of an unknown type but still acks past it', async () => {
    gateway.start();
    await socket().accept(identity);
    // Typed loosely: no event type of this protocol version has this name.
    const unknownEvent: Record<string, unknown> = {
      type: 'event',
      seq: 1,
      event: { type: 'from-the-future', x: 1 },
    };
    socket().receive(unknownEvent);
    socket().receive({ type: 'caught-up', seq: 1 });
    await settle();
    expect(sink.applied).toEqual([{ seq: 1, event: null }]);
    expect(socket().unread('ack')).toMatchObject([{ seq: 1 }]);
  });

  it('does not ack what the store failed to apply, and starts over from the last applied event', async () => {
    gateway.start();
    await socket().accept(identity);
    sink.failNext = new Error('quota exceeded');
    deliver(socket(), 1, 2);
    await settle();
    expect(socket(0).closedWith?.code).toBe(4000);
    expect(socket(0).unread('ack')).toEqual([]);
    await clock.advance(500);
    expect(await socket(1).accept(identity)).toBe(0);
  });

  it('reconnects with growing, capped delays until the server answers', async () => {
    gateway.start();
    const retryDelays: number[] = [];
    gateway.on('state', (state) => {
      if (state.status === 'reconnecting') retryDelays.push(state.retryAt - clock.now());
    });
    for (let attempt = 0; attempt < 7; attempt += 1) {
      socket().drop(1006);
      await clock.advance(10_000);
    }
    // Equal jitter with random() = 0.5: three quarters of 500 ms doubling, capped at 10 s.
    expect(retryDelays).toEqual([375, 750, 1_500, 3_000, 6_000, 7_500, 7_500]);
    expect(sockets).toHaveLength(8);
    await socket().accept(identity);
    socket().receive({ type: 'caught-up', seq: 0 });
    socket().drop(1006);
    await settle();
    // Caught up once: the next drop starts the backoff over.
    expect(retryDelays.at(-1)).toBe(375);
  });

  it('stops for good when this device is signed out', async () => {
    gateway.start();
    await socket().accept(identity);
    const signedOut: ConnectionState[] = [];
    gateway.on('state', (state) => signedOut.push(state));
    socket().receive({ type: 'signed-out', reason: 'Signed out from your phone.' });
    socket().drop(4001, 'signed out');
    await clock.advance(60_000);
    expect(signedOut).toEqual([{ status: 'signed-out', reason: 'Signed out from your phone.' }]);
    expect(sockets).toHaveLength(1);
    gateway.start();
    expect(sockets).toHaveLength(1);
  });

  it('detects a dead connection by an unanswered ping and reconnects', async () => {
    gateway.start();
    await socket().accept(identity);
    await clock.advance(20_000);
    const ping = await socket().next('ping');
    socket().receive({ type: 'ok', id: ping.id });
    await clock.advance(20_000);
    await socket().next('ping');
    await clock.advance(9_999);
    expect(sockets).toHaveLength(1);
    await clock.advance(1);
    expect(socket(0).closedWith?.code).toBe(4000);
    expect(states.at(-1)).toBe('reconnecting');
  });

  it('gives up on a connection that never completes its handshake', async () => {
    gateway.start();
    await clock.advance(15_000);
    expect(socket(0).closedWith?.code).toBe(4000);
    expect(states).toEqual(['connecting', 'reconnecting']);
  });

  it('answers requests with their ok data or the error code, and times out', async () => {
    gateway.start();
    await socket().accept(identity);
    const sent = gateway.send('01HZZZZZZZZZZZZZZZZZZZZZZC', '01HZZZZZZZZZZZZZZZZZZZZZZM', {
      type: 'text',
      text: 'Hi',
    });
    const frame = await socket().next('send');
    socket().receive({
      type: 'ok',
      id: frame.id,
      data: { messageId: frame.messageId, sentAt: '2030-01-01T10:00:00.000Z' },
    });
    await expect(sent).resolves.toEqual({ messageId: frame.messageId, sentAt: '2030-01-01T10:00:00.000Z' });

    const refused = gateway.react('01HZZZZZZZZZZZZZZZZZZZZZZC', '01HZZZZZZZZZZZZZZZZZZZZZZM', '👍');
    const react = await socket().next('react');
    socket().receive({ type: 'error', id: react.id, code: 'FORBIDDEN', message: 'Not a member' });
    await expect(refused).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 });

    const unanswered = gateway.read('01HZZZZZZZZZZZZZZZZZZZZZZC', '01HZZZZZZZZZZZZZZZZZZZZZZM');
    const outcome = unanswered.catch((error: unknown) => error);
    await clock.advance(15_000);
    expect(isApiError(await outcome, 'NETWORK')).toBe(true);
  });

  it('rejects requests while not connected and those in flight when the connection drops', async () => {
    await expect(gateway.typing('01HZZZZZZZZZZZZZZZZZZZZZZC', 'typing')).rejects.toMatchObject({
      code: 'NETWORK',
    });
    gateway.start();
    await socket().accept(identity);
    const inFlight = gateway.typing('01HZZZZZZZZZZZZZZZZZZZZZZC', 'typing').catch((error: unknown) => error);
    await socket().next('typing');
    socket().drop();
    expect(isApiError(await inFlight, 'NETWORK')).toBe(true);
  });

  it('waits for the network instead of retrying while the browser is offline', async () => {
    gateway.start();
    await socket().accept(identity);
    online = false;
    socket().drop();
    await clock.advance(60_000);
    expect(states.at(-1)).toBe('offline');
    expect(sockets).toHaveLength(1);
    online = true;
    onOnline();
    expect(sockets).toHaveLength(2);
  });

  it('passes typing and presence signals on', async () => {
    const seen: unknown[] = [];
    gateway.on('typing', (signal) => seen.push(signal));
    gateway.on('presence', (presence) => seen.push(presence));
    gateway.start();
    await socket().accept(identity);
    const chatId = '01HZZZZZZZZZZZZZZZZZZZZZZC';
    socket().receive({ type: 'typing', chatId, userId: identity.userId, state: 'typing' });
    socket().receive({
      type: 'presence',
      presence: { userId: identity.userId, online: true, lastSeenAt: null },
    });
    expect(seen).toEqual([
      { chatId, userId: identity.userId, state: 'typing' },
      { userId: identity.userId, online: true, lastSeenAt: null },
    ]);
  });

  it('passes call frames on', async () => {
    const seen: unknown[] = [];
    gateway.on('call-incoming', (call) => seen.push(['incoming', call.id]));
    gateway.on('call-updated', (call) => seen.push(['updated', call.state]));
    gateway.on('call-signal', (signal) => seen.push(signal));
    gateway.start();
    await socket().accept(identity);
    const call = {
      id: '01HZZZZZZZZZZZZZZZZZZZZZZE',
      chatId: '01HZZZZZZZZZZZZZZZZZZZZZZC',
      kind: 'direct' as const,
      media: 'audio' as const,
      state: 'ringing' as const,
      transport: 'peer-to-peer' as const,
      caller: { id: identity.userId, phone: '+15550001', displayName: null, about: '', avatar: null },
      callerDeviceId: identity.deviceId,
      answeredDeviceId: null,
      participantIds: [identity.userId],
      ringingIds: [],
      startedAt: '2030-01-01T10:00:00.000Z',
      answeredAt: null,
      endedAt: null,
      outcome: null,
    };
    socket().receive({ type: 'call-incoming', call });
    socket().receive({ type: 'call-updated', call: { ...call, state: 'active' } });
    socket().receive({ type: 'call-signal', callId: call.id, signal: { kind: 'video-request' } });
    expect(seen).toEqual([
      ['incoming', call.id],
      ['updated', 'active'],
      { callId: call.id, signal: { kind: 'video-request' } },
    ]);
  });

  it('closes on stop, leaves no timers behind, and does not reconnect', async () => {
    gateway.start();
    await socket().accept(identity);
    gateway.stop();
    expect(socket().closedWith?.code).toBe(1000);
    expect(clock.pending).toBe(0);
    expect(states.at(-1)).toBe('offline');
    await clock.advance(60_000);
    expect(sockets).toHaveLength(1);
  });
});
