/**
 * A meeting in real Chromium through Parley's own SFU: a signed-in host and two guests (one by link
 * through the waiting room, one by meeting id + passcode), at low resolution. The steps build on
 * each other, as one meeting would.
 */
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { decodedVideoStreams, inMeeting } from './support/meeting.ts';
import { meetingSuite } from './support/meeting-suite.ts';
import { signUp } from './support/people.ts';

const suite = meetingSuite({ PARLEY_MEDIA_WORKERS: '1' });
const { newContext } = suite;

/** Audio packets the page has sent, over every peer connection. */
async function audioPacketsSent(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let packets = 0;
    for (const connection of window.parleyConnections) {
      if (connection.connectionState === 'closed') continue;
      (await connection.getStats()).forEach((stats) => {
        if (stats.type === 'outbound-rtp' && stats.kind === 'audio') packets += stats.packetsSent;
      });
    }
    return packets;
  });
}

/** Frames decoded by the page's <video> showing `source` of someone else. */
async function framesShown(page: Page, source: 'camera' | 'screen'): Promise<number> {
  return page.evaluate((wanted) => {
    let frames = 0;
    for (const video of document.querySelectorAll<HTMLVideoElement>(`video[data-source="${wanted}"]`)) {
      frames += video.getVideoPlaybackQuality().totalVideoFrames;
    }
    return frames;
  }, source);
}

/** Opens a side panel ("Participants", "Chat") unless it is open already (the buttons toggle). */
async function openPanel(page: Page, name: 'Participants' | 'Chat'): Promise<void> {
  const button = page.getByRole('button', { name: new RegExp(`^${name}`) });
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
}

function signUpHost(context: BrowserContext): Promise<Page> {
  return signUp(suite.server, context, { national: '555 030 0001', name: 'Hanna Host' });
}

describe('a meeting with a host and two guests', () => {
  let host: Page;
  let linkGuest: Page;
  let codeGuest: Page;
  let meeting: { link: string; code: string; passcode: string };

  test('the host schedules a meeting and starts it', async () => {
    host = await signUpHost(await newContext());
    await host.goto(`${suite.server.url}/meetings`);
    await host.getByRole('button', { name: 'Schedule' }).click();
    const dialog = host.getByRole('dialog');
    await dialog.getByLabel('Title').fill('Design review');
    await dialog.getByLabel('Passcode').fill('fig42');
    await dialog.getByRole('button', { name: 'Schedule' }).click();
    await dialog.waitFor({ state: 'detached' });
    const item = host.getByRole('listitem').filter({ hasText: 'Design review' });
    const text = await item.innerText();
    const link = /https?:\/\/\S+\/j\/\d+\?t=[\w-]+/.exec(text)?.[0];
    const code = /\d{3} \d{3,4} \d{4}/.exec(text)?.[0]?.replace(/ /g, '');
    expect(link, text).toBeDefined();
    expect(code, text).toBeDefined();
    // The server was started on port 0, so its links name port 0: keep the path, use the real origin.
    const shared = new URL(link as string);
    meeting = {
      link: `${suite.server.url}${shared.pathname}${shared.search}`,
      code: code as string,
      passcode: 'fig42',
    };

    await item.getByRole('button', { name: 'Start' }).click();
    await host.getByRole('button', { name: 'Join meeting' }).click();
    await inMeeting(host);
  });

  test('a guest joins by link through the waiting room', async () => {
    linkGuest = await (await newContext()).newPage();
    await linkGuest.goto(meeting.link);
    await linkGuest.getByLabel('Your name').fill('Lina Link');
    await linkGuest.getByRole('button', { name: 'Join meeting' }).click();
    await linkGuest.getByText('Waiting for the host to let you in').waitFor();

    await openPanel(host, 'Participants');
    await host.getByRole('button', { name: 'Admit Lina Link' }).click();
    await inMeeting(linkGuest);
  });

  test('a second guest joins by meeting id and passcode', async () => {
    codeGuest = await (await newContext()).newPage();
    await codeGuest.goto(`${suite.server.url}/join`);
    await codeGuest.getByLabel('Meeting ID').fill(meeting.code);
    await codeGuest.getByLabel('Passcode').fill(meeting.passcode);
    await codeGuest.getByRole('button', { name: 'Continue' }).click();
    await codeGuest.getByLabel('Your name').fill('Cody Code');
    await codeGuest.getByRole('button', { name: 'Join meeting' }).click();
    await codeGuest.getByText('Waiting for the host to let you in').waitFor();
    await host.getByRole('button', { name: 'Admit Cody Code' }).click();
    await inMeeting(codeGuest);
  });

  /** The second guest's meeting sockets pass through here, so a test can cut them like a network would. */
  const cut = { holding: false, routes: [] as { page: WebSocketRoute; server: WebSocketRoute }[] };

  test('a guest leaves and comes back', async () => {
    await codeGuest.routeWebSocket(/\/api\/v1\/meetings\/socket/, (page) => {
      if (cut.holding) {
        page.close({ code: 1011, reason: 'network down' });
        return;
      }
      cut.routes.push({ page, server: page.connectToServer() });
    });
    await codeGuest.getByRole('button', { name: 'Leave' }).click();
    await codeGuest.getByRole('button', { name: 'Leave meeting' }).click();
    await host.getByLabel('Cody Code', { exact: true }).waitFor({ state: 'detached' });

    await codeGuest.goto(meeting.link);
    await codeGuest.getByLabel('Your name').fill('Cody Code');
    await codeGuest.getByRole('button', { name: 'Join meeting' }).click();
    await codeGuest.getByText('Waiting for the host to let you in').waitFor();
    await openPanel(host, 'Participants');
    await host.getByRole('button', { name: 'Admit Cody Code' }).click();
    await inMeeting(codeGuest);
    await host.getByLabel('Cody Code', { exact: true }).waitFor();
    await expect.poll(() => decodedVideoStreams(codeGuest), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  });

  test('a dropped connection comes back as the same participant, shown as reconnecting meanwhile', async () => {
    const tile = host.getByLabel('Cody Code', { exact: true });
    cut.holding = true;
    const current = cut.routes.at(-1);
    await current?.server.close();
    await tile.getByText('Reconnecting…').waitFor();
    cut.holding = false;
    await tile.getByText('Reconnecting…').waitFor({ state: 'detached', timeout: 20_000 });
    await expect.poll(() => decodedVideoStreams(codeGuest), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(() => framesShown(host, 'camera'), { timeout: 20_000 }).toBeGreaterThan(0);
  });

  test('every page decodes video from both others', async () => {
    for (const page of [host, linkGuest, codeGuest]) {
      await expect.poll(() => decodedVideoStreams(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    }
  });

  test('the host mutes a guest and everyone sees it', async () => {
    await openPanel(host, 'Participants');
    await host.getByRole('button', { name: 'More actions for Lina Link' }).click();
    await host.getByRole('menuitem', { name: 'Mute', exact: true }).click();
    await linkGuest.getByRole('button', { name: 'Unmute', exact: true }).waitFor();
    for (const page of [host, codeGuest]) await page.getByLabel('Lina Link is muted').first().waitFor();
  });

  test('a screen share reaches the others', async () => {
    await codeGuest.getByRole('button', { name: 'Share screen' }).click();
    await codeGuest.getByRole('button', { name: 'Stop sharing' }).waitFor();
    for (const page of [host, linkGuest]) {
      await expect.poll(() => framesShown(page, 'screen'), { timeout: 20_000 }).toBeGreaterThan(0);
    }
    await codeGuest.getByRole('button', { name: 'Stop sharing' }).click();
    await codeGuest.getByRole('button', { name: 'Share screen' }).waitFor();
  });

  test('chat carries a file to everyone', async () => {
    await openPanel(linkGuest, 'Chat');
    await linkGuest.getByLabel('Attach file').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Decisions: ship it.'),
    });
    await linkGuest.getByLabel('Message').fill('Here are the notes');
    await linkGuest.getByRole('button', { name: 'Send' }).click();

    await openPanel(host, 'Chat');
    await host.getByText('Here are the notes').waitFor();
    const download = host.waitForEvent('download');
    await host.getByRole('button', { name: 'Download notes.txt' }).click();
    const file = await (await download).path();
    expect(await readFile(file, 'utf8')).toBe('Decisions: ship it.');
  });

  test('noise suppression runs RNNoise in an AudioWorklet, and turns off', async () => {
    const toggle = codeGuest.getByRole('button', { name: 'Noise suppression', exact: true });
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    const fetched = await codeGuest.evaluate(() =>
      performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname),
    );
    expect(fetched.some((path) => /rnnoise.*\.wasm$/.test(path))).toBe(true);
    const before = await audioPacketsSent(codeGuest);
    await expect.poll(() => audioPacketsSent(codeGuest)).toBeGreaterThan(before);

    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
    const after = await audioPacketsSent(codeGuest);
    await expect.poll(() => audioPacketsSent(codeGuest)).toBeGreaterThan(after);
  });

  test('the host ends the meeting for everyone, and it is listed as past with its figures', async () => {
    await host.getByRole('button', { name: 'Leave', exact: true }).click();
    await host.getByRole('button', { name: 'End meeting for all' }).click();
    for (const page of [linkGuest, codeGuest]) {
      await page.getByRole('heading', { name: 'Hanna Host ended the meeting' }).waitFor();
    }
    await host.goto(`${suite.server.url}/meetings`);
    const past = host
      .getByRole('region', { name: 'Past' })
      .getByRole('listitem')
      .filter({ hasText: 'Design review' });
    await past.waitFor();
    const text = await past.innerText();
    expect(text).toMatch(/Most participants\s*3/);
    expect(text).toMatch(/Chat messages\s*1/);
  });
});
