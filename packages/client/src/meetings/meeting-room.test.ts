import { meetingCloseCodes } from '@parley/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { settle } from '../testing/manual-clock.ts';
import { alice, bob, joinedFrame, me, meetingHarness, participant } from '../testing/meeting-harness.ts';

type Harness = ReturnType<typeof meetingHarness>;

describe('MeetingRoom', () => {
  let h: Harness;

  afterEach(() => h.checkFrames());

  it('connects while it opens the devices, waits in the waiting room, then joins', async () => {
    h = meetingHarness();
    await h.room.join({ audio: true, video: false });
    expect(h.socket().url).toBe('wss://parley.test/api/v1/meetings/socket?token=mpt_token');
    expect(h.room.getSnapshot().status).toEqual({ status: 'connecting' });
    h.socket().receive({ type: 'waiting', title: 'Standup' });
    expect(h.room.getSnapshot().status).toEqual({ status: 'waiting', title: 'Standup' });
    await h.admit();
    const snapshot = h.room.getSnapshot();
    expect(snapshot.status).toEqual({ status: 'joined' });
    expect(snapshot.participantId).toBe(me);
    expect(snapshot.participants.map((p) => p.displayName)).toEqual(['Me', 'Alice']);
    expect(h.statuses).toEqual(['connecting', 'waiting', 'joined']);
  });

  it('gives the state of each joined frame to the listeners of `state`', async () => {
    h = meetingHarness();
    let seen: string[] = [];
    h.room.on('state', () => {
      seen = h.room.getSnapshot().participants.map((p) => p.id);
    });
    await h.room.join({ audio: true, video: false });
    await h.admit();
    expect(seen).toEqual([me, alice]);
  });

  it('keeps one snapshot object until something changes, and tells subscribers when it does', async () => {
    h = meetingHarness();
    let calls = 0;
    h.room.subscribe(() => {
      calls += 1;
    });
    const idle = h.room.getSnapshot();
    expect(h.room.getSnapshot()).toBe(idle);
    await h.room.join({ audio: true, video: false });
    await h.admit();
    const joined = h.room.getSnapshot();
    expect(joined).not.toBe(idle);
    const before = calls;
    h.socket().receive({ type: 'active-speaker', participantId: null });
    expect(h.room.getSnapshot()).toBe(joined);
    h.socket().receive({ type: 'active-speaker', participantId: alice });
    expect(h.room.getSnapshot().activeSpeaker).toBe(alice);
    expect(calls).toBe(before + 1);
  });

  it('reconnects with the same token after a network drop and sets the media up again', async () => {
    h = meetingHarness();
    await h.room.join({ audio: true, video: true });
    await h.admit();
    h.room.setView([{ participantId: alice, source: 'camera', width: 640, height: 360 }]);
    await h.clock.advance(200);
    await h.socket().answer('view');
    const [firstPublishPc] = h.fake.pcs;

    h.socket().drop(1006);
    expect(h.room.getSnapshot().status).toMatchObject({ status: 'reconnecting', attempt: 1 });
    // Muting meanwhile is local only: the next publish carries it.
    await h.room.setMicrophone(false);
    await h.clock.advance(375);
    expect(h.sockets).toHaveLength(2);
    expect(h.socket().url).toBe(h.sockets[0]?.url);

    h.socket().receive(joinedFrame({ participants: [participant(me, 'Me'), participant(bob, 'Bob')] }));
    expect(firstPublishPc?.closed).toBe(true);
    const republish = await h.answerPublish();
    expect(republish.tracks).toEqual([
      { mid: '0', source: 'mic', paused: true },
      { mid: '1', source: 'camera', paused: false },
    ]);
    expect(h.sockets[0]?.sent.filter((f) => f.type === 'set-media')).toEqual([]);
    // The new connection knows no view yet.
    expect((await h.socket().next('view')).tiles).toEqual([
      { participantId: alice, source: 'camera', width: 640, height: 360 },
    ]);
    expect(h.room.getSnapshot().participants.map((p) => p.displayName)).toEqual(['Me', 'Bob']);
    expect(h.statuses).toEqual(['connecting', 'joined', 'reconnecting', 'joined']);
  });

  it('is removed at once on the removed frame: devices and connections close', async () => {
    h = meetingHarness();
    await h.room.join({ audio: true, video: true });
    await h.admit();
    h.socket().receive({ type: 'removed', by: 'Alice' });
    h.socket().drop(meetingCloseCodes.removed);
    const snapshot = h.room.getSnapshot();
    expect(snapshot.status).toEqual({ status: 'removed', by: 'Alice' });
    expect(h.fake.tracks.every((track) => track.readyState === 'ended')).toBe(true);
    expect(h.fake.pcs.every((pc) => pc.closed)).toBe(true);
    expect(snapshot.local.tracks).toEqual({ mic: null, camera: null, screen: null, screenAudio: null });
    await h.clock.advance(60_000);
    expect(h.sockets).toHaveLength(1);
    await expect(h.room.setCamera(true)).rejects.toThrow(/no longer in the meeting/);
  });

  it('says why the meeting refused the participant', async () => {
    h = meetingHarness();
    await h.room.join({ audio: false, video: false });
    h.socket().receive({ type: 'error', code: 'MEETING_LOCKED', message: 'The host locked the meeting.' });
    h.socket().drop(meetingCloseCodes.refused);
    expect(h.room.getSnapshot().status).toEqual({
      status: 'refused',
      code: 'MEETING_LOCKED',
      message: 'The host locked the meeting.',
    });
    expect(h.errors.map((e) => e.kind)).toEqual(['server']);
  });

  it('is denied from the waiting room, and replaced by the same person elsewhere', async () => {
    h = meetingHarness();
    await h.room.join({ audio: false, video: false });
    h.socket().receive({ type: 'waiting', title: 'Standup' });
    h.socket().receive({ type: 'denied' });
    expect(h.room.getSnapshot().status).toEqual({ status: 'denied' });

    h = meetingHarness();
    await h.room.join({ audio: false, video: false });
    await h.admit();
    h.socket().drop(meetingCloseCodes.replaced);
    expect(h.room.getSnapshot().status).toEqual({ status: 'replaced' });
  });

  it('leaves: tells the server, closes the socket, stops the devices', async () => {
    h = meetingHarness();
    await h.room.join({ audio: true, video: true });
    await h.admit();
    const leaving = h.room.leave();
    await h.socket().answer('leave');
    await leaving;
    expect(h.room.getSnapshot().status).toEqual({ status: 'left' });
    expect(h.socket().closedWith?.code).toBe(1000);
    expect(h.fake.tracks.every((track) => track.readyState === 'ended')).toBe(true);
    await h.room.leave();
    expect(h.statuses.filter((s) => s === 'left')).toHaveLength(1);
  });

  it('leaves even when the server does not confirm in time', async () => {
    h = meetingHarness();
    await h.room.join({ audio: false, video: false });
    await h.admit();
    const leaving = h.room.leave();
    await h.clock.advance(3000);
    await leaving;
    expect(h.room.getSnapshot().status).toEqual({ status: 'left' });
  });

  it('ends the meeting for everyone, also when the socket closes before the ok', async () => {
    h = meetingHarness();
    await h.room.join({ audio: false, video: false });
    await h.admit();
    const ending = h.room.end();
    await h.socket().next('end');
    h.socket().receive({ type: 'ended', by: 'Me' });
    h.socket().drop(meetingCloseCodes.ended);
    await ending;
    expect(h.room.getSnapshot().status).toEqual({ status: 'ended', by: 'Me' });
  });

  it('sends host controls as frames and rejects with the server code', async () => {
    h = meetingHarness();
    await h.room.join({ audio: false, video: false });
    await h.admit();
    const calls = [
      h.room.admit(),
      h.room.admit(bob),
      h.room.deny(bob),
      h.room.mute(),
      h.room.mute(alice),
      h.room.askToUnmute(alice),
      h.room.stopVideo(alice),
      h.room.remove(alice),
      h.room.lowerHand(alice),
      h.room.lock(true),
      h.room.allowMultiShare(true),
      h.room.rename(alice, 'Alice B.'),
      h.room.setRole(alice, 'cohost'),
      h.room.makeHost(alice),
      h.room.record('start'),
      h.room.raiseHand(true),
      h.room.react('👏'),
    ];
    const socket = h.socket();
    for (const frame of socket.sent.slice(-calls.length)) socket.receive({ type: 'ok', id: frame.id });
    await Promise.all(calls);
    expect(socket.sent.slice(-calls.length).map(({ id: _id, ...frame }) => frame)).toEqual([
      { type: 'admit' },
      { type: 'admit', participantId: bob },
      { type: 'deny', participantId: bob },
      { type: 'mute' },
      { type: 'mute', participantId: alice },
      { type: 'ask-unmute', participantId: alice },
      { type: 'stop-video', participantId: alice },
      { type: 'remove', participantId: alice },
      { type: 'lower-hand', participantId: alice },
      { type: 'lock', locked: true },
      { type: 'multi-share', allowed: true },
      { type: 'rename', participantId: alice, name: 'Alice B.' },
      { type: 'set-role', participantId: alice, role: 'cohost' },
      { type: 'make-host', participantId: alice },
      { type: 'record', action: 'start' },
      { type: 'hand', raised: true },
      { type: 'react', emoji: '👏' },
    ]);
    const locking = h.room.lock(false);
    const lock = socket.sent.at(-1);
    socket.receive({ type: 'error', id: lock?.id, code: 'NOT_MEETING_HOST', message: 'Hosts only.' });
    await expect(locking).rejects.toMatchObject({ code: 'NOT_MEETING_HOST' });
  });

  it('uploads a chat file with the participant token, then sends the message', async () => {
    const uploads: { url: string; token: string | null }[] = [];
    const file = { id: '01HZF11E00000000000000000F', name: 'notes.txt', size: 5, contentType: 'text/plain' };
    h = meetingHarness({
      fetch: async (input, init) => {
        uploads.push({ url: String(input), token: new Headers(init?.headers).get('x-participant-token') });
        return new Response(JSON.stringify(file), { status: 201 });
      },
    });
    await h.room.join({ audio: false, video: false });
    await h.admit();
    const progress: number[] = [];
    const sending = h.room.sendChat({
      text: 'the notes',
      to: alice,
      file: new File(['notes'], 'notes.txt', { type: 'text/plain' }),
      onProgress: (fraction) => progress.push(fraction),
    });
    const chat = await h.socket().answer('chat');
    await sending;
    expect(uploads).toEqual([
      { url: 'https://parley.test/api/v1/meetings/files?name=notes.txt', token: 'mpt_token' },
    ]);
    expect(chat).toMatchObject({ text: 'the notes', to: alice, fileId: file.id });
    expect(progress).toEqual([1]);
    h.socket().receive({
      type: 'chat',
      message: {
        id: '01HZC0000000000000000000C1',
        from: { participantId: me, displayName: 'Me' },
        to: { participantId: alice, displayName: 'Alice' },
        text: 'the notes',
        file,
        sentAt: '2030-01-01T10:00:01.000Z',
      },
    });
    expect(h.room.getSnapshot().chat.map((m) => m.text)).toEqual(['the notes']);
  });

  it('passes reactions and notices on as events', async () => {
    h = meetingHarness();
    const reactions: unknown[] = [];
    const notices: unknown[] = [];
    h.room.on('reaction', (reaction) => reactions.push(reaction));
    h.room.on('notice', (notice) => notices.push(notice));
    await h.room.join({ audio: false, video: false });
    await h.admit();
    h.socket().receive({ type: 'reaction', participantId: alice, emoji: '🎉' });
    h.socket().receive({ type: 'notice', kind: 'role-changed', by: 'Alice' });
    await settle();
    expect(reactions).toEqual([{ participantId: alice, emoji: '🎉' }]);
    expect(notices).toEqual([{ kind: 'role-changed', by: 'Alice' }]);
  });

  it('refuses device changes before join()', async () => {
    h = meetingHarness();
    await expect(h.room.setMicrophone(true)).rejects.toThrow(/join\(\) first/);
    await expect(h.room.join({ audio: false, video: false })).resolves.toBeUndefined();
    await expect(h.room.join({ audio: false, video: false })).rejects.toThrow(/once/);
  });
});
