// How long a call takes to connect in real Chromium: Ann calls Ben from their direct chat, Ben
// answers with video, and the script times each call from his click on Accept until both pages
// decode the other's video. First peer-to-peer; then with PARLEY_CALL_ICE_POLICY=relay and no TURN
// server, so that every call moves to the SFU once PARLEY_CALL_P2P_TIMEOUT_MS (3 s here) has
// passed: that wait is most of the second figure. Load average printed (two browsers on 2 cores).
// Usage: node bench/call-setup.mjs [callsPerMode=5]   (needs `npm run build` and /usr/bin/chromium)
import { loadavg } from 'node:os';
import { register } from 'tsx/esm/api';

register();
const { startAppServer } = await import('../e2e/support/server.ts');
const { launchBrowser } = await import('../e2e/support/browser.ts');
const { decodedVideoStreams, meetingContext } = await import('../e2e/support/meeting.ts');
const { signUpInBrowser } = await import('./support/sign-up.mjs');

const calls = Math.max(1, Math.min(20, Number(process.argv[2] ?? 5)));
const modes = [
  { name: 'peer-to-peer', env: {} },
  { name: 'SFU fallback', env: { PARLEY_CALL_ICE_POLICY: 'relay', PARLEY_CALL_P2P_TIMEOUT_MS: '3000' } },
];

/** Waits until `done()` holds, checking every 50 ms, for at most `timeoutMs`. */
async function until(done, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

const browser = await launchBrowser();
try {
  for (const [index, mode] of modes.entries()) {
    const server = await startAppServer(mode.env);
    const contexts = [await meetingContext(browser), await meetingContext(browser)];
    try {
      const ann = await signUpInBrowser(server, contexts[0], `555 06${index} 0001`, 'Ann');
      const ben = await signUpInBrowser(server, contexts[1], `555 06${index} 0002`, 'Ben');
      await ann.getByRole('button', { name: 'New chat' }).click();
      const dialog = ann.getByRole('dialog', { name: 'New chat' });
      await dialog.getByLabel('Phone number').fill(`555 06${index} 0002`);
      await dialog.getByRole('button', { name: 'Find' }).click();
      await dialog.getByRole('button', { name: 'Message Ben' }).click();
      const box = ann.getByRole('textbox', { name: 'Message' });
      await box.fill('Call me');
      await box.press('Enter');
      await ben.getByRole('list', { name: 'Chats', exact: true }).getByRole('link', { name: /^Ann/ }).click();

      const times = [];
      for (let n = 0; n < calls; n += 1) {
        await ann.getByRole('button', { name: 'Video call' }).click();
        const accept = ben
          .getByRole('alertdialog', { name: /^Incoming call from/ })
          .getByRole('button', { name: 'Accept with video' });
        await accept.waitFor();
        const started = performance.now();
        await accept.click();
        await until(
          async () => (await decodedVideoStreams(ann)) >= 1 && (await decodedVideoStreams(ben)) >= 1,
          30_000,
        );
        times.push(performance.now() - started);
        await ann.getByRole('button', { name: 'End call' }).click();
        for (const page of [ann, ben]) {
          await page.getByRole('region', { name: 'Call controls' }).waitFor({ state: 'detached' });
        }
      }
      const sorted = [...times].sort((a, b) => a - b);
      const ms = (value) => `${Math.round(value)} ms`;
      console.log(
        `${mode.name}: ${calls} calls, Accept → both decode video: p50 ${ms(percentile(sorted, 50))}, ` +
          `p90 ${ms(percentile(sorted, 90))}, max ${ms(sorted.at(-1))} (load ${loadavg()[0].toFixed(1)})`,
      );
    } finally {
      await Promise.all(contexts.map((context) => context.close()));
      await server.stop();
    }
  }
} finally {
  await browser.close();
}
