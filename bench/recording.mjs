// Cloud recording cost: a meeting on an in-process server with werift participants publishing real
// VP8 (640x360, 20 fps, ~500 kbit/s) and Opus from an ffmpeg-made file, recorded for a while. Prints
// the recorder process's CPU per recorded track and its memory, the chunk bytes per minute (per
// track kind), and the render: wall time as a fraction of the recording's duration.
// Usage: node bench/recording.mjs [participants=3] [seconds=30]
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { register } from 'tsx/esm/api';

register();
const { startTestServer, signIn } = await import('../apps/server/tests/harness.ts');
const { createMeeting, TestParticipant } = await import('../apps/server/tests/test-participant.ts');
const { loadTestMedia, makeTestMediaFile, startLoopbackStun } = await import(
  '../packages/sfu/src/testing/index.ts'
);

const participantCount = Math.max(1, Math.min(6, Number(process.argv[2] ?? 3)));
const seconds = Math.max(15, Math.min(120, Number(process.argv[3] ?? 30)));
const deadline = Date.now() + (seconds + 240) * 1000;

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
function rssMiB(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
  return line ? Number(line[1]) / 1024 : Number.NaN;
}
async function until(condition, what) {
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const dir = await mkdtemp(path.join(tmpdir(), 'parley-bench-recording-'));
const stun = await startLoopbackStun();
const media = await loadTestMedia(
  await makeTestMediaFile(dir, { seconds: 10, width: 640, height: 360, fps: 20 }),
);
const t = await startTestServer('embedded', {
  env: { PARLEY_MEDIA_WORKERS: '1', PARLEY_LOG_LEVEL: 'error' },
});
const people = [];
try {
  const owner = await signIn(t.url);
  const { link } = await createMeeting(t.url, owner.token, { title: 'Recording bench', waitingRoom: false });
  for (let index = 0; index < participantCount; index++) {
    const person = await TestParticipant.join(t.url, stun.url, {
      credentials: link,
      session: index === 0 ? owner.token : undefined,
      displayName: `Person ${index + 1}`,
    });
    people.push(person);
    await person.next('joined');
    await person.publish({ media });
  }
  const host = people[0];
  const db = t.ctx.database.db;
  await host.ok({ type: 'record', action: 'start' });
  const recording = await db.selectFrom('recordings').selectAll().executeTakeFirstOrThrow();
  const tracks = participantCount * 2;
  // Measure from when every track is being recorded (the recorder and its peer are up).
  await until(async () => t.ctx.recorder.pid !== undefined, 'the recorder');
  const pid = t.ctx.recorder.pid;
  const cpuStart = cpuSeconds(pid);
  const wallStart = performance.now();
  let peakRss = rssMiB(pid);
  while (performance.now() - wallStart < seconds * 1000) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    peakRss = Math.max(peakRss, rssMiB(pid));
  }
  const cpu = cpuSeconds(pid) - cpuStart;
  const wall = (performance.now() - wallStart) / 1000;
  await host.ok({ type: 'record', action: 'stop' });

  const chunks = await db
    .selectFrom('recording_chunks')
    .selectAll()
    .where('recording_id', '=', recording.id)
    .execute();
  const stopped = await db
    .selectFrom('recordings')
    .selectAll()
    .where('id', '=', recording.id)
    .executeTakeFirstOrThrow();
  const minutes = Number(stopped.duration_ms) / 60_000;
  const bytesOf = (kind) => chunks.filter((c) => c.kind === kind).reduce((sum, c) => sum + Number(c.size), 0);
  const perTrackPerMinute = (kind) => bytesOf(kind) / (tracks / 2) / minutes / 1024 / 1024;

  const renderStart = performance.now();
  await t.ctx.renders.idle();
  await until(
    async () =>
      ['ready', 'failed'].includes(
        (
          await db
            .selectFrom('recordings')
            .select('state')
            .where('id', '=', recording.id)
            .executeTakeFirstOrThrow()
        ).state,
      ),
    'the render',
  );
  const renderSeconds = (performance.now() - renderStart) / 1000;
  const rendered = await db
    .selectFrom('recordings')
    .selectAll()
    .where('id', '=', recording.id)
    .executeTakeFirstOrThrow();

  console.log(
    `recording: ${participantCount} participants, ${tracks} tracks (VP8 640x360 20 fps + Opus), ${wall.toFixed(1)} s measured`,
  );
  console.log(
    `recorder CPU: ${((cpu / wall) * 100).toFixed(1)}% of a core in all, ${((cpu / wall / tracks) * 100).toFixed(2)}% per track; peak RSS ${peakRss.toFixed(0)} MiB`,
  );
  console.log(
    `chunks: ${chunks.length} (${chunks.filter((c) => c.kind === 'video').length} video, ${chunks.filter((c) => c.kind === 'audio').length} audio)`,
  );
  console.log(
    `bytes per minute per track: video ${perTrackPerMinute('video').toFixed(2)} MiB, audio ${perTrackPerMinute('audio').toFixed(2)} MiB; all tracks ${((bytesOf('video') + bytesOf('audio')) / minutes / 1024 / 1024).toFixed(2)} MiB/min`,
  );
  console.log(
    `render: ${rendered.state} in ${renderSeconds.toFixed(1)} s for ${(Number(rendered.duration_ms) / 1000).toFixed(1)} s of recording = ${(renderSeconds / (Number(rendered.duration_ms) / 1000)).toFixed(2)}x its duration; MP4 ${(Number(rendered.render_bytes ?? 0) / 1024 / 1024).toFixed(2)} MiB`,
  );
} finally {
  await Promise.allSettled(people.map((person) => person.close()));
  await t.stop();
  await stun.close();
  await rm(dir, { recursive: true, force: true });
}
