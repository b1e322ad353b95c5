import { once } from 'node:events';
import { startLoopbackStun } from '@parley/sfu/testing';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { call, signIn, startTestServer, storageModes } from './harness.ts';
import { createMeeting, type JoinOptions, meetingTests, TestParticipant } from './test-participant.ts';

const modes = await storageModes();

describe.each(modes)('meeting rooms (%s storage)', (mode) => {
  const suite = meetingTests(mode);
  const { join } = suite;

  /** An owner with a live meeting they host, and its credentials. */
  async function hostedMeeting(settings: Record<string, unknown> = {}) {
    const owner = await signIn(suite.t.url);
    await call(suite.t.url, 'PATCH', '/api/v1/me', {
      token: owner.token,
      json: { displayName: 'Hosting Hanna' },
    });
    const { meeting, link } = await createMeeting(suite.t.url, owner.token, {
      title: 'Room test',
      passcode: 'pass1',
      ...settings,
    });
    const host = await join({ credentials: link, session: owner.token });
    const joined = await host.next('joined');
    return { owner, meeting, link, host, joined };
  }

  /** A guest through the waiting room, admitted by `host`. */
  async function admittedGuest(host: TestParticipant, credentials: JoinOptions['credentials'], name: string) {
    const guest = await join({ credentials, displayName: name, guestKey: `guest-key-${name}-${Date.now()}` });
    await guest.next('waiting');
    await host.next('waiting-room', (f) => f.waiting.some((w) => w.participantId === guest.participantId));
    await host.ok({ type: 'admit', participantId: guest.participantId });
    await guest.next('joined');
    await host.next('participant-joined', (f) => f.participant.id === guest.participantId);
    return guest;
  }

  it('lets the owner in as host and guests through the waiting room', async () => {
    const { host, joined, link, meeting } = await hostedMeeting();
    expect(joined.participants).toEqual([
      expect.objectContaining({ id: host.participantId, role: 'host', displayName: 'Hosting Hanna' }),
    ]);
    expect(joined.room).toMatchObject({
      title: 'Room test',
      code: meeting.code,
      locked: false,
      joinUrl: meeting.joinUrl,
    });

    const byLink = await join({ credentials: link, displayName: 'Link guest' });
    expect((await byLink.next('waiting')).title).toBe('Room test');
    const byCode = await join({
      credentials: { code: meeting.code, passcode: 'pass1' },
      displayName: 'Code guest',
    });
    await byCode.next('waiting');
    const waiting = await host.next('waiting-room', (f) => f.waiting.length === 2);
    expect(waiting.waiting.map((w) => w.displayName)).toEqual(['Link guest', 'Code guest']);
    // Waiting people cannot act in the meeting.
    expect((await byLink.request({ type: 'chat', text: 'let me in' })).type).toBe('error');

    await host.ok({ type: 'deny', participantId: byCode.participantId });
    await byCode.next('denied');
    expect(await byCode.closed()).toBe(4003);

    await host.ok({ type: 'admit' });
    const entered = await byLink.next('joined');
    expect(entered.participants.map((p) => p.displayName).sort()).toEqual(['Hosting Hanna', 'Link guest']);
    expect(entered.waiting).toEqual([]);
    const preview = await call(suite.t.url, 'POST', '/api/v1/meetings/preview', { json: link });
    expect(preview.body.state).toBe('live');
  });

  it('skips the waiting room when it is off', async () => {
    const { host, link } = await hostedMeeting({ waitingRoom: false });
    const guest = await join({ credentials: link, displayName: 'Walk-in' });
    await guest.next('joined');
    await host.next('participant-joined', (f) => f.participant.displayName === 'Walk-in');
  });

  it('applies every host control and tells the people affected', async () => {
    const { host, link } = await hostedMeeting();
    const guest = await admittedGuest(host, link, 'Gus');
    host.autoSubscribe();
    await guest.publish();
    const guestOn = await host.next('participant-updated', (f) => f.participant.id === guest.participantId);
    expect(guestOn.participant).toMatchObject({ audioOn: true, videoOn: true });
    await guest.next(
      'participant-updated',
      (f) => f.participant.id === guest.participantId && f.participant.audioOn,
    );

    await host.ok({ type: 'mute', participantId: guest.participantId });
    expect(await guest.next('notice')).toMatchObject({ kind: 'muted', by: 'Hosting Hanna' });
    const muted = await host.next('participant-updated', (f) => f.participant.id === guest.participantId);
    expect(muted.participant.audioOn).toBe(false);
    await guest.next(
      'participant-updated',
      (f) => f.participant.id === guest.participantId && !f.participant.audioOn,
    );

    await host.ok({ type: 'ask-unmute', participantId: guest.participantId });
    expect(await guest.next('notice')).toMatchObject({ kind: 'ask-unmute' });
    // Asking never unmutes: the guest decides.
    expect(guest.frames.some((f) => f.type === 'participant-updated' && f.participant.audioOn)).toBe(false);
    await guest.ok({ type: 'set-media', source: 'mic', on: true });
    await host.next(
      'participant-updated',
      (f) => f.participant.id === guest.participantId && f.participant.audioOn,
    );

    await host.ok({ type: 'stop-video', participantId: guest.participantId });
    expect(await guest.next('notice')).toMatchObject({ kind: 'video-stopped' });
    await host.next(
      'participant-updated',
      (f) => f.participant.id === guest.participantId && !f.participant.videoOn,
    );

    await host.ok({ type: 'rename', participantId: guest.participantId, name: 'Gus (guest)' });
    await guest.next('participant-updated', (f) => f.participant.displayName === 'Gus (guest)');

    await guest.ok({ type: 'hand', raised: true });
    await host.next('participant-updated', (f) => f.participant.handRaisedAt !== null);
    await host.ok({ type: 'lower-hand', participantId: guest.participantId });
    await guest.next('participant-updated', (f) => f.participant.handRaisedAt === null);

    await guest.ok({ type: 'react', emoji: '👍' });
    expect(await host.next('reaction')).toMatchObject({ participantId: guest.participantId, emoji: '👍' });

    await host.ok({ type: 'set-role', participantId: guest.participantId, role: 'cohost' });
    await guest.next('notice', (f) => f.kind === 'role-changed');
    await guest.next('participant-updated', (f) => f.participant.role === 'cohost');

    await host.ok({ type: 'lock', locked: true });
    await guest.next('room-updated', (f) => f.room.locked);
    const late = await call(suite.t.url, 'POST', '/api/v1/meetings/join', {
      json: { ...link, displayName: 'Late' },
    });
    expect(late.body.error.code).toBe('MEETING_LOCKED');
    await host.ok({ type: 'lock', locked: false });

    await host.ok({ type: 'remove', participantId: guest.participantId });
    expect(await guest.next('removed')).toMatchObject({ by: 'Hosting Hanna' });
    expect(await guest.closed()).toBe(4004);
    await host.next(
      'participant-left',
      (f) => f.participantId === guest.participantId && f.reason === 'removed',
    );
    const again = await call(suite.t.url, 'POST', '/api/v1/meetings/join', {
      json: { ...link, displayName: 'Gus again', guestKey: 'some-other-browser-key' },
    });
    expect(again.status).toBe(201);
    // The same token cannot come back either.
    await guest.connect();
    expect((await guest.next('error')).code).toBe('REMOVED_FROM_MEETING');
    expect(await guest.closed()).toBe(4006);
  });

  it('keeps host controls to hosts, and some to the host alone', async () => {
    const { host, link } = await hostedMeeting({ waitingRoom: false });
    const alice = await join({ credentials: link, displayName: 'Alice' });
    await alice.next('joined');
    const bob = await join({ credentials: link, displayName: 'Bob' });
    await bob.next('joined');
    const target = bob.participantId;
    const controls = [
      { type: 'admit' },
      { type: 'mute' },
      { type: 'mute', participantId: target },
      { type: 'ask-unmute', participantId: target },
      { type: 'stop-video', participantId: target },
      { type: 'remove', participantId: target },
      { type: 'lower-hand', participantId: target },
      { type: 'lock', locked: true },
      { type: 'multi-share', allowed: true },
      { type: 'rename', participantId: target, name: 'Nope' },
      { type: 'set-role', participantId: target, role: 'cohost' },
      { type: 'make-host', participantId: target },
      { type: 'end' },
    ] as const;
    for (const control of controls) {
      const answer = await alice.request(control);
      expect({ control: control.type, answer }).toMatchObject({
        control: control.type,
        answer: { type: 'error', code: 'NOT_MEETING_HOST' },
      });
    }
    // Anyone may rename themselves.
    await alice.ok({ type: 'rename', participantId: alice.participantId, name: 'Alice B.' });

    await host.ok({ type: 'set-role', participantId: alice.participantId, role: 'cohost' });
    await alice.next(
      'participant-updated',
      (f) => f.participant.id === alice.participantId && f.participant.role === 'cohost',
    );
    await alice.ok({ type: 'mute', participantId: target });
    for (const hostOnly of [
      { type: 'set-role', participantId: target, role: 'cohost' },
      { type: 'make-host', participantId: target },
      { type: 'end' },
    ] as const) {
      expect(await alice.request(hostOnly)).toMatchObject({ type: 'error', code: 'NOT_MEETING_HOST' });
    }
    expect(await alice.request({ type: 'remove', participantId: host.participantId })).toMatchObject({
      type: 'error',
      code: 'NOT_MEETING_HOST',
    });
    expect(await alice.request({ type: 'mute', participantId: '01HZZZZZZZZZZZZZZZZZZZZZZZ' })).toMatchObject({
      code: 'PARTICIPANT_NOT_FOUND',
    });

    await host.ok({ type: 'make-host', participantId: bob.participantId });
    await bob.next(
      'participant-updated',
      (f) => f.participant.id === bob.participantId && f.participant.role === 'host',
    );
    await bob.next(
      'participant-updated',
      (f) => f.participant.id === host.participantId && f.participant.role === 'cohost',
    );
  });

  it('passes the host role on when the host leaves, and ends with the last person', async () => {
    const { host, link, meeting, owner } = await hostedMeeting({ waitingRoom: false });
    const guest = await join({ credentials: link, displayName: 'Heir' });
    await guest.next('joined');
    await guest.ok({ type: 'chat', text: 'hello all' });
    await host.ok({ type: 'leave' });
    expect(await host.closed()).toBe(4000);
    await guest.next(
      'participant-left',
      (f) => f.participantId === host.participantId && f.reason === 'left',
    );
    await guest.next(
      'participant-updated',
      (f) => f.participant.id === guest.participantId && f.participant.role === 'host',
    );

    await guest.ok({ type: 'leave' });
    await guest.closed();
    const list = await call(suite.t.url, 'GET', '/api/v1/meetings', { token: owner.token });
    const past = list.body.past.find((m: { id: string }) => m.id === meeting.id);
    expect(past.endedAt).not.toBeNull();
    expect(past.metrics).toMatchObject({ maxParticipants: 2, chatMessages: 1 });
    expect(past.metrics.avgParticipants).toBeGreaterThan(0);
    expect(past.metrics.avgParticipants).toBeLessThanOrEqual(2);
    const late = await call(suite.t.url, 'POST', '/api/v1/meetings/join', {
      json: { ...link, displayName: 'Late' },
    });
    expect(late.body.error.code).toBe('MEETING_ENDED');
    expect((await call<string>(suite.t.url, 'GET', '/metrics')).body).toMatch(
      /parley_meetings_ended_total [1-9]/,
    );
  });

  it('ends the meeting for everyone when the host ends it', async () => {
    const { host, link } = await hostedMeeting();
    const guest = await admittedGuest(host, link, 'Viewer');
    const waiter = await join({ credentials: link, displayName: 'Still waiting' });
    await waiter.next('waiting');
    await host.ok({ type: 'end' });
    expect(await host.closed()).toBe(4005);
    for (const person of [guest, waiter]) {
      expect(await person.next('ended')).toEqual({ type: 'ended', by: 'Hosting Hanna' });
      expect(await person.closed()).toBe(4005);
    }
  });

  it('keeps a dropped participant as reconnecting, with their role, until they return', async () => {
    const { host, link } = await hostedMeeting({ waitingRoom: false });
    const guest = await join({ credentials: link, displayName: 'Flaky' });
    await guest.next('joined');
    await host.next('participant-joined');
    await host.ok({ type: 'set-role', participantId: guest.participantId, role: 'cohost' });
    guest.drop();
    await host.next(
      'participant-updated',
      (f) => f.participant.id === guest.participantId && f.participant.connection === 'reconnecting',
    );
    await guest.connect();
    const back = await guest.next('joined');
    expect(back.participants.find((p) => p.id === guest.participantId)).toMatchObject({
      role: 'cohost',
      connection: 'connected',
    });
    await host.next(
      'participant-updated',
      (f) => f.participant.id === guest.participantId && f.participant.connection === 'connected',
    );
    expect(host.frames.some((f) => f.type === 'participant-left' || f.type === 'participant-joined')).toBe(
      false,
    );
  });

  it('carries chat to everyone or privately, with files only the right people can download', async () => {
    const { host, link, owner, meeting } = await hostedMeeting({ waitingRoom: false });
    const alice = await join({ credentials: link, displayName: 'Alice' });
    await alice.next('joined');
    const bob = await join({ credentials: link, displayName: 'Bob' });
    await bob.next('joined');

    const upload = await call(suite.t.url, 'POST', '/api/v1/meetings/files?name=notes.txt', {
      headers: { 'content-type': 'text/plain', 'x-participant-token': alice.token },
      body: 'the notes',
    });
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ name: 'notes.txt', size: 9, contentType: 'text/plain' });
    await alice.ok({ type: 'chat', text: 'for you', to: host.participantId, fileId: upload.body.id });
    const privately = await host.next('chat');
    expect(privately.message).toMatchObject({
      text: 'for you',
      from: { displayName: 'Alice' },
      to: { participantId: host.participantId },
      file: { id: upload.body.id },
    });
    await alice.next('chat');
    await alice.ok({ type: 'chat', text: 'hi everyone' });
    expect((await bob.next('chat')).message.text).toBe('hi everyone');
    expect(bob.frames.some((f) => f.type === 'chat' && f.message.text === 'for you')).toBe(false);

    const download = (token: string) =>
      call(suite.t.url, 'GET', `/api/v1/meetings/files/${upload.body.id}`, {
        headers: { 'x-participant-token': token },
      });
    expect((await download(host.token)).body).toBe('the notes');
    expect((await download(bob.token)).body.error.code).toBe('FILE_NOT_FOUND');
    // Bob's own file id in someone else's message is refused; so are files of other meetings.
    expect(
      (await alice.request({ type: 'chat', text: 'x', fileId: '01HZZZZZZZZZZZZZZZZZZZZZZZ' })).type,
    ).toBe('error');

    // Coming back, each sees the chat they may see.
    bob.drop();
    await bob.connect();
    expect((await bob.next('joined')).chat.map((m) => m.text)).toEqual(['hi everyone']);
    const transcript = await call(suite.t.url, 'GET', `/api/v1/meetings/${meeting.id}/chat`, {
      token: owner.token,
    });
    expect(transcript.body.messages.map((m: { text: string }) => m.text)).toEqual(['for you', 'hi everyone']);
  });

  it('answers bad frames with error frames and keeps going', async () => {
    const { host } = await hostedMeeting();
    host.sendRaw('not json');
    expect((await host.next('error')).code).toBe('INVALID_JSON');
    host.sendRaw(JSON.stringify({ type: 'mute', id: 'x1', participantId: 'not-an-id' }));
    expect((await host.next('error')).code).toBe('VALIDATION_FAILED');
    host.sendRaw(JSON.stringify({ type: 'teleport', id: 'x2' }));
    expect((await host.next('error')).code).toBe('VALIDATION_FAILED');
    const garbage = await host.request({ type: 'publish', sdp: 'v=0 but not really an sdp', tracks: [] });
    expect(garbage).toMatchObject({ type: 'error', code: 'INVALID_SDP' });
    const noAnswerWanted = await host.request({ type: 'subscribe-answer', sdp: 'v=0\r\nnothing here' });
    expect(noAnswerWanted).toMatchObject({ type: 'error', code: 'CONFLICT' });
    expect((await host.request({ type: 'ping' })).type).toBe('ok');
  });

  it('limits how fast one participant may send frames, without disturbing anyone else', async () => {
    const { host, link } = await hostedMeeting({ waitingRoom: false });
    const noisy = await join({ credentials: link, displayName: 'Noisy' });
    await noisy.next('joined');
    const answers = await Promise.all(Array.from({ length: 260 }, () => noisy.request({ type: 'ping' })));
    const limited = answers.filter((answer) => answer.type === 'error');
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await host.request({ type: 'ping' })).type).toBe('ok');
  });

  it('refuses sockets with forged or missing tokens (4001, do not reconnect)', async () => {
    const { link } = await hostedMeeting();
    const ticket = await call(suite.t.url, 'POST', '/api/v1/meetings/join', {
      json: { ...link, displayName: 'Forger' },
    });
    const real: string = ticket.body.participantToken;
    for (const query of [`?token=${real.slice(0, -3)}abc`, '', '?token=x']) {
      const socket = new WebSocket(`${suite.t.url.replace('http', 'ws')}/api/v1/meetings/socket${query}`);
      const frames: unknown[] = [];
      socket.on('message', (data) => frames.push(JSON.parse(String(data))));
      const [code] = await once(socket, 'close');
      expect({ query, code, frames }).toMatchObject({
        query,
        code: 4001,
        frames: [{ code: 'INVALID_JOIN_TOKEN' }],
      });
    }
  });
});

describe('meeting size limit', () => {
  it('refuses people beyond PARLEY_MEETING_MAX_PARTICIPANTS, waiting room included', async () => {
    const stun = await startLoopbackStun();
    const small = await startTestServer('embedded', {
      env: { PARLEY_MEDIA_WORKERS: '1', PARLEY_MEETING_MAX_PARTICIPANTS: '2' },
    });
    const people: TestParticipant[] = [];
    try {
      const owner = await signIn(small.url);
      const { link } = await createMeeting(small.url, owner.token, { title: 'Small' });
      const host = await TestParticipant.join(small.url, stun.url, {
        credentials: link,
        session: owner.token,
      });
      people.push(host);
      await host.next('joined');
      const waiting = await TestParticipant.join(small.url, stun.url, {
        credentials: link,
        displayName: 'Second',
      });
      people.push(waiting);
      await waiting.next('waiting');
      const third = await call(small.url, 'POST', '/api/v1/meetings/join', {
        json: { ...link, displayName: 'Third' },
      });
      expect(third.status).toBe(409);
      expect(third.body.error.code).toBe('MEETING_FULL');
    } finally {
      await Promise.all(people.map((p) => p.close()));
      await small.stop();
      await stun.close();
    }
  });
});

describe.runIf(modes.includes('scaled'))('meetings across nodes (scaled storage)', () => {
  it('forwards sockets to the node hosting the meeting, so everyone meets in one room', async () => {
    const stun = await startLoopbackStun();
    const first = await startTestServer('scaled', { env: { PARLEY_MEDIA_WORKERS: '1' } });
    const second = await startTestServer('scaled', { shareWith: first, env: { PARLEY_MEDIA_WORKERS: '1' } });
    const people: TestParticipant[] = [];
    try {
      const owner = await signIn(first.url);
      const { meeting, link } = await createMeeting(first.url, owner.token, {
        title: 'Two nodes',
        waitingRoom: false,
      });
      const host = await TestParticipant.join(first.url, stun.url, {
        credentials: link,
        session: owner.token,
      });
      people.push(host);
      await host.next('joined');
      const guest = await TestParticipant.join(second.url, stun.url, {
        credentials: link,
        displayName: 'Far away',
      });
      people.push(guest);
      const joined = await guest.next('joined');
      expect(joined.participants.map((p) => p.id)).toContain(host.participantId);
      await host.next('participant-joined', (f) => f.participant.id === guest.participantId);
      guest.autoSubscribe();
      await host.publish();
      await guest.receives(host.participantId, 'mic');
      await guest.ok({ type: 'chat', text: 'through the relay' });
      expect((await host.next('chat')).message.text).toBe('through the relay');
      expect(second.ctx.rooms.get(meeting.id)).toBeUndefined();
      expect(first.ctx.rooms.get(meeting.id)).toBeDefined();
    } finally {
      await Promise.all(people.map((p) => p.close()));
      await second.stop();
      await first.stop();
      await stun.close();
    }
  });
});
