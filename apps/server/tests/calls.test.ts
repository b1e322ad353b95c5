import type { Call, CallConnection, ServerFrame } from '@parley/protocol';
import { startLoopbackStun } from '@parley/sfu/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestServer, storageModes, type TestServer } from './harness.ts';
import { deviceTracker, type TestDevice } from './test-device.ts';
import { TestParticipant } from './test-participant.ts';

const modes = await storageModes();

type Frame<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;

describe.each(modes)('calls from chats (%s storage)', (mode) => {
  let t: TestServer;
  // Rings end quickly here; the timeouts are what is tested, not their length.
  const env = {
    PARLEY_MEDIA_WORKERS: '1',
    PARLEY_CALL_RING_SECONDS: '2',
    PARLEY_CALL_RECONNECT_SECONDS: '1',
    PARLEY_TURN_URLS: 'turn:turn.example.test:3478',
    PARLEY_TURN_SECRET: 'test-turn-secret',
  };
  let stun: Awaited<ReturnType<typeof startLoopbackStun>>;
  const devices = deviceTracker(() => t.url);
  const api = (who: TestDevice, method: string, url: string, json?: unknown) =>
    call(t.url, method, url, { token: who.token, json });

  beforeAll(async () => {
    stun = await startLoopbackStun();
    t = await startTestServer(mode, { env });
  });
  afterAll(async () => {
    await t?.stop();
    await stun?.close();
  });
  afterEach(async () => {
    await devices.closeAll();
    expect(t.takeProblems()).toEqual([]);
  });

  /** Ann and Ben with a direct chat; Ben signed in on two devices. */
  async function pair() {
    const ann = await devices.signIn({ name: 'Ann' });
    const ben = await devices.signIn({ name: 'Ben' });
    const benPhone = (await api(ben, 'GET', '/api/v1/me')).body.phone as string;
    const benLaptop = await devices.signIn({ phone: benPhone });
    const chat = await api(ann, 'POST', '/api/v1/chats/direct', { userId: ben.userId });
    return { ann, ben, benLaptop, chatId: chat.body.id as string };
  }
  const frame = <T extends ServerFrame['type']>(
    who: TestDevice,
    type: T,
    match: (f: Frame<T>) => boolean = () => true,
  ) => who.until(() => who.live.find((f): f is Frame<T> => f.type === type && match(f as Frame<T>)));
  async function ok(who: TestDevice, request: Parameters<TestDevice['request']>[0]) {
    const answer = await who.request(request);
    if (answer.type !== 'ok') throw new Error(`${request.type}: ${JSON.stringify(answer)}`);
    return answer.data as CallConnection;
  }
  async function refused(who: TestDevice, request: Parameters<TestDevice['request']>[0]) {
    const answer = await who.request(request);
    return answer.type === 'error' ? answer.code : 'ok';
  }
  const callMessages = (who: TestDevice, chatId: string) =>
    who
      .eventsOf('message')
      .filter((e) => e.message.chatId === chatId && e.message.content.type === 'system')
      .map((e) => (e.message.content as { system: Record<string, unknown> }).system)
      .filter((system) => system.action === 'call');

  it('rings every device of the callee; answering on one stops the others; signaling flows between the two', async () => {
    const { ann, ben, benLaptop, chatId } = await pair();
    const started = await ok(ann, { type: 'call-start', chatId, media: 'video' });
    expect(started.call).toMatchObject({ state: 'ringing', transport: 'peer-to-peer', kind: 'direct' });
    expect(started.participantToken).toBeNull();
    // TURN credentials minted for the caller by the TURN REST scheme.
    expect(started.iceServers).toEqual([
      {
        urls: ['turn:turn.example.test:3478'],
        username: expect.stringMatching(new RegExp(`^\\d+:${ann.userId}$`)),
        credential: expect.any(String),
      },
    ]);
    const callId = started.call.id;
    for (const device of [ben, benLaptop]) {
      const ring = await frame(device, 'call-incoming', (f) => f.call.id === callId);
      expect(ring.call.caller).toMatchObject({ id: ann.userId, displayName: 'Ann' });
    }

    const answer = await ok(benLaptop, { type: 'call-accept', callId });
    expect(answer.call).toMatchObject({ state: 'active', answeredDeviceId: benLaptop.deviceId });
    // Answered once: the other device cannot take it too, and stops ringing.
    expect(await refused(ben, { type: 'call-accept', callId })).toBe('CALL_STATE');
    await frame(
      ben,
      'call-updated',
      (f) => f.call.id === callId && f.call.answeredDeviceId === benLaptop.deviceId,
    );
    await frame(ann, 'call-updated', (f) => f.call.id === callId && f.call.state === 'active');

    await ok(ann, { type: 'call-signal', callId, signal: { kind: 'offer', sdp: 'v=0 offer from ann' } });
    const offer = await frame(benLaptop, 'call-signal', (f) => f.callId === callId);
    expect(offer.signal).toEqual({ kind: 'offer', sdp: 'v=0 offer from ann' });
    await ok(benLaptop, {
      type: 'call-signal',
      callId,
      signal: { kind: 'answer', sdp: 'v=0 answer from ben' },
    });
    await frame(ann, 'call-signal', (f) => f.callId === callId && f.signal.kind === 'answer');
    // The device that did not answer is not in the call.
    expect(await refused(ben, { type: 'call-signal', callId, signal: { kind: 'video-request' } })).toBe(
      'CALL_STATE',
    );
    expect(ben.live.some((f) => f.type === 'call-signal')).toBe(false);

    // Peer-to-peer failed: both move to the call's SFU room.
    const relayed = await ok(ann, { type: 'call-relay', callId });
    expect(relayed.call.transport).toBe('sfu');
    expect(relayed.participantToken).toEqual(expect.any(String));
    await frame(benLaptop, 'call-updated', (f) => f.call.id === callId && f.call.transport === 'sfu');
    const joined = await ok(benLaptop, { type: 'call-join', callId });
    expect(joined.participantToken).toEqual(expect.any(String));
    // The room is the call's: it is not a meeting of anyone's.
    expect((await api(ann, 'GET', '/api/v1/meetings')).body).toEqual({ upcoming: [], past: [] });

    await ok(ann, { type: 'call-end', callId });
    await frame(benLaptop, 'call-updated', (f) => f.call.id === callId && f.call.state === 'ended');
    // Its room (never opened here) cannot be opened after the call.
    const room = await t.ctx.database.db
      .selectFrom('meetings')
      .innerJoin('calls', 'calls.meeting_id', 'meetings.id')
      .select('meetings.ended_at')
      .where('calls.id', '=', callId)
      .executeTakeFirstOrThrow();
    expect(room.ended_at).not.toBeNull();
    expect(await refused(ann, { type: 'call-signal', callId, signal: { kind: 'video-request' } })).toBe(
      'CALL_STATE',
    );
    const [message] = await ben.until(
      () => callMessages(ben, chatId).length > 0 && callMessages(ben, chatId),
    );
    expect(message).toMatchObject({ callId, media: 'video', outcome: 'answered' });

    const history = (await api(ben, 'GET', '/api/v1/calls')).body;
    expect(history.calls).toMatchObject([
      { call: { id: callId, outcome: 'answered' }, direction: 'incoming', missed: false },
    ]);
    expect((await api(ann, 'GET', '/api/v1/calls')).body.calls).toMatchObject([
      { direction: 'outgoing', missed: false },
    ]);
  });

  it('rings and relays signaling to a device connected to another node', async () => {
    const { ann, benLaptop, chatId } = await pair();
    // In scaled mode Ben's laptop is on a second node sharing the database and Redis.
    const node = mode === 'scaled' ? await startTestServer('scaled', { shareWith: t, env }) : t;
    try {
      await benLaptop.close();
      await benLaptop.connect(node.url);
      const started = await ok(ann, { type: 'call-start', chatId, media: 'audio' });
      const callId = started.call.id;
      await frame(benLaptop, 'call-incoming', (f) => f.call.id === callId);
      await ok(benLaptop, { type: 'call-accept', callId });
      await ok(ann, { type: 'call-signal', callId, signal: { kind: 'offer', sdp: 'v=0 offer from ann' } });
      const offer = await frame(benLaptop, 'call-signal', (f) => f.callId === callId);
      expect(offer.signal).toEqual({ kind: 'offer', sdp: 'v=0 offer from ann' });
      await ok(benLaptop, { type: 'call-signal', callId, signal: { kind: 'answer', sdp: 'v=0 answer' } });
      await frame(ann, 'call-signal', (f) => f.callId === callId && f.signal.kind === 'answer');
      await ok(benLaptop, { type: 'call-end', callId });
      const ended = await frame(ann, 'call-updated', (f) => f.call.id === callId && f.call.state === 'ended');
      expect(ended.call.outcome).toBe('answered');
      // Ended once: one message in the chat, though both nodes sweep calls.
      await ann.until(() => callMessages(ann, chatId).length > 0);
      expect(callMessages(ann, chatId)).toHaveLength(1);
    } finally {
      if (node !== t) await node.stop();
    }
  });

  it('lets one of two calls started at once in a chat through, and moves a call to one room when both sides ask', async () => {
    const { ann, ben, chatId } = await pair();
    const answers = await Promise.all(
      [ann, ben].map((who) => who.request({ type: 'call-start', chatId, media: 'audio' })),
    );
    expect(answers.map((answer) => (answer.type === 'ok' ? 'ok' : answer.code)).sort()).toEqual([
      'CALL_STATE',
      'ok',
    ]);
    const [caller, callee] = answers[0]?.type === 'ok' ? [ann, ben] : [ben, ann];
    const won = answers.find((answer) => answer.type === 'ok');
    if (won?.type !== 'ok') throw new Error('no call started');
    const callId = (won.data as CallConnection).call.id;
    await ok(callee, { type: 'call-accept', callId });
    await Promise.all([caller, callee].map((who) => ok(who, { type: 'call-relay', callId })));
    const rooms = await t.ctx.database.db
      .selectFrom('meetings')
      .select('id')
      .where('code', 'like', 'call-%')
      .where('owner_id', '=', caller.userId)
      .execute();
    expect(rooms).toHaveLength(1);
    await ok(caller, { type: 'call-end', callId });
  });

  it('ends a declined call, and counts a call nobody answers as missed', async () => {
    const { ann, ben, benLaptop, chatId } = await pair();
    const declinedCall = await ok(ann, { type: 'call-start', chatId, media: 'audio' });
    await frame(ben, 'call-incoming');
    await ok(ben, { type: 'call-decline', callId: declinedCall.call.id });
    await frame(
      ann,
      'call-updated',
      (f) => f.call.id === declinedCall.call.id && f.call.outcome === 'declined',
    );
    await frame(
      benLaptop,
      'call-updated',
      (f) => f.call.id === declinedCall.call.id && f.call.state === 'ended',
    );

    const unanswered = await ok(ann, { type: 'call-start', chatId, media: 'audio' });
    const ended = await frame(
      ben,
      'call-updated',
      (f) => f.call.id === unanswered.call.id && f.call.state === 'ended',
    );
    expect(ended.call.outcome).toBe('missed');
    const messages = await ben.until(
      () => callMessages(ben, chatId).length === 2 && callMessages(ben, chatId),
    );
    expect(messages.map((m) => m.outcome)).toEqual(['declined', 'missed']);

    const history = (await api(ben, 'GET', '/api/v1/calls?limit=1')).body;
    expect(history.calls).toMatchObject([
      { call: { id: unanswered.call.id }, direction: 'incoming', missed: true, durationSeconds: 0 },
    ]);
    const older = (await api(ben, 'GET', `/api/v1/calls?limit=1&before=${history.nextBefore}`)).body;
    expect(older.calls).toMatchObject([{ call: { id: declinedCall.call.id }, missed: false }]);
    expect(older.nextBefore).toBeNull();
    // The caller cancelled before an answer: the callee still sees it as missed.
    const cancelled = await ok(ann, { type: 'call-start', chatId, media: 'video' });
    await frame(benLaptop, 'call-incoming', (f) => f.call.id === cancelled.call.id);
    await ok(ann, { type: 'call-end', callId: cancelled.call.id });
    await frame(
      benLaptop,
      'call-updated',
      (f) => f.call.id === cancelled.call.id && f.call.outcome === 'cancelled',
    );
    expect((await api(ben, 'GET', '/api/v1/calls?limit=1')).body.calls[0]).toMatchObject({ missed: true });
  });

  it('runs group calls in an SFU room that members join late, up to the limit', async () => {
    const ann = await devices.signIn({ name: 'Ann' });
    const ben = await devices.signIn({ name: 'Ben' });
    const cat = await devices.signIn({ name: 'Cat' });
    const group = await api(ann, 'POST', '/api/v1/chats/groups', {
      title: 'Team',
      memberIds: [ben.userId, cat.userId],
    });
    const chatId = group.body.id as string;
    const started = await ok(ann, { type: 'call-start', chatId, media: 'video' });
    expect(started.call).toMatchObject({ kind: 'group', transport: 'sfu', participantIds: [ann.userId] });
    expect(started.call.ringingIds.sort()).toEqual([ben.userId, cat.userId].sort());
    expect(started.participantToken).toEqual(expect.any(String));
    await frame(ben, 'call-incoming');
    await frame(cat, 'call-incoming');
    const benIn = await ok(ben, { type: 'call-accept', callId: started.call.id });
    expect(benIn.participantToken).toEqual(expect.any(String));
    expect(benIn.call.ringingIds).toEqual([cat.userId]);
    expect(await refused(ann, { type: 'call-start', chatId, media: 'audio' })).toBe('CALL_STATE');

    // Cat does not answer; the ring stops, and she joins late from the chat.
    await frame(
      cat,
      'call-updated',
      (f) =>
        f.call.id === started.call.id &&
        !f.call.participantIds.includes(cat.userId) &&
        f.call.state === 'active',
    );
    const active = (await api(cat, 'GET', '/api/v1/calls/active')).body.calls as Call[];
    expect(active.map((c) => c.id)).toEqual([started.call.id]);
    const late = await ok(cat, { type: 'call-join', callId: started.call.id });
    expect(late.call.participantIds.sort()).toEqual([ann.userId, ben.userId, cat.userId].sort());

    // The last one to leave ends it.
    for (const who of [ann, ben, cat]) await ok(who, { type: 'call-end', callId: started.call.id });
    await frame(cat, 'call-updated', (f) => f.call.id === started.call.id && f.call.state === 'ended');
    expect((await api(cat, 'GET', '/api/v1/calls/active')).body.calls).toEqual([]);
  });

  it('tells every device who still rings when a member declines a group call', async () => {
    const ann = await devices.signIn({ name: 'Ann' });
    const ben = await devices.signIn({ name: 'Ben' });
    const benPhone = (await api(ben, 'GET', '/api/v1/me')).body.phone as string;
    const benLaptop = await devices.signIn({ phone: benPhone });
    const cat = await devices.signIn({ name: 'Cat' });
    const group = await api(ann, 'POST', '/api/v1/chats/groups', {
      title: 'Team',
      memberIds: [ben.userId, cat.userId],
    });
    const started = await ok(ann, { type: 'call-start', chatId: group.body.id, media: 'audio' });
    await frame(benLaptop, 'call-incoming');
    await ok(ben, { type: 'call-decline', callId: started.call.id });
    // Ben's laptop learns that Ben no longer rings, and stops; Cat still rings.
    const update = await frame(benLaptop, 'call-updated', (f) => f.call.id === started.call.id);
    expect(update.call.ringingIds).toEqual([cat.userId]);
    expect(await refused(benLaptop, { type: 'call-decline', callId: started.call.id })).toBe('CALL_STATE');
    // Cat declines too: nobody is left to come, and Ann stops waiting.
    await ok(cat, { type: 'call-decline', callId: started.call.id });
    const ended = await frame(
      ann,
      'call-updated',
      (f) => f.call.id === started.call.id && f.call.state === 'ended',
    );
    expect(ended.call.outcome).toBe('declined');
  });

  it('takes someone who left a group call room out of the call; the last one out ends it', async () => {
    const { ann, ben, benLaptop } = await pair();
    const group = await api(ann, 'POST', '/api/v1/chats/groups', { title: 'Pair', memberIds: [ben.userId] });
    const started = await ok(ann, { type: 'call-start', chatId: group.body.id, media: 'audio' });
    const callId = started.call.id;
    const benIn = await ok(ben, { type: 'call-accept', callId });
    const laptopIn = await ok(benLaptop, { type: 'call-join', callId });
    const rooms = await Promise.all(
      [started, benIn, laptopIn].map((joined) =>
        TestParticipant.enter(t.url, stun.url, joined.participantToken as string),
      ),
    );
    // Ben leaves on his phone but is still there on his laptop: still in the call.
    await rooms[1]?.ok({ type: 'leave' });
    const [active] = (await api(ann, 'GET', '/api/v1/calls/active')).body.calls as Call[];
    expect(active?.participantIds.sort()).toEqual([ann.userId, ben.userId].sort());
    // Then his laptop's tab goes (here it leaves the room; a lost connection gets there after the grace).
    await rooms[2]?.ok({ type: 'leave' });
    const update = await frame(
      ann,
      'call-updated',
      (f) =>
        f.call.id === started.call.id &&
        f.call.state === 'active' &&
        !f.call.participantIds.includes(ben.userId),
    );
    expect(update.call.participantIds).toEqual([ann.userId]);
    await rooms[0]?.ok({ type: 'leave' });
    await frame(ben, 'call-updated', (f) => f.call.id === started.call.id && f.call.state === 'ended');
  });

  it('cancels a group call whose caller leaves its room before anyone answers', async () => {
    const ann = await devices.signIn({ name: 'Ann' });
    const ben = await devices.signIn({ name: 'Ben' });
    const group = await api(ann, 'POST', '/api/v1/chats/groups', { title: 'Solo', memberIds: [ben.userId] });
    const started = await ok(ann, { type: 'call-start', chatId: group.body.id, media: 'audio' });
    const room = await TestParticipant.enter(t.url, stun.url, started.participantToken as string);
    await room.ok({ type: 'leave' });
    const ended = await frame(
      ben,
      'call-updated',
      (f) => f.call.id === started.call.id && f.call.state === 'ended',
    );
    expect(ended.call.outcome).toBe('cancelled');
  });

  it('ends a direct call when one of its devices has gone offline for the reconnect time', async () => {
    const { ann, benLaptop, chatId } = await pair();
    const started = await ok(ann, { type: 'call-start', chatId, media: 'audio' });
    await ok(benLaptop, { type: 'call-accept', callId: started.call.id });
    // The laptop's network goes and does not come back (PARLEY_CALL_RECONNECT_SECONDS is 1 here).
    await benLaptop.drop();
    const ended = await frame(
      ann,
      'call-updated',
      (f) => f.call.id === started.call.id && f.call.state === 'ended',
    );
    expect(ended.call.outcome).toBe('answered');
  });

  it('lets only chat members call or join, and refuses bad frames', async () => {
    const { ann, ben, chatId } = await pair();
    const stranger = await devices.signIn({ name: 'Eve' });
    expect(await refused(stranger, { type: 'call-start', chatId, media: 'audio' })).toBe('CHAT_NOT_FOUND');
    const started = await ok(ann, { type: 'call-start', chatId, media: 'audio' });
    for (const type of ['call-accept', 'call-decline', 'call-join', 'call-relay'] as const)
      expect(await refused(stranger, { type, callId: started.call.id })).toBe('CALL_NOT_FOUND');
    expect(await refused(ann, { type: 'call-accept', callId: started.call.id })).toBe('CALL_STATE');
    // Signaling before the answer is stale.
    expect(
      await refused(ann, {
        type: 'call-signal',
        callId: started.call.id,
        signal: { kind: 'offer', sdp: 'v=0 an early offer' },
      }),
    ).toBe('CALL_STATE');
    const bad = await ben.request({
      type: 'call-signal',
      callId: started.call.id,
      signal: { kind: 'offer' },
    } as never);
    expect(bad).toMatchObject({ type: 'error', code: 'VALIDATION_FAILED' });
    await ok(ann, { type: 'call-end', callId: started.call.id });
    expect(await refused(ben, { type: 'call-accept', callId: started.call.id })).toBe('CALL_STATE');
    expect((await api(stranger, 'GET', '/api/v1/calls')).body.calls).toEqual([]);
  });
});
