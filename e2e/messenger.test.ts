import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
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

const people = {
  alice: { national: '555 020 0001', e164: '+15550200001', name: 'Alice' },
  bob: { national: '555 020 0002', e164: '+15550200002', name: 'Bob' },
  cal: { national: '555 020 0003', e164: '+15550200003', name: 'Cal' },
};

/** Signs a new person up, as in sign-up.test.ts, and waits for their (empty) chat list. */
async function signUp(context: BrowserContext, person: (typeof people)['alice']): Promise<Page> {
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByLabel('Country').selectOption('US');
  await page.getByLabel('Phone number').fill(person.national);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('6-digit code').fill(await codeFor(person.e164));
  await page.getByLabel('6-digit code').press('Enter');
  await page.getByLabel('Your name').fill(person.name);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'No chats yet' }).waitFor();
  return page;
}

async function codeFor(e164: string): Promise<string> {
  let code = '';
  await expect
    .poll(async () => {
      code = await server.lastCode(e164).catch(() => '');
      return code;
    })
    .not.toBe('');
  return code;
}

/** A chat's row in the chat list. */
function chatRow(page: Page, title: string): Locator {
  return page
    .getByRole('list', { name: 'Chats', exact: true })
    .getByRole('link', { name: new RegExp(`^${title}`) });
}

/** One message in the open chat's timeline, found by its text. */
function message(page: Page, text: string): Locator {
  return page.getByRole('list', { name: 'Messages' }).getByRole('listitem').filter({ hasText: text });
}

async function send(page: Page, text: string) {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
  await message(page, text).waitFor();
}

/** What this origin keeps in Cache Storage and in OPFS (run in the page). */
async function storedLocally(): Promise<{ caches: string[]; files: string[] }> {
  const files: string[] = [];
  const root: any = await navigator.storage.getDirectory();
  for await (const name of root.keys()) files.push(name);
  return { caches: await caches.keys(), files };
}

async function naturalWidth(image: Locator): Promise<number> {
  return image.evaluate((element) =>
    element instanceof HTMLImageElement && element.complete ? element.naturalWidth : 0,
  );
}

describe('the messenger, in real browsers', () => {
  it('delivers text, a photo and a voice message with receipts, in direct chats and groups, and keeps history', async () => {
    // Three people, three browsers; Bob is on a phone.
    const aliceContext = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    const bobContext = await browser.newContext({
      viewport: { width: 375, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    const calContext = await browser.newContext({ viewport: { width: 800, height: 600 } });
    const alice = await signUp(aliceContext, people.alice);
    let bob = await signUp(bobContext, people.bob);
    const cal = await signUp(calContext, people.cal);

    // Bob closes Parley: what Alice writes now waits on the server for his device.
    await bob.close();

    // Alice finds Bob by his number and writes to him.
    await alice.getByRole('button', { name: 'New chat' }).click();
    const newChat = alice.getByRole('dialog', { name: 'New chat' });
    await newChat.getByLabel('Phone number').fill('555 020 9999');
    await newChat.getByRole('button', { name: 'Find' }).click();
    await newChat.getByText('No one on Parley uses that number yet.').waitFor();
    await newChat.getByLabel('Phone number').fill(people.bob.national);
    await newChat.getByRole('button', { name: 'Find' }).click();
    await newChat.getByRole('button', { name: 'Message Bob' }).click();
    await alice.getByRole('heading', { name: 'Chats', level: 1 }).waitFor();
    await send(alice, 'Hi Bob, pancakes on Sunday?');
    const question = message(alice, 'Hi Bob, pancakes on Sunday?');
    await question.getByRole('img', { name: 'Sent' }).waitFor();

    // Bob opens Parley again: the message reaches his device (two ticks), then he reads it (blue).
    bob = await bobContext.newPage();
    await bob.goto(server.url);
    await question.getByRole('img', { name: 'Delivered' }).waitFor();
    const chatWithAlice = chatRow(bob, 'Alice');
    await chatWithAlice.getByText('1 unread message').waitFor();
    await chatWithAlice.click();
    await message(bob, 'Hi Bob, pancakes on Sunday?').waitFor();
    await question.getByRole('img', { name: 'Read' }).waitFor();
    await send(bob, 'Yes! I will bring syrup');
    await message(alice, 'Yes! I will bring syrup').waitFor();

    // A photo: Bob's browser shows it, decoded.
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#e9a23b' } })
      .png()
      .toBuffer();
    await alice
      .getByLabel('Attach files')
      .setInputFiles({ name: 'pancakes.png', mimeType: 'image/png', buffer: photo });
    const bobsPhoto = bob.getByRole('img', { name: 'pancakes.png' });
    await expect.poll(() => naturalWidth(bobsPhoto)).toBeGreaterThan(0);

    // A voice message recorded from the fake microphone: Bob's player knows its length.
    await alice.getByRole('button', { name: 'Record voice message' }).click();
    await alice.getByRole('timer').filter({ hasText: '0:01' }).waitFor();
    await alice.getByRole('button', { name: 'Send voice message' }).click();
    const bobsVoice = bob.getByRole('slider', { name: 'Voice message position' });
    await expect.poll(() => bobsVoice.getAttribute('aria-valuetext')).toMatch(/^0:00 of 0:0[1-9]$/);
    await expect.poll(() => bob.getByRole('button', { name: 'Play voice message' }).isEnabled()).toBe(true);

    // A group with Bob and Cal: Cal sees it in his list and reads Alice's message there.
    await alice.getByRole('button', { name: 'New group' }).click();
    const newGroup = alice.getByRole('dialog', { name: 'New group' });
    await newGroup.getByLabel('Group name').fill('Sunday brunch');
    for (const person of [people.bob, people.cal]) {
      await newGroup.getByLabel('Phone number').fill(person.national);
      await newGroup.getByRole('button', { name: 'Add person' }).click();
      await newGroup.getByRole('button', { name: `Remove ${person.name}` }).waitFor();
    }
    await newGroup.getByRole('button', { name: 'Create group' }).click();
    await alice.getByRole('button', { name: 'Group info' }).waitFor();
    await send(alice, 'Welcome to brunch planning');
    await chatRow(cal, 'Sunday brunch').click();
    await message(cal, 'Welcome to brunch planning').waitFor();
    await cal.getByText('Alice created the group “Sunday brunch”').waitFor();

    // Both files reached every device that needed them, so the server deleted them.
    const filesOnServer = async () =>
      (await server.ctx.database.db.selectFrom('attachments').select('id').execute()).length;
    await expect.poll(filesOnServer).toBe(0);

    // Bob reloads: the history is on his device, and the photo too.
    await bob.getByRole('link', { name: 'Back to chats' }).click();
    await chatRow(bob, 'Alice').click();
    await bob.reload();
    await message(bob, 'Hi Bob, pancakes on Sunday?').waitFor();
    await expect.poll(() => naturalWidth(bob.getByRole('img', { name: 'pancakes.png' }))).toBeGreaterThan(0);

    // Search finds the first message; the result opens the chat at it.
    await bob.getByRole('link', { name: 'Back to chats' }).click();
    await bob.getByRole('searchbox', { name: 'Search messages' }).fill('pancake');
    const result = bob.getByRole('list', { name: 'Search results' }).getByRole('link', { name: /Sunday/ });
    await result.getByText('pancakes', { exact: true }).waitFor();
    await result.click();
    await expect.poll(() => message(bob, 'Hi Bob, pancakes on Sunday?').isVisible()).toBe(true);

    // Signing out deletes the device's history (OPFS) and its copies of files (Cache Storage).
    await bob.getByRole('link', { name: 'Back to chats' }).click();
    await bob.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await bob.getByRole('button', { name: 'Sign out', exact: true }).click();
    await bob.getByRole('heading', { name: 'Enter your phone number' }).waitFor();
    await expect.poll(() => bob.evaluate(storedLocally)).toEqual({ caches: [], files: [] });

    await aliceContext.close();
    await bobContext.close();
    await calContext.close();
  });
});
