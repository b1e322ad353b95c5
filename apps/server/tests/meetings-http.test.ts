import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, signIn, startTestServer, storageModes, type TestServer } from './harness.ts';

const modes = await storageModes();

describe.each(modes)('meetings over HTTP (%s storage)', (mode) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(mode, { env: { PARLEY_MEDIA_WORKERS: '1' } });
  });
  afterAll(() => t?.stop());
  afterEach(() => {
    expect(t.takeProblems()).toEqual([]);
  });

  async function createMeeting(token: string, body: Record<string, unknown> = {}) {
    const created = await call(t.url, 'POST', '/api/v1/meetings', {
      token,
      json: { title: 'Weekly sync', passcode: 'abc123', ...body },
    });
    expect(created.status).toBe(201);
    return created.body;
  }

  it('creates a meeting with a numeric id, a passcode and a link, listed as upcoming', async () => {
    const owner = await signIn(t.url);
    const meeting = await createMeeting(owner.token);
    expect(meeting).toMatchObject({
      title: 'Weekly sync',
      passcode: 'abc123',
      waitingRoom: true,
      allowGuests: true,
    });
    expect(meeting.code).toMatch(/^[1-9]\d{9}$/);
    expect(meeting.joinUrl).toMatch(new RegExp(`/j/${meeting.code}\\?t=[\\w-]{22}$`));
    const list = await call(t.url, 'GET', '/api/v1/meetings', { token: owner.token });
    expect(list.body.upcoming.map((m: { id: string }) => m.id)).toContain(meeting.id);
    expect(list.body.past).toEqual([]);

    const stranger = await signIn(t.url);
    expect(
      (await call(t.url, 'GET', `/api/v1/meetings/${meeting.id}`, { token: stranger.token })).body.error.code,
    ).toBe('MEETING_NOT_FOUND');
    expect(
      (await call(t.url, 'GET', `/api/v1/meetings/${meeting.id}/chat`, { token: stranger.token })).status,
    ).toBe(404);
    expect(
      (await call(t.url, 'DELETE', `/api/v1/meetings/${meeting.id}`, { token: stranger.token })).status,
    ).toBe(404);
  });

  it('schedules meetings in the future only', async () => {
    const owner = await signIn(t.url);
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    const later = new Date(Date.now() + 7_200_000).toISOString();
    const second = await createMeeting(owner.token, {
      title: 'Later',
      scheduledFor: later,
      durationMinutes: 30,
    });
    const first = await createMeeting(owner.token, { title: 'Sooner', scheduledFor: soon });
    const list = await call(t.url, 'GET', '/api/v1/meetings', { token: owner.token });
    expect(list.body.upcoming.map((m: { id: string }) => m.id)).toEqual([first.id, second.id]);
    const past = await call(t.url, 'POST', '/api/v1/meetings', {
      token: owner.token,
      json: { title: 'Yesterday', scheduledFor: new Date(Date.now() - 86_400_000).toISOString() },
    });
    expect(past.status).toBe(400);
  });

  it('previews by link or by id + passcode, and refuses wrong ones clearly', async () => {
    const owner = await signIn(t.url);
    await call(t.url, 'PATCH', '/api/v1/me', { token: owner.token, json: { displayName: 'Ada' } });
    const meeting = await createMeeting(owner.token);
    const token = new URL(meeting.joinUrl).searchParams.get('t');
    const byLink = await call(t.url, 'POST', '/api/v1/meetings/preview', { json: { token } });
    expect(byLink.body).toMatchObject({
      meetingId: meeting.id,
      title: 'Weekly sync',
      hostName: 'Ada',
      state: 'scheduled',
    });
    const spaced = `${meeting.code.slice(0, 3)} ${meeting.code.slice(3, 6)} ${meeting.code.slice(6)}`;
    const byCode = await call(t.url, 'POST', '/api/v1/meetings/preview', {
      json: { code: spaced, passcode: 'abc123' },
    });
    expect(byCode.body.meetingId).toBe(meeting.id);

    const cases: [unknown, number, string][] = [
      [{ code: meeting.code, passcode: 'nope' }, 403, 'WRONG_PASSCODE'],
      [{ code: meeting.code }, 403, 'WRONG_PASSCODE'],
      [{ code: '1000000000', passcode: 'abc123' }, 404, 'MEETING_NOT_FOUND'],
      [{ token: 'forged-token-of-22chars' }, 401, 'INVALID_JOIN_TOKEN'],
      [{ code: '12ab' }, 400, 'VALIDATION_FAILED'],
      [{ token: token, code: meeting.code }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [json, status, code] of cases) {
      const answer = await call(t.url, 'POST', '/api/v1/meetings/preview', { json });
      expect({ json, status: answer.status, code: answer.body.error?.code }).toEqual({ json, status, code });
    }
  });

  it('gives guests a participant token, unless the meeting is for signed-in people', async () => {
    const owner = await signIn(t.url);
    const open = await createMeeting(owner.token);
    const guest = await call(t.url, 'POST', '/api/v1/meetings/join', {
      json: { code: open.code, passcode: 'abc123', displayName: 'Guest' },
    });
    expect(guest.status).toBe(201);
    expect(guest.body.participantToken).toMatch(/^[0-9A-Z]{26}\.[0-9A-Z]{26}\.\d+\.[\w-]{43}$/);
    const nameless = await call(t.url, 'POST', '/api/v1/meetings/join', {
      json: { code: open.code, passcode: 'abc123' },
    });
    expect(nameless.body.error.code).toBe('VALIDATION_FAILED');

    const closed = await createMeeting(owner.token, { allowGuests: false });
    const refused = await call(t.url, 'POST', '/api/v1/meetings/join', {
      json: { code: closed.code, passcode: 'abc123', displayName: 'Guest' },
    });
    expect(refused.body.error.code).toBe('GUESTS_NOT_ALLOWED');
    const member = await signIn(t.url);
    const signedIn = await call(t.url, 'POST', '/api/v1/meetings/join', {
      token: member.token,
      json: { code: closed.code, passcode: 'abc123' },
    });
    expect(signedIn.status).toBe(201);
    const stale = await call(t.url, 'POST', '/api/v1/meetings/join', {
      token: 'prl_stale',
      json: { code: open.code, passcode: 'abc123', displayName: 'X' },
    });
    expect(stale.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('counts meeting id + passcode attempts per client address, so passcodes cannot be guessed', async () => {
    const strict = await startTestServer(mode, {
      env: { PARLEY_MEDIA_WORKERS: '1', PARLEY_MEETING_CODE_ATTEMPTS_PER_HOUR: '3' },
    });
    try {
      const owner = await signIn(strict.url);
      const created = await call(strict.url, 'POST', '/api/v1/meetings', {
        token: owner.token,
        json: { title: 'Guarded', passcode: 'right1' },
      });
      const guess = (passcode: string) =>
        call(strict.url, 'POST', '/api/v1/meetings/preview', { json: { code: created.body.code, passcode } });
      for (const passcode of ['wrong1', 'wrong2', 'wrong3']) expect((await guess(passcode)).status).toBe(403);
      const limited = await guess('right1');
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('RATE_LIMITED');
      // The link still works: its token is not guessable.
      const token = new URL(created.body.joinUrl).searchParams.get('t');
      expect((await call(strict.url, 'POST', '/api/v1/meetings/preview', { json: { token } })).status).toBe(
        200,
      );
    } finally {
      await strict.stop();
    }
  });

  it('refuses meeting file transfers without a valid participant token', async () => {
    const upload = await call(t.url, 'POST', '/api/v1/meetings/files?name=a.txt', {
      headers: { 'content-type': 'text/plain', 'x-participant-token': 'forged' },
      body: 'hello',
    });
    expect(upload.status).toBe(401);
    expect(upload.body.error.code).toBe('INVALID_JOIN_TOKEN');
    const download = await call(t.url, 'GET', '/api/v1/meetings/files/01HZZZZZZZZZZZZZZZZZZZZZZZ');
    expect(download.body.error.code).toBe('INVALID_JOIN_TOKEN');
  });

  it('deletes a meeting that is not running', async () => {
    const owner = await signIn(t.url);
    const meeting = await createMeeting(owner.token);
    expect(
      (await call(t.url, 'DELETE', `/api/v1/meetings/${meeting.id}`, { token: owner.token })).status,
    ).toBe(204);
    const list = await call(t.url, 'GET', '/api/v1/meetings', { token: owner.token });
    expect(list.body.upcoming).toEqual([]);
  });
});
