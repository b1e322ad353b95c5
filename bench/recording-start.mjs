// How soon a cloud recording of real Chromium publishers has media: a signed-in host and a guest
// with fake cameras (headless Debian Chromium) in a meeting, the host records from the toolbar, and
// the script prints, per track, where the first chunk starts on the recording's timeline (its
// startedAt less the recording's start). Everything before that is missing from the recording. The
// figures grow with the machine's load (printed too): the recorder's process start, ICE and DTLS,
// and the browsers' keyframes all wait for a CPU.
// Usage: node bench/recording-start.mjs [recordSeconds=15]   (needs `npm run build` and /usr/bin/chromium)
import { loadavg } from 'node:os';
import { register } from 'tsx/esm/api';

register();
const { startAppServer } = await import('../e2e/support/server.ts');
const { launchBrowser } = await import('../e2e/support/browser.ts');
const { onServer, sessionToken } = await import('../e2e/support/people.ts');
const { callApi, toolbarAction } = await import('../e2e/support/meeting.ts');
const { signUpInBrowser } = await import('./support/sign-up.mjs');

const seconds = Math.max(5, Math.min(120, Number(process.argv[2] ?? 15)));
const server = await startAppServer({ PARLEY_MEDIA_WORKERS: '1' });
const browser = await launchBrowser();

try {
  const context = () => browser.newContext({ viewport: { width: 1100, height: 760 } });
  const host = await signUpInBrowser(server, await context(), '555 040 0001', 'Rita Recorder');
  const token = await sessionToken(host);
  const meeting = await callApi(server, token, 'POST', '/meetings', {
    title: 'Recording start',
    waitingRoom: false,
    allowGuests: true,
  });
  const link = onServer(server, meeting.joinUrl);
  await host.goto(link);
  await host.getByRole('button', { name: 'Join meeting' }).click();
  await host.getByRole('button', { name: 'Leave' }).waitFor();
  const guest = await (await context()).newPage();
  await guest.goto(link);
  await guest.getByLabel('Your name').fill('Gus Guest');
  await guest.getByRole('button', { name: 'Join meeting' }).click();
  await guest.getByRole('button', { name: 'Leave' }).waitFor();
  // Both see each other (their own preview and the other's camera play), then talk a while.
  for (const page of [host, guest]) {
    await page.waitForFunction(
      () => [...document.querySelectorAll('video')].filter((video) => video.videoWidth > 0).length >= 2,
      undefined,
      { timeout: 60_000 },
    );
  }
  await new Promise((resolve) => setTimeout(resolve, 3000));

  const db = server.ctx.database.db;
  await toolbarAction(host, 'Record');
  await guest.getByRole('img', { name: 'This meeting is being recorded' }).waitFor();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  await toolbarAction(host, 'Stop recording');
  await host.getByRole('img', { name: /recorded|paused/ }).waitFor({ state: 'detached' });

  const recording = await db.selectFrom('recordings').selectAll().executeTakeFirstOrThrow();
  const chunks = await db
    .selectFrom('recording_chunks')
    .selectAll()
    .where('recording_id', '=', recording.id)
    .orderBy('started_at')
    .execute();
  const start = Number(recording.started_at);
  const first = new Map();
  for (const chunk of chunks) {
    const key = `${chunk.participant_id.slice(-6)} ${chunk.source}`;
    if (!first.has(key)) first.set(key, chunk);
  }
  const load = loadavg()[0].toFixed(1);
  console.log(
    `recording of ${seconds} s (load ${load}), ${chunks.length} chunks; first chunk of each track:`,
  );
  for (const [key, chunk] of first) {
    const size = chunk.width ? ` ${chunk.width}x${chunk.height}` : '';
    console.log(
      `  ${key.padEnd(16)} starts at +${((Number(chunk.started_at) - start) / 1000).toFixed(2)} s${size}`,
    );
  }
} finally {
  await browser.close();
  await server.stop();
}
