import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadTestMedia, makeTestMediaFile, startLoopbackStun, type TestMedia } from '@parley/sfu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMediaTool } from '../src/media-tools/media-tools.ts';
import { call, signIn, startTestServer, storageModes, type TestServer } from './harness.ts';
import { createMeeting, TestParticipant } from './test-participant.ts';

const modes = await storageModes();

function chunksOf(t: TestServer, recordingId: string) {
  return t.ctx.database.db
    .selectFrom('recording_chunks')
    .selectAll()
    .where('recording_id', '=', recordingId)
    .orderBy('started_at')
    .execute();
}

/** Waits until each of `tracks` tracks has a chunk that began after `since`. */
async function chunksAfter(t: TestServer, recordingId: string, since: number, tracks: number) {
  await expect
    .poll(
      async () =>
        new Set(
          (await chunksOf(t, recordingId))
            .filter((c) => Number(c.started_at) >= since)
            .map((c) => `${c.participant_id}:${c.source}`),
        ).size,
      { timeout: 40_000, interval: 250 },
    )
    .toBe(tracks);
}

/** Downloads a signed URL to `file` and returns its streams and duration, as ffprobe sees them. */
async function probeDownload(base: string, url: string, file: string) {
  const response = await fetch(new URL(url, base));
  expect(response.status).toBe(200);
  await writeFile(file, Buffer.from(await response.arrayBuffer()));
  const probe = JSON.parse(
    (
      await runMediaTool('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file], {
        timeoutMs: 15_000,
      })
    ).toString(),
  ) as { streams: { codec_type: string; codec_name: string }[]; format: { duration: string } };
  return {
    streams: probe.streams.map((s) => `${s.codec_type}:${s.codec_name}`).sort(),
    durationMs: Number(probe.format.duration) * 1000,
  };
}

/**
 * Cloud recording end to end on one node: werift participants publish real VP8 and Opus through the
 * SFU, the recorder process writes chunks, the renderer makes the MP4 with ffmpeg.
 */
describe('cloud recording', () => {
  let t: TestServer;
  let stun: Awaited<ReturnType<typeof startLoopbackStun>>;
  let media: TestMedia;
  let dir: string;

  beforeAll(async () => {
    stun = await startLoopbackStun();
    dir = await mkdtemp(path.join(tmpdir(), 'parley-recording-test-'));
    media = await loadTestMedia(
      await makeTestMediaFile(dir, { seconds: 4, width: 320, height: 240, fps: 15 }),
    );
    t = await startTestServer('embedded', {
      // Short chunks keep the test short; the chunk length does not change what is tested.
      env: { PARLEY_MEDIA_WORKERS: '1', PARLEY_RECORDING_CHUNK_SECONDS: '4' },
    });
  });
  afterAll(async () => {
    await t?.stop();
    await stun?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const db = () => t.ctx.database.db;
  const chunks = (recordingId: string) => chunksOf(t, recordingId);

  it('records every track in chunks, skips the pause, survives a recorder crash and renders one MP4', async () => {
    const owner = await signIn(t.url);
    const member = await signIn(t.url);
    const stranger = await signIn(t.url);
    const { link } = await createMeeting(t.url, owner.token, { title: 'Recorded', waitingRoom: false });
    const host = await TestParticipant.join(t.url, stun.url, {
      credentials: link,
      session: owner.token,
      displayName: 'Host',
    });
    await host.next('joined');
    const guest = await TestParticipant.join(t.url, stun.url, {
      credentials: link,
      session: member.token,
      displayName: 'Guest',
    });
    await guest.next('joined');
    // Both answer the offers of each other's tracks, as browsers do.
    host.autoSubscribe();
    guest.autoSubscribe();
    try {
      await host.publish({ media });
      await guest.publish({ media });
      // The meeting's media started the recorder process: a recording does not wait seconds for it
      // to load, its first chunks start with it.
      const recorderPid = t.ctx.recorder.pid;
      expect(recorderPid).toBeDefined();

      // Only hosts record.
      const refused = await guest.request({ type: 'record', action: 'start' });
      expect(refused).toMatchObject({ type: 'error', code: 'NOT_MEETING_HOST' });

      await host.ok({ type: 'record', action: 'start' });
      await guest.next('room-updated', (f) => f.room.recording === 'recording');
      // Whoever is about to join sees it on the pre-join screen.
      const preview = await call(t.url, 'POST', '/api/v1/meetings/preview', { json: link });
      expect(preview.body.recording).toBe('recording');
      const again = await host.request({ type: 'record', action: 'start' });
      expect(again).toMatchObject({ type: 'error', code: 'RECORDING_STATE' });

      const recording = await db().selectFrom('recordings').selectAll().executeTakeFirstOrThrow();
      await guest.ok({ type: 'chat', text: 'Hello recording' });
      await guest.ok({ type: 'chat', text: 'Just for you', to: host.participantId });
      await chunksAfter(t, recording.id, 0, 4);
      expect(t.ctx.recorder.pid).toBe(recorderPid);

      // Paused: media still flows to the others, nothing is recorded.
      await host.ok({ type: 'record', action: 'pause' });
      const pausedAt = Date.now();
      await guest.next('room-updated', (f) => f.room.recording === 'paused');
      const packetsBefore = [...(guest.subscriber?.received.values() ?? [])].reduce((a, b) => a + b, 0);
      await expect
        .poll(() => [...(guest.subscriber?.received.values() ?? [])].reduce((a, b) => a + b, 0), {
          timeout: 10_000,
        })
        .toBeGreaterThan(packetsBefore + 150);
      await host.ok({ type: 'record', action: 'resume' });
      const resumedAt = Date.now();
      await chunksAfter(t, recording.id, resumedAt, 4);

      // The recorder process dies: what it finished stays; it comes back and goes on.
      const before = await chunks(recording.id);
      process.kill(t.ctx.recorder.pid ?? 0, 'SIGKILL');
      const killedAt = Date.now();
      await chunksAfter(t, recording.id, killedAt, 4);
      await host.ok({ type: 'record', action: 'stop' });
      await guest.next('room-updated', (f) => f.room.recording === 'off');

      const all = await chunks(recording.id);
      expect(all.filter((c) => before.some((b) => b.id === c.id))).toEqual(before);
      // Nothing starts in the pause; the chunk open at the pause ends with it. The recorder learns
      // of the pause over IPC, so it may take frames that were on their way (at most ~1 s here).
      for (const chunk of all) {
        const from = Number(chunk.started_at);
        const to = from + chunk.duration_ms;
        const where = `chunk ${chunk.sequence} of ${chunk.source}: ${from - pausedAt}..${to - pausedAt} ms from the pause, resumed at ${resumedAt - pausedAt}`;
        // The recorder hears of the pause over IPC: a chunk may still begin just after the pause, and ends then.
        if (from < pausedAt + 1500) expect(to, where).toBeLessThan(pausedAt + 1500);
        else expect(from, where).toBeGreaterThanOrEqual(resumedAt - 300);
      }
      const byTrack = new Map<string, number[]>();
      for (const chunk of all) {
        const key = `${chunk.participant_id}:${chunk.source}`;
        byTrack.set(key, [...(byTrack.get(key) ?? []), chunk.sequence]);
        // 4 s chunks; a video chunk waits for a keyframe, at most three chunk lengths.
        expect(chunk.duration_ms).toBeLessThanOrEqual(12_000);
      }
      expect([...byTrack.keys()].sort()).toEqual(
        [
          `${guest.participantId}:camera`,
          `${guest.participantId}:mic`,
          `${host.participantId}:camera`,
          `${host.participantId}:mic`,
        ].sort(),
      );
      for (const sequences of byTrack.values()) expect(sequences).toEqual(sequences.map((_, i) => i));
      const kinds = (
        await db()
          .selectFrom('recording_events')
          .select('kind')
          .where('recording_id', '=', recording.id)
          .orderBy('at')
          .execute()
      ).map((e) => e.kind);
      expect(kinds.filter((k) => k !== 'speaker')).toEqual([
        'start',
        'pause',
        'resume',
        'interrupted',
        'continued',
        'stop',
      ]);

      // Rendering runs in the background; the chunks play meanwhile.
      const rendering = await call(t.url, 'GET', `/api/v1/recordings/${recording.id}`, {
        token: owner.token,
      });
      expect(rendering.status).toBe(200);
      expect(rendering.body.chunks).toHaveLength(all.length);
      await t.ctx.renders.idle();
      const ready = await call(t.url, 'GET', `/api/v1/recordings/${recording.id}`, { token: owner.token });
      expect(ready.body.recording).toMatchObject({ state: 'ready', renderProgress: 1, owned: true });
      expect(ready.body.gaps).toHaveLength(1);
      expect(ready.body.transcript.map((e: { text: string }) => e.text)).toEqual(['Hello recording']);

      const rendered = await probeDownload(t.url, ready.body.videoUrl, path.join(dir, 'rendered.mp4'));
      expect(rendered.streams).toEqual(['audio:aac', 'video:h264']);
      expect(Math.abs(rendered.durationMs - ready.body.recording.durationMs)).toBeLessThan(1000);
      const transcript = await fetch(new URL(ready.body.transcriptUrl, t.url));
      const text = await transcript.text();
      expect(text).toContain('Hello recording');
      expect(text).not.toContain('Just for you');

      // Who may see it: the owner; participants once shared; never a stranger.
      expect(
        (await call(t.url, 'GET', `/api/v1/recordings/${recording.id}`, { token: stranger.token })).status,
      ).toBe(404);
      expect(
        (await call(t.url, 'GET', `/api/v1/recordings/${recording.id}`, { token: member.token })).status,
      ).toBe(404);
      const shared = await call(t.url, 'PATCH', `/api/v1/recordings/${recording.id}`, {
        token: owner.token,
        json: { shared: true },
      });
      expect(shared.body.shared).toBe(true);
      expect(
        (await call(t.url, 'GET', `/api/v1/recordings/${recording.id}`, { token: member.token })).status,
      ).toBe(200);
      expect(
        (await call(t.url, 'GET', '/api/v1/recordings', { token: member.token })).body.recordings,
      ).toHaveLength(1);
      expect(
        (await call(t.url, 'GET', `/api/v1/recordings/${recording.id}`, { token: stranger.token })).status,
      ).toBe(404);
      expect(
        (await call(t.url, 'DELETE', `/api/v1/recordings/${recording.id}`, { token: member.token })).status,
      ).toBe(403);
      expect(
        (
          await call(t.url, 'PATCH', `/api/v1/recordings/${recording.id}`, {
            token: owner.token,
            json: { shared: 'yes' },
          })
        ).status,
      ).toBe(400);

      const keys = all.map((c) => c.blob_key);
      expect(
        (await call(t.url, 'DELETE', `/api/v1/recordings/${recording.id}`, { token: owner.token })).status,
      ).toBe(204);
      for (const key of keys) expect(await t.ctx.blobs.head(key)).toBeUndefined();
      expect(
        (await call(t.url, 'GET', `/api/v1/recordings/${recording.id}`, { token: owner.token })).status,
      ).toBe(404);
    } finally {
      await host.close();
      await guest.close();
    }
    expect(t.takeProblems().filter((p) => !/recorder|recording interrupted|chunk/.test(p.msg))).toEqual([]);
  }, 180_000);
});

/** The same on PostgreSQL and S3 storage: chunks and the MP4 go to the bucket, the index to the database. */
describe.runIf(modes.includes('scaled'))('cloud recording on scaled storage', () => {
  let t: TestServer;
  let stun: Awaited<ReturnType<typeof startLoopbackStun>>;
  let dir: string;
  let media: TestMedia;
  const env = { PARLEY_MEDIA_WORKERS: '1', PARLEY_RECORDING_CHUNK_SECONDS: '4' };

  beforeAll(async () => {
    stun = await startLoopbackStun();
    dir = await mkdtemp(path.join(tmpdir(), 'parley-recording-test-'));
    media = await loadTestMedia(
      await makeTestMediaFile(dir, { seconds: 2, width: 320, height: 240, fps: 15 }),
    );
    t = await startTestServer('scaled', { env });
  });
  afterAll(async () => {
    await t?.stop();
    await stun?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A host on `node` who publishes in a new meeting and records it, until its first chunks are in. */
  async function recordingHost(node: TestServer, title: string) {
    const owner = await signIn(node.url);
    const { link } = await createMeeting(node.url, owner.token, { title, waitingRoom: false });
    const host = await TestParticipant.join(node.url, stun.url, {
      credentials: link,
      session: owner.token,
      displayName: 'Host',
    });
    await host.next('joined');
    await host.publish({ media });
    await host.ok({ type: 'record', action: 'start' });
    const recording = await t.ctx.database.db
      .selectFrom('recordings')
      .selectAll()
      .where('title', '=', title)
      .executeTakeFirstOrThrow();
    await chunksAfter(t, recording.id, 0, 2);
    return { owner, host, recording };
  }

  it('stores chunks in the bucket, renders and plays the MP4', async () => {
    const { owner, host, recording } = await recordingHost(t, 'Scaled');
    try {
      await host.ok({ type: 'record', action: 'stop' });
      await t.ctx.renders.idle();
      const ready = await call(t.url, 'GET', `/api/v1/recordings/${recording.id}`, { token: owner.token });
      expect(ready.body.recording.state).toBe('ready');
      const rendered = await probeDownload(t.url, ready.body.videoUrl, path.join(dir, 'scaled.mp4'));
      expect(rendered.streams).toEqual(['audio:aac', 'video:h264']);
      expect(Math.abs(rendered.durationMs - ready.body.recording.durationMs)).toBeLessThan(1000);
      const listed = await call(t.url, 'GET', '/api/v1/recordings', { token: owner.token });
      expect(listed.body.recordings).toMatchObject([{ id: recording.id, state: 'ready', owned: true }]);
    } finally {
      await host.close();
    }
    expect(t.takeProblems()).toEqual([]);
  }, 120_000);

  it('goes on when its node stops and the meeting opens again on another node', async () => {
    // The meeting starts on a second node; when that node stops, this one takes it over.
    const first = await startTestServer('scaled', { shareWith: t, env });
    const { owner, host, recording } = await recordingHost(first, 'Moved').catch(async (error: unknown) => {
      await first.stop();
      throw error;
    });
    try {
      await first.server.stop();
      expect(await host.closed()).toBe(1001);
      const events = await t.ctx.database.db
        .selectFrom('recording_events')
        .select('kind')
        .where('recording_id', '=', recording.id)
        .execute();
      expect(events.map((event) => event.kind)).toContain('interrupted');

      // The host comes back through this node: the recording goes on, in the same tracks.
      const backAt = Date.now();
      await host.renewMedia();
      await host.connect(t.url);
      const joined = await host.next('joined');
      expect(joined.room.recording).toBe('recording');
      await host.publish({ media });
      await chunksAfter(t, recording.id, backAt, 2);
      const chunks = await chunksOf(t, recording.id);
      for (const source of ['mic', 'camera']) {
        const sequences = chunks.filter((chunk) => chunk.source === source).map((chunk) => chunk.sequence);
        // Numbered on from where the first node left off, not again from 0.
        expect(sequences).toEqual(sequences.map((_, index) => index));
      }
      await host.ok({ type: 'record', action: 'stop' });
      await t.ctx.renders.idle();
      const ready = await call(t.url, 'GET', `/api/v1/recordings/${recording.id}`, { token: owner.token });
      expect(ready.body.recording.state).toBe('ready');
    } finally {
      await host.close();
      await first.stop();
    }
    expect(t.takeProblems()).toEqual([]);
  }, 120_000);
});
