/**
 * Breakout rooms in real Chromium: a signed-in host and two guests (fake cameras at low
 * resolution) in a meeting without a waiting room. The host opens two rooms, everyone is moved
 * automatically, media flows inside a room, a broadcast and a request for help go through, and
 * closing the rooms brings everyone back. The steps build on each other, as one meeting would.
 */
import type { Meeting } from '@parley/protocol';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { callApi, decodedVideoStreams, inMeeting, joinAsGuest, toolbarAction } from './support/meeting.ts';
import { meetingSuite } from './support/meeting-suite.ts';
import { onServer, sessionToken, signUp } from './support/people.ts';

const suite = meetingSuite({ PARLEY_MEDIA_WORKERS: '1' });
const { newContext } = suite;

/** The room named in the page's header once it is in a breakout room. */
async function breakoutRoomOf(page: Page): Promise<string> {
  await page.getByText('Breakout room', { exact: true }).waitFor();
  return page.getByRole('heading', { level: 1 }).innerText();
}

describe('breakout rooms', () => {
  const title = 'Workshop';
  let host: Page;
  const guests: { page: Page; name: string; room: string }[] = [];

  test('a host and two guests are in a meeting', async () => {
    host = await signUp(suite.server, await newContext(), { national: '555 050 0001', name: 'Hanna Host' });
    const meeting = await callApi<Meeting>(suite.server, await sessionToken(host), 'POST', '/meetings', {
      title,
      waitingRoom: false,
      allowGuests: true,
    });
    const link = onServer(suite.server, meeting.joinUrl);
    await host.goto(link);
    await host.getByRole('button', { name: 'Join meeting' }).click();
    await inMeeting(host);
    for (const name of ['Gina Guest', 'Gabe Guest']) {
      const page = await (await newContext()).newPage();
      await joinAsGuest(page, link, name);
      guests.push({ page, name, room: '' });
    }
    for (const name of ['Gina Guest', 'Gabe Guest']) await host.getByLabel(name, { exact: true }).waitFor();
  });

  test('the host opens two rooms; everyone is moved into one, away from the others', async () => {
    await toolbarAction(host, 'Breakout rooms');
    await host.getByRole('button', { name: 'Create breakout rooms' }).click();
    const dialog = host.getByRole('dialog', { name: 'Create breakout rooms' });
    await dialog.getByLabel('Number of rooms').fill('2');
    await dialog.getByRole('radio', { name: 'Automatically' }).check();
    await dialog.getByLabel('Move people into their rooms automatically').check();
    await dialog.getByLabel('Countdown before the rooms close (seconds)').fill('5');
    await dialog.getByRole('button', { name: 'Create rooms' }).click();
    await dialog.waitFor({ state: 'detached' });
    await host.getByText('2 breakout rooms ready.', { exact: false }).waitFor();
    await host.getByRole('button', { name: 'Open all rooms' }).click();

    for (const guest of guests) guest.room = await breakoutRoomOf(guest.page);
    expect(guests.map((guest) => guest.room).sort()).toEqual(['Room 1', 'Room 2']);
    const [gina, gabe] = guests as [(typeof guests)[0], (typeof guests)[0]];
    // Each alone in their room: the others' tiles are gone, and so is their video.
    await gina.page.getByLabel('Gabe Guest', { exact: true }).waitFor({ state: 'detached' });
    await gina.page.getByLabel('Hanna Host', { exact: true }).waitFor({ state: 'detached' });
    await expect.poll(() => decodedVideoStreams(gina.page)).toBe(0);
    // The host's panel shows who is where.
    const room = host.getByRole('region', { name: gina.room });
    await room.getByText('Gina Guest').waitFor();
    await expect.poll(() => room.getByText('In the room', { exact: true }).count()).toBe(1);
    await gabe.page.getByRole('button', { name: 'Leave room' }).waitFor();
  });

  test('media flows in a room the host visits', async () => {
    const gina = guests[0] as (typeof guests)[0];
    await host.getByRole('button', { name: `Join ${gina.room}`, exact: true }).click();
    await host.getByText('Breakout room', { exact: true }).waitFor();
    await gina.page.getByLabel('Hanna Host', { exact: true }).waitFor();
    await expect.poll(() => decodedVideoStreams(gina.page), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => decodedVideoStreams(host), { timeout: 20_000 }).toBe(1);
  });

  test('a message from the host reaches every room', async () => {
    await host.getByRole('textbox', { name: 'Message to all rooms' }).fill('Five minutes left');
    await host.getByRole('button', { name: 'Send to all rooms' }).click();
    for (const guest of guests)
      await guest.page.getByText('Hanna Host to all rooms: Five minutes left').waitFor();
  });

  test('the breakout line fits a phone', async () => {
    const gina = (guests[0] as (typeof guests)[0]).page;
    await gina.setViewportSize({ width: 360, height: 740 });
    const line = gina.getByRole('region', { name: 'Breakout rooms' });
    for (const name of ['Ask for help', 'Leave room']) await line.getByRole('button', { name }).waitFor();
    await gina.getByText('Breakout room', { exact: true }).waitFor();
    expect(await gina.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await gina.setViewportSize({ width: 1100, height: 760 });
  });

  test('a guest asks for help; the host sees who and where, and goes there', async () => {
    const gabe = guests[1] as (typeof guests)[0];
    await gabe.page.getByRole('button', { name: 'Ask for help' }).click();
    await host.getByText(`Gabe Guest asks for help in ${gabe.room}`).first().waitFor();
    await host.getByRole('button', { name: `Join ${gabe.room} to help Gabe Guest` }).click();
    await expect.poll(() => breakoutRoomOf(host)).toBe(gabe.room);
    await gabe.page.getByLabel('Hanna Host', { exact: true }).waitFor();
    await expect.poll(() => decodedVideoStreams(gabe.page), { timeout: 20_000 }).toBe(1);
  });

  test('the host closes the rooms; after the countdown everyone is back in the main room', async () => {
    await host.getByRole('button', { name: 'Close all rooms' }).click();
    for (const guest of guests) {
      await guest.page.getByText(/^Breakout rooms close in 0:0[1-5]$/).waitFor();
    }
    for (const page of [host, ...guests.map((guest) => guest.page)]) {
      await page.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: 15_000 });
    }
    const [gina, gabe] = guests as [(typeof guests)[0], (typeof guests)[0]];
    await gina.page.getByLabel('Gabe Guest', { exact: true }).waitFor();
    await gabe.page.getByLabel('Gina Guest', { exact: true }).waitFor();
    await expect.poll(() => decodedVideoStreams(gina.page), { timeout: 20_000 }).toBe(2);
    expect(await gina.page.getByText('Breakout room', { exact: true }).count()).toBe(0);
  });
});
