import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.ts';
import { startAppServer } from './support/server.ts';

type AppServer = Awaited<ReturnType<typeof startAppServer>>;

let server: AppServer;
let browser: Browser;

beforeAll(async () => {
  server = await startAppServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Steps 1 and 2 of sign-in as a person does them: country, number, then the code from the SMS. */
async function enterPhoneAndCode(page: Page, national: string, e164: string) {
  await page.getByLabel('Country').selectOption('US');
  await page.getByLabel('Phone number').fill(national);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Verify your number' }).isVisible()).toBe(true);
  await page.getByLabel('6-digit code').fill(await server.lastCode(e164));
  await page.getByLabel('6-digit code').press('Enter');
}

async function avatarNaturalWidth(page: Page): Promise<number> {
  const image = page.getByRole('img', { name: 'Your profile photo' });
  await image.waitFor();
  return image.evaluate((element) =>
    element instanceof HTMLImageElement && element.complete ? element.naturalWidth : 0,
  );
}

describe('a new user, in a real browser', () => {
  it('signs up with a phone number and code, sets name and photo, stays signed in across reloads, signs out and back in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);

    // Sign up: a wrong code first, as people mistype, then the right one.
    await page.getByLabel('Country').selectOption('US');
    await page.getByLabel('Phone number').fill('555 010 2030');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('6-digit code').waitFor();
    const code = await server.lastCode('+15550102030');
    await page.getByLabel('6-digit code').fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/not right/i);
    await page.getByLabel('6-digit code').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();

    await page.getByLabel('Your name').fill('Ada Lovelace');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Chats', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'No chats yet' }).waitFor();

    // Profile: a photo and an about line.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#3a7' } })
      .jpeg()
      .toBuffer();
    await page
      .getByLabel('Change photo')
      .setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByText('Photo updated.').waitFor();
    await page.getByLabel('About').fill('First programmer');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved').waitFor();
    expect(await avatarNaturalWidth(page)).toBeGreaterThan(0);

    // Reload: still signed in, name, about and photo kept.
    await page.reload();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Ada Lovelace');
    expect(await page.getByLabel('About').inputValue()).toBe('First programmer');
    await expect.poll(() => avatarNaturalWidth(page)).toBeGreaterThan(0);

    // Sign out, then sign in again: the same account, no name step.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { name: 'Enter your phone number' }).waitFor();
    expect(await page.evaluate(() => Object.keys(localStorage).length)).toBe(0);
    await enterPhoneAndCode(page, '555 010 2030', '+15550102030');
    await page.getByRole('heading', { name: 'Chats', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Ada Lovelace');

    // Two devices now: the earlier session was ended by signing out, so only this one is listed.
    await page.getByText('This device').waitFor();
    expect(await page.getByRole('button', { name: /^Sign out / }).count()).toBe(0);
    await context.close();
  });

  it('works at phone width and follows a sign-out made from another device', async () => {
    const phone = { national: '555 010 4050', e164: '+15550104050' };
    const laptop = await browser.newContext();
    const mobile = await browser.newContext({
      viewport: { width: 375, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    const laptopPage = await laptop.newPage();
    const mobilePage = await mobile.newPage();

    await laptopPage.goto(server.url);
    await enterPhoneAndCode(laptopPage, phone.national, phone.e164);
    await laptopPage.getByLabel('Your name').fill('Grace');
    await laptopPage.getByRole('button', { name: 'Continue' }).click();
    await laptopPage.getByRole('heading', { name: 'Chats', level: 1 }).waitFor();

    await mobilePage.goto(server.url);
    await enterPhoneAndCode(mobilePage, phone.national, phone.e164);
    await mobilePage.getByRole('heading', { name: 'Chats', level: 1 }).waitFor();
    const nav = mobilePage.getByRole('navigation', { name: 'Main' });
    const box = await nav.boundingBox();
    expect(box && box.y + box.height).toBeGreaterThan(740 - 100); // a bottom tab bar
    expect(await mobilePage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // The phone signs the laptop out; the laptop hears it over its messenger connection and goes
    // back to sign-in by itself.
    await nav.getByRole('link', { name: 'Settings' }).click();
    await mobilePage.getByRole('button', { name: 'Sign out all other devices' }).click();
    await expect.poll(() => mobilePage.getByRole('button', { name: /^Sign out / }).count()).toBe(0);
    await laptopPage.getByRole('heading', { name: 'Enter your phone number' }).waitFor();
    await laptopPage.getByText('This device was signed out').waitFor();

    await laptop.close();
    await mobile.close();
  });
});
