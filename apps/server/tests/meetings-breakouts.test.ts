import { type BreakoutState, breakoutLimits } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { call, signIn, storageModes } from './harness.ts';
import { createMeeting, meetingTests, type TestParticipant } from './test-participant.ts';

const modes = await storageModes();

describe.each(modes)('breakout rooms (%s storage)', (mode) => {
  const suite = meetingTests(mode);
  const { join } = suite;

  /** A host and guests in a meeting without a waiting room; everyone has seen everyone come in. */
  async function meetingWith(names: string[]) {
    const owner = await signIn(suite.t.url);
    await call(suite.t.url, 'PATCH', '/api/v1/me', { token: owner.token, json: { displayName: 'Host' } });
    const { meeting, link } = await createMeeting(suite.t.url, owner.token, {
      title: 'Workshop',
      waitingRoom: false,
    });
    const host = await join({ credentials: link, session: owner.token });
    await host.next('joined');
    const guests: TestParticipant[] = [];
    for (const name of names) {
      const guest = await join({
        credentials: link,
        displayName: name,
        guestKey: `key-${name}-${Date.now()}`,
      });
      await guest.next('joined');
      await host.next('participant-joined', (f) => f.participant.id === guest.participantId);
      guests.push(guest);
    }
    return { owner, meeting, link, host, guests };
  }

  const state = (p: TestParticipant, match: (s: BreakoutState) => boolean = () => true) =>
    p.next('breakouts', (f) => match(f.state)).then((f) => f.state);

  /** Waits for `p` to be moved (to `roomId`, or to the main room for null) and returns the room's joined. */
  async function moved(p: TestParticipant, roomId: string | null) {
    const frame = await p.next('breakout-moved', (f) => (f.room?.id ?? null) === roomId);
    await state(p, (s) => s.roomId === roomId);
    const joined = await p.next('joined');
    return { room: frame.room, joined };
  }

  async function errorCode(p: TestParticipant, frame: Parameters<TestParticipant['request']>[0]) {
    const answer = await p.request(frame);
    return answer.type === 'error' ? answer.code : 'ok';
  }

  it('splits people evenly, moves them, keeps each room to itself, and brings everyone back', async () => {
    const { meeting, host, guests } = await meetingWith(['Ann', 'Ben', 'Cat', 'Dan']);
    const [ann, ben, cat, dan] = guests as [
      TestParticipant,
      TestParticipant,
      TestParticipant,
      TestParticipant,
    ];

    await host.ok({
      type: 'breakout-configure',
      rooms: [
        { name: 'Red', participantIds: [] },
        { name: 'Blue', participantIds: [] },
      ],
      assignment: 'auto',
      autoMove: true,
      timerMinutes: 30,
      closeCountdownSeconds: 1,
    });
    const configured = await state(host, (s) => s.status === 'configured');
    expect(configured.rooms.map((r) => r.name)).toEqual(['Red', 'Blue']);
    const [red, blue] = configured.rooms.map((r) => r.id) as [string, string];
    const assigned = (id: string) => configured.people.find((p) => p.participantId === id)?.assignedRoomId;
    // Evenly, in the order they came; the host stays free.
    expect(guests.map((g) => assigned(g.participantId))).toEqual([red, blue, red, blue]);
    expect(assigned(host.participantId)).toBeNull();
    const annView = await state(ann);
    expect(annView).toMatchObject({ assignedRoomId: red, roomId: null, people: [], help: [] });

    await host.ok({ type: 'breakout-open' });
    const opened = await state(host, (s) => s.status === 'open' && s.rooms.every((r) => r.count === 2));
    expect(Date.parse(opened.endsAt ?? '') - Date.parse(opened.openedAt ?? '')).toBe(30 * 60_000);
    const inRed = await moved(ann, red);
    expect(inRed.room).toEqual({ id: red, name: 'Red' });
    expect(inRed.joined.room.title).toBe('Red');
    expect(inRed.joined.room.code).toBe(meeting.code);
    expect(inRed.joined.room.meetingId).not.toBe(meeting.id);
    await moved(ben, blue);
    await moved(cat, red);
    await moved(dan, blue);
    for (const guest of guests) {
      await host.next(
        'participant-left',
        (f) => f.participantId === guest.participantId && f.reason === 'moved',
      );
    }
    // Cat came in after Ann: Ann saw her arrive; the room has the two of them.
    await ann.next('participant-joined', (f) => f.participant.id === cat.participantId);

    // The chat stays in the room.
    await ann.ok({ type: 'chat', text: 'red only' });
    expect((await cat.next('chat')).message.text).toBe('red only');
    await ben.ok({ type: 'chat', text: 'blue only' });
    expect((await dan.next('chat')).message.text).toBe('blue only');

    await host.ok({ type: 'breakout-broadcast', text: 'Five minutes left' });
    for (const guest of guests) {
      expect(await guest.next('breakout-broadcast')).toMatchObject({
        from: 'Host',
        text: 'Five minutes left',
      });
    }

    await ben.ok({ type: 'breakout-help' });
    expect(await host.next('breakout-help')).toMatchObject({
      participantId: ben.participantId,
      displayName: 'Ben',
      roomId: blue,
    });
    const asked = await state(host, (s) => s.help.length === 1);
    expect(asked.help[0]).toMatchObject({ participantId: ben.participantId, roomId: blue });

    // The host visits Blue: the help request is answered.
    await host.ok({ type: 'breakout-join', roomId: blue });
    const visit = await moved(host, blue);
    expect(visit.joined.participants.map((p) => p.displayName).sort()).toEqual(['Ben', 'Dan', 'Host']);
    expect(visit.joined.chat.map((m) => m.text)).toEqual(['blue only']);
    await ben.next('participant-joined', (f) => f.participant.id === host.participantId);
    await state(host, (s) => s.help.length === 0 && s.roomId === blue);

    // Moving Ann to Blue while open.
    await host.ok({ type: 'breakout-assign', participantId: ann.participantId, roomId: blue });
    const annMoved = await moved(ann, blue);
    expect(annMoved.joined.participants.map((p) => p.displayName).sort()).toEqual([
      'Ann',
      'Ben',
      'Dan',
      'Host',
    ]);
    await cat.next('participant-left', (f) => f.participantId === ann.participantId && f.reason === 'moved');

    await host.ok({ type: 'breakout-return' });
    const back = await moved(host, null);
    expect(back.joined.participants.map((p) => p.displayName)).toEqual(['Host']);

    await host.ok({ type: 'breakout-close' });
    const closing = await state(cat, (s) => s.status === 'closing');
    expect(Date.parse(closing.closesAt ?? '') - Date.now()).toBeLessThanOrEqual(1000);
    for (const guest of guests) {
      const { joined } = await moved(guest, null);
      expect(joined.room.meetingId).toBe(meeting.id);
      // The main room's chat: the rooms' messages stayed there.
      expect(joined.chat).toEqual([]);
    }
    const after = await state(
      host,
      (s) => s.status === 'configured' && s.people.every((p) => p.roomId === null),
    );
    expect(after).toMatchObject({ openedAt: null, closesAt: null, endsAt: null });
    const texts = (p: TestParticipant) =>
      p.frames.flatMap((f) => (f.type === 'chat' ? [f.message.text] : []));
    for (const p of [ben, dan]) expect(texts(p)).not.toContain('red only');
    for (const p of [ann, cat]) expect(texts(p)).not.toContain('blue only');

    const rooms = await suite.t.ctx.database.db
      .selectFrom('meetings')
      .select(['id', 'title', 'ended_at'])
      .where('parent_id', '=', meeting.id)
      .execute();
    expect(rooms.map((r) => r.title).sort()).toEqual(['Blue', 'Red']);
    expect(rooms.every((r) => r.ended_at !== null)).toBe(true);
    const chat = await suite.t.ctx.database.db
      .selectFrom('meeting_messages')
      .select(['meeting_id', 'text'])
      .where('text', 'in', ['red only', 'blue only'])
      .execute();
    expect(chat).toHaveLength(2);
    expect(chat.every((m) => rooms.some((r) => r.id === m.meeting_id))).toBe(true);
    // The meeting goes on in the main room.
    await ann.ok({ type: 'chat', text: 'back' });
    await dan.next('chat', (f) => f.message.text === 'back');
  });

  it('lets people pick a room, return by themselves, reconnect into their room, and assigns late joiners', async () => {
    const { link, host, guests } = await meetingWith(['Eve', 'Fay']);
    const [eve, fay] = guests as [TestParticipant, TestParticipant];
    await host.ok({
      type: 'breakout-configure',
      rooms: [
        { name: 'One', participantIds: [eve.participantId] },
        { name: 'Two', participantIds: [] },
      ],
      assignment: 'manual',
      autoMove: false,
      timerMinutes: null,
      closeCountdownSeconds: 0,
    });
    const { rooms } = await state(host);
    const [one, two] = rooms.map((r) => r.id) as [string, string];
    await host.ok({ type: 'breakout-open' });
    // Not moved without autoMove: invited to their room.
    expect(await state(eve, (s) => s.status === 'open')).toMatchObject({ assignedRoomId: one, roomId: null });
    const fayOpen = await state(fay, (s) => s.status === 'open');
    expect(fayOpen.assignedRoomId).toBeNull();
    expect(await errorCode(fay, { type: 'breakout-join', roomId: one })).toBe('BREAKOUT_NOT_ASSIGNED');

    await eve.ok({ type: 'breakout-join', roomId: one });
    await moved(eve, one);

    // A drop in a breakout room comes back into it.
    eve.drop();
    await eve.connect();
    expect(await state(eve, (s) => s.roomId === one)).toMatchObject({ status: 'open' });
    expect((await eve.next('joined')).room.title).toBe('One');
    await eve.ok({ type: 'breakout-return' });
    expect((await moved(eve, null)).joined.participants).toHaveLength(3);

    // A late joiner gets the state, then an assignment.
    const gil = await join({ credentials: link, displayName: 'Gil', guestKey: `key-gil-${Date.now()}` });
    expect(await state(gil)).toMatchObject({ status: 'open', assignedRoomId: null, roomId: null });
    await gil.next('joined');
    await host.ok({ type: 'breakout-assign', participantId: gil.participantId, roomId: two });
    await state(gil, (s) => s.assignedRoomId === two);
    await gil.ok({ type: 'breakout-join', roomId: two });
    await moved(gil, two);
    await host.ok({ type: 'breakout-rename', roomId: two, name: 'Second' });
    expect((await gil.next('room-updated')).room.title).toBe('Second');
    // Hosts act on people in any room for the meeting-wide controls: roles, removing.
    await host.ok({ type: 'set-role', participantId: gil.participantId, role: 'cohost' });
    expect(
      (await gil.next('participant-updated', (f) => f.participant.id === gil.participantId)).participant.role,
    ).toBe('cohost');
    await host.ok({ type: 'remove', participantId: gil.participantId });
    expect(await gil.next('removed')).toMatchObject({ by: 'Host' });
    expect(await gil.closed()).toBe(4004);
    await state(host, (s) => !s.people.some((p) => p.participantId === gil.participantId));

    // In choose mode anyone picks any room (set up again once closed; a zero countdown closes at once).
    await host.ok({ type: 'breakout-close' });
    await state(host, (s) => s.status === 'configured');
    await host.ok({
      type: 'breakout-configure',
      rooms: [
        { id: one, name: 'One', participantIds: [] },
        { name: 'Three', participantIds: [] },
      ],
      assignment: 'choose',
      autoMove: false,
      timerMinutes: null,
      closeCountdownSeconds: 0,
    });
    await host.ok({ type: 'breakout-open' });
    await fay.ok({ type: 'breakout-join', roomId: one });
    await moved(fay, one);
    expect(await state(fay, (s) => s.assignedRoomId === one)).toMatchObject({ roomId: one });
  });

  it('ends the breakout rooms with the meeting', async () => {
    const { meeting, host, guests } = await meetingWith(['Hal']);
    const [hal] = guests as [TestParticipant];
    await host.ok({
      type: 'breakout-configure',
      rooms: [{ name: 'Only', participantIds: [hal.participantId] }],
      assignment: 'manual',
      autoMove: true,
      timerMinutes: null,
      closeCountdownSeconds: 60,
    });
    await host.ok({ type: 'breakout-open' });
    await moved(hal, (await state(hal, (s) => s.status === 'open')).assignedRoomId);
    await host.request({ type: 'end' });
    expect(await hal.next('ended')).toMatchObject({ by: 'Host' });
    expect(await hal.closed()).toBe(4005);
    const room = () =>
      suite.t.ctx.database.db
        .selectFrom('meetings')
        .select('ended_at')
        .where('parent_id', '=', meeting.id)
        .executeTakeFirstOrThrow();
    // Stored once the meeting's end is: after the frames.
    await expect.poll(async () => (await room()).ended_at).not.toBeNull();
  });

  it('leaves the controls to hosts and co-hosts and refuses bad frames with their codes', async () => {
    const { meeting, host, guests } = await meetingWith(['Ivy', 'Jon']);
    const [ivy, jon] = guests as [TestParticipant, TestParticipant];
    const configure = {
      type: 'breakout-configure' as const,
      rooms: [
        { name: 'A', participantIds: [ivy.participantId] },
        { name: 'B', participantIds: [] },
      ],
      assignment: 'manual' as const,
      autoMove: false,
      timerMinutes: null,
      closeCountdownSeconds: 0,
    };

    expect(await errorCode(host, { type: 'breakout-open' })).toBe('BREAKOUTS_NOT_CONFIGURED');
    expect(await errorCode(ivy, configure)).toBe('NOT_MEETING_HOST');
    for (const frame of [
      { type: 'breakout-open' },
      { type: 'breakout-close' },
      { type: 'breakout-assign', participantId: jon.participantId, roomId: null },
      { type: 'breakout-broadcast', text: 'hi' },
    ] as const) {
      expect(await errorCode(ivy, frame)).toBe('NOT_MEETING_HOST');
    }
    // Out of bounds: validation, before any handling.
    const tooMany = Array.from({ length: breakoutLimits.roomsMax + 1 }, (_, i) => ({
      name: `R${i}`,
      participantIds: [],
    }));
    expect(await errorCode(host, { ...configure, rooms: [] })).toBe('VALIDATION_FAILED');
    expect(await errorCode(host, { ...configure, rooms: tooMany })).toBe('VALIDATION_FAILED');
    const longName = 'x'.repeat(breakoutLimits.roomNameMax + 1);
    expect(await errorCode(host, { ...configure, rooms: [{ name: longName, participantIds: [] }] })).toBe(
      'VALIDATION_FAILED',
    );
    host.sendRaw(JSON.stringify({ type: 'breakout-open', id: 'x1', extra: true }));
    expect(await host.next('error', (f) => f.id === 'x1')).toMatchObject({ code: 'VALIDATION_FAILED' });
    const stranger = '01HZC0000000000000000000ZZ';
    expect(await errorCode(host, { ...configure, rooms: [{ name: 'A', participantIds: [stranger] }] })).toBe(
      'PARTICIPANT_NOT_FOUND',
    );
    expect(
      await errorCode(host, { ...configure, rooms: [{ id: stranger, name: 'A', participantIds: [] }] }),
    ).toBe('BREAKOUT_ROOM_NOT_FOUND');
    expect(
      await errorCode(host, {
        ...configure,
        rooms: [
          { name: 'A', participantIds: [ivy.participantId] },
          { name: 'B', participantIds: [ivy.participantId] },
        ],
      }),
    ).toBe('VALIDATION_FAILED');

    await host.ok(configure);
    const { rooms } = await state(host);
    const [a] = rooms.map((r) => r.id) as [string];
    expect(await errorCode(ivy, { type: 'breakout-join', roomId: a })).toBe('BREAKOUTS_NOT_OPEN');
    expect(await errorCode(ivy, { type: 'breakout-return' })).toBe('NOT_IN_BREAKOUT_ROOM');
    expect(await errorCode(ivy, { type: 'breakout-help' })).toBe('NOT_IN_BREAKOUT_ROOM');
    expect(await errorCode(host, { type: 'breakout-broadcast', text: 'early' })).toBe('BREAKOUTS_NOT_OPEN');
    expect(await errorCode(host, { type: 'breakout-close' })).toBe('BREAKOUTS_NOT_OPEN');
    expect(await errorCode(ivy, { type: 'breakout-rename', roomId: a, name: 'Mine' })).toBe(
      'NOT_MEETING_HOST',
    );

    await host.ok({ type: 'breakout-open' });
    expect(await errorCode(host, { type: 'breakout-open' })).toBe('BREAKOUTS_ALREADY_OPEN');
    expect(await errorCode(host, configure)).toBe('BREAKOUTS_ALREADY_OPEN');
    expect(await errorCode(host, { type: 'breakout-rename', roomId: stranger, name: 'X' })).toBe(
      'BREAKOUT_ROOM_NOT_FOUND',
    );
    expect(await errorCode(host, { type: 'breakout-join', roomId: stranger })).toBe(
      'BREAKOUT_ROOM_NOT_FOUND',
    );
    expect(await errorCode(host, { type: 'breakout-assign', participantId: stranger, roomId: a })).toBe(
      'PARTICIPANT_NOT_FOUND',
    );
    const tooLong = 'x'.repeat(breakoutLimits.broadcastTextMax + 1);
    expect(await errorCode(host, { type: 'breakout-broadcast', text: tooLong })).toBe('VALIDATION_FAILED');

    // A co-host may run them.
    await host.ok({ type: 'set-role', participantId: jon.participantId, role: 'cohost' });
    const jonView = await state(jon, (s) => s.people.length === 3);
    expect(jonView.status).toBe('open');
    await jon.ok({ type: 'breakout-assign', participantId: ivy.participantId, roomId: null });

    // Breakout rooms are entered from the main meeting only, not by their own id or link.
    const child = await suite.t.ctx.database.db
      .selectFrom('meetings')
      .select(['code', 'join_token'])
      .where('parent_id', '=', meeting.id)
      .executeTakeFirstOrThrow();
    const byToken = await call(suite.t.url, 'POST', '/api/v1/meetings/join', {
      json: { token: child.join_token, displayName: 'Sneaky' },
    });
    expect(byToken.body.error.code).toBe('INVALID_JOIN_TOKEN');
    const preview = await call(suite.t.url, 'POST', '/api/v1/meetings/preview', {
      json: { token: child.join_token },
    });
    expect(preview.status).toBe(401);
    const byCode = await call(suite.t.url, 'POST', '/api/v1/meetings/join', {
      json: { code: child.code, displayName: 'Sneaky' },
    });
    expect(byCode.status).toBe(400);
  });
});

/** Media through the breakout room's own router, with werift peers. */
describe('breakout room media', () => {
  const suite = meetingTests('embedded');

  it('forwards media between the people of a breakout room, not the main room’s', async () => {
    const people = await suite.meetingWith(['Host', 'Kim', 'Lou', 'Max']);
    for (const person of people) await person.publish({ video: false });
    const [host, kim, lou, max] = people as [
      TestParticipant,
      TestParticipant,
      TestParticipant,
      TestParticipant,
    ];
    await max.receives(kim.participantId, 'mic');
    await kim.receives(max.participantId, 'mic');

    await host.ok({
      type: 'breakout-configure',
      rooms: [{ name: 'Pair', participantIds: [kim.participantId, lou.participantId] }],
      assignment: 'manual',
      autoMove: true,
      timerMinutes: null,
      closeCountdownSeconds: 0,
    });
    await host.ok({ type: 'breakout-open' });
    const left = { sdp: (await kim.publisher?.offer()) ?? '', mid: kim.publisher?.audioMid ?? '0' };
    for (const person of [kim, lou]) {
      await person.next('breakout-moved');
      const joined = await person.next('joined');
      expect(joined.room.title).toBe('Pair');
      // What the SDK does on a move: new peer connections, the same tracks published again.
      await person.renewMedia();
    }
    // An offer of the connection left behind in the main room, late: refused, not put on the new room.
    const late = await kim.request({
      type: 'publish',
      sdp: left.sdp,
      tracks: [{ mid: left.mid, source: 'mic', paused: false }],
    });
    expect(late).toMatchObject({ type: 'error', code: 'CONFLICT' });
    await kim.publish({ video: false });
    await lou.publish({ video: false });
    await kim.receives(lou.participantId, 'mic');
    await lou.receives(kim.participantId, 'mic');
    expect(kim.tracks.map((track) => track.participantId).sort()).toEqual([lou.participantId]);
    // The main room no longer gets the pair's audio, nor they its.
    await max.untilTracks((tracks) => tracks.every((track) => track.participantId === host.participantId));
    await max.receives(host.participantId, 'mic');

    await host.ok({ type: 'breakout-close' });
    for (const person of [kim, lou]) {
      await person.next('breakout-moved', (f) => f.room === null);
      await person.next('joined');
      await person.renewMedia();
      await person.publish({ video: false });
    }
    await max.receives(kim.participantId, 'mic');
    await kim.receives(max.participantId, 'mic');
  });
});
