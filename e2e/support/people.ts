import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { AppServer } from './server.ts';

/** A US number the dev SMS outbox answers for, and the name the person signs up with. */
export interface Person {
  /** As typed into the phone field: "555 030 0001". */
  national: string;
  name: string;
}

/** Signs a new person up through the web app, and waits for their (empty) chat list. */
export async function signUp(server: AppServer, context: BrowserContext, person: Person): Promise<Page> {
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByLabel('Country').selectOption('US');
  await page.getByLabel('Phone number').fill(person.national);
  await page.getByRole('button', { name: 'Next' }).click();
  const e164 = `+1${person.national.replace(/\D/g, '')}`;
  let code = '';
  await expect.poll(async () => (code = await server.lastCode(e164).catch(() => ''))).not.toBe('');
  await page.getByLabel('6-digit code').fill(code);
  await page.getByLabel('6-digit code').press('Enter');
  await page.getByLabel('Your name').fill(person.name);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'No chats yet' }).waitFor();
  return page;
}

/** The session token the web app keeps for a signed-in page, for calling the API beside it. */
export function sessionToken(page: Page): Promise<string> {
  return page.evaluate(() => localStorage.getItem('parley.token') ?? '');
}

/**
 * A meeting link as the app shows it, on the test server's real origin: the server was started on
 * port 0, so the links it makes name port 0.
 */
export function onServer(server: AppServer, link: string): string {
  const shared = new URL(link);
  return `${server.url}${shared.pathname}${shared.search}`;
}
