/**
 * Cloud recording in real Chromium: a signed-in host and a guest with fake cameras, the host
 * records from the toolbar, then watches the recording: first from its recorded parts (Media
 * Source Extensions, while the MP4 renders), then the rendered MP4.
 */
import type { Meeting, RecordingList, RecordingPlayback } from '@parley/protocol';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { callApi, toolbarAction } from './support/meeting.ts';
import { meetingSuite } from './support/meeting-suite.ts';
import { onServer, sessionToken, signUp } from './support/people.ts';

const suite = meetingSuite({ PARLEY_MEDIA_WORKERS: '1' });
const { newContext } = suite;

/** Plays a <video> from the start (muted: no autoplay rules apply) and proves its clock runs over decoded frames. */
async function provePlays(video: Locator): Promise<{ from: number; to: number; width: number }> {
  await video.waitFor();
  const from = await video.evaluate((element: HTMLVideoElement) => {
    element.muted = true;
    element.currentTime = 0;
    // Not awaited: play() settles only once frames come, and the poll below says how long is too long.
    element.play().catch(() => undefined);
    return element.currentTime;
  });
  let to = from;
  try {
    await expect
      .poll(async () => (to = await video.evaluate((element: HTMLVideoElement) => element.currentTime)), {
        timeout: 20_000,
      })
      .toBeGreaterThan(1);
  } catch (error) {
    throw new Error(`the video's clock stopped at ${to} s: ${await mediaState(video)}`, { cause: error });
  }
  const width = await video.evaluate((element: HTMLVideoElement) => element.videoWidth);
  return { from, to, width };
}

/** What a stalled <video> holds and does, for the failure message. */
function mediaState(video: Locator): Promise<string> {
  return video.evaluate((element: HTMLVideoElement) => {
    const ranges: string[] = [];
    for (let i = 0; i < element.buffered.length; i += 1) {
      ranges.push(`${element.buffered.start(i).toFixed(3)}-${element.buffered.end(i).toFixed(3)}`);
    }
    const alert = element.ownerDocument.querySelector('[role="alert"]')?.textContent ?? 'none';
    return JSON.stringify({
      buffered: ranges,
      duration: element.duration,
      paused: element.paused,
      seeking: element.seeking,
      readyState: element.readyState,
      error: element.error?.message ?? null,
      size: `${element.videoWidth}x${element.videoHeight}`,
      alert,
    });
  });
}

describe('recording a meeting', () => {
  let host: Page;
  let guest: Page;
  let token: string;
  let recordingId: string;

  test('the host and a guest are in a meeting', async () => {
    host = await signUp(suite.server, await newContext(), {
      national: '555 040 0001',
      name: 'Rita Recorder',
    });
    token = await sessionToken(host);
    const meeting = await callApi<Meeting>(suite.server, token, 'POST', '/meetings', {
      title: 'Recorded review',
      waitingRoom: false,
      allowGuests: true,
    });
    const link = onServer(suite.server, meeting.joinUrl);
    await host.goto(link);
    await host.getByRole('button', { name: 'Join meeting' }).click();
    await host.getByRole('button', { name: 'Leave' }).waitFor();

    guest = await (await newContext()).newPage();
    await guest.goto(link);
    await guest.getByLabel('Your name').fill('Gus Guest');
    await guest.getByRole('button', { name: 'Join meeting' }).click();
    await guest.getByRole('button', { name: 'Leave' }).waitFor();
  });

  test('the host records; everyone sees it; a guest joining later is told before joining', async () => {
    await toolbarAction(host, 'Record');
    for (const page of [host, guest]) {
      await page.getByRole('img', { name: 'This meeting is being recorded' }).waitFor();
    }
    await guest.getByText(/^Recording started/).waitFor();
    // Only hosts have the controls.
    expect(await guest.getByRole('button', { name: 'Record' }).count()).toBe(0);

    const late = await (await newContext()).newPage();
    await late.goto(guest.url());
    await late.getByText('This meeting is being recorded').waitFor();
    await late.close();
  });

  test('chunks of both cameras come in; the host pauses, resumes and stops', async () => {
    await expect
      .poll(
        async () => {
          const { recordings } = await callApi<RecordingList>(suite.server, token, 'GET', '/recordings');
          recordingId = recordings[0]?.id ?? '';
          if (recordingId === '') return 0;
          const playback = await callApi<RecordingPlayback>(
            suite.server,
            token,
            'GET',
            `/recordings/${recordingId}`,
          );
          return new Set(playback.chunks.filter((c) => c.source === 'camera').map((c) => c.participantId))
            .size;
        },
        { timeout: 40_000, interval: 500 },
      )
      .toBe(2);
    // A chat message goes into the recording's transcript.
    await guest.getByRole('button', { name: /^Chat/ }).click();
    await guest.getByLabel('Message', { exact: true }).fill('Slide 3 looks good');
    await guest.getByLabel('Message', { exact: true }).press('Enter');
    await host.getByText('Slide 3 looks good').first().waitFor();
    await toolbarAction(host, 'Pause recording');
    await guest.getByRole('img', { name: 'Recording paused' }).waitFor();
    await toolbarAction(host, 'Resume recording');
    await guest.getByRole('img', { name: 'This meeting is being recorded' }).waitFor();
    await toolbarAction(host, 'Stop recording');
    for (const page of [host, guest]) {
      await page.getByRole('img', { name: /recorded|paused/ }).waitFor({ state: 'detached' });
    }
  });

  test('the host watches it: the recorded parts play while the video is prepared, then the MP4', async () => {
    const watcher = await host.context().newPage();
    await watcher.goto(`${suite.server.url}/meetings`);
    await watcher.getByRole('heading', { name: 'Recordings' }).waitFor();
    await watcher.getByRole('link', { name: 'Recorded review' }).click();
    await watcher.getByRole('heading', { name: 'Recorded review' }).waitFor();

    // The parts play however far rendering is (`?play=parts` keeps them when the MP4 comes meanwhile).
    const page = watcher.url();
    await watcher.goto(`${page}?play=parts`);
    const parts = watcher.locator('video[data-player="chunks"]');
    const chunkPlay = await provePlays(parts);
    expect(chunkPlay.width).toBeGreaterThan(0);
    // On to the end, across the seams between chunks and the pause (quickly: at 4×).
    await parts.evaluate((element: HTMLVideoElement) => {
      element.playbackRate = 4;
    });
    try {
      await expect
        .poll(() => parts.evaluate((element: HTMLVideoElement) => element.ended), { timeout: 30_000 })
        .toBe(true);
    } catch (error) {
      throw new Error(`the recorded parts did not play to the end: ${await mediaState(parts)}`, {
        cause: error,
      });
    }
    const wasRendering = await watcher.getByText(/^Preparing the video/).isVisible();
    console.info(`recording e2e: parts played (${wasRendering ? 'while rendering' : 'render already done'})`);
    await watcher.goto(page);

    // Rendering shares two cores with four browsers here: give it time.
    await watcher.getByText('Ready', { exact: true }).waitFor({ timeout: 150_000 });
    const mp4 = watcher.locator('video[data-player="video"]');
    const mp4Play = await provePlays(mp4);
    expect(mp4Play.width).toBeGreaterThan(0);
    await watcher.getByRole('link', { name: 'Download video' }).waitFor();

    // A chat message in the transcript plays the video from its moment.
    const { transcript } = await callApi<RecordingPlayback>(
      suite.server,
      token,
      'GET',
      `/recordings/${recordingId}`,
    );
    const said = transcript.find((entry) => entry.text === 'Slide 3 looks good');
    expect(said).toBeDefined();
    await watcher.getByRole('button', { name: /Slide 3 looks good/ }).click();
    await expect
      .poll(() => mp4.evaluate((element: HTMLVideoElement) => element.currentTime))
      .toBeGreaterThanOrEqual((said?.offsetMs ?? 0) / 1000 - 0.5);

    // On a phone the transcript goes under the video; nothing is wider than the screen.
    await watcher.setViewportSize({ width: 375, height: 740 });
    await watcher.getByRole('heading', { name: 'Chat' }).scrollIntoViewIfNeeded();
    expect(await watcher.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
      true,
    );
    console.info(
      `recording e2e: parts ${wasRendering ? 'while rendering' : '(render was done first)'} played ` +
        `${chunkPlay.from.toFixed(1)}→${chunkPlay.to.toFixed(1)} s at ${chunkPlay.width}px; ` +
        `MP4 ${mp4Play.from.toFixed(1)}→${mp4Play.to.toFixed(1)} s at ${mp4Play.width}px`,
    );
  }, 240_000);
});
