import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { notificationsShown, sendToBackground } from './support/background-tab.ts';
import { launchBrowser } from './support/browser.ts';
import { decodedVideoStreams, meetingContext } from './support/meeting.ts';
import { type Person, signUp } from './support/people.ts';
import { type AppServer, startAppServer } from './support/server.ts';

let browser: Browser;
const contexts: BrowserContext[] = [];
const servers: AppServer[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

// Video pages are heavy on two cores: close each test's browsers before the next one starts.
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((server) => server.stop()));
});

async function server(env: Record<string, string> = {}): Promise<AppServer> {
  const started = await startAppServer(env);
  servers.push(started);
  return started;
}

/** A person signed up in their own browser profile that records its peer connections. */
async function person(on: AppServer, who: Person): Promise<Page> {
  const context = await meetingContext(browser);
  contexts.push(context);
  return signUp(on, context, who);
}

function chatRow(page: Page, title: string): Locator {
  return page
    .getByRole('list', { name: 'Chats', exact: true })
    .getByRole('link', { name: new RegExp(`^${title}`) });
}

function timelineEntry(page: Page, text: string): Locator {
  return page.getByRole('list', { name: 'Messages' }).getByRole('listitem').filter({ hasText: text });
}

async function send(page: Page, text: string) {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
  await timelineEntry(page, text).waitFor();
}

/** Opens the direct chat from `caller` to `callee` (a first message puts it on the callee's list). */
async function directChat(caller: Page, callee: Page, calleePerson: Person, callerName: string) {
  await caller.getByRole('button', { name: 'New chat' }).click();
  const dialog = caller.getByRole('dialog', { name: 'New chat' });
  await dialog.getByLabel('Phone number').fill(calleePerson.national);
  await dialog.getByRole('button', { name: 'Find' }).click();
  await dialog.getByRole('button', { name: `Message ${calleePerson.name}` }).click();
  await send(caller, 'Can we talk?');
  await chatRow(callee, callerName).click();
  await timelineEntry(callee, 'Can we talk?').waitFor();
}

/** Ann and Ben, each in their own browser, in a direct chat on a server started with `env`. */
async function annAndBen(numbers: string, env: Record<string, string> = {}) {
  const on = await server(env);
  const ben = { national: `555 ${numbers} 0002`, name: 'Ben' };
  const alice = await person(on, { national: `555 ${numbers} 0001`, name: 'Ann' });
  const bob = await person(on, ben);
  await directChat(alice, bob, ben, 'Ann');
  return { on, alice, bob };
}

function incomingCall(page: Page): Locator {
  return page.getByRole('alertdialog', { name: /^Incoming call from/ });
}

function callControls(page: Page): Locator {
  return page.getByRole('region', { name: 'Call controls' });
}

/** The candidate types of each succeeded, nominated pair over the page's open peer connections. */
function selectedPairs(page: Page): Promise<{ local: string; remote: string }[]> {
  return page.evaluate(async () => {
    const pairs: { local: string; remote: string }[] = [];
    for (const connection of window.parleyConnections) {
      if (connection.connectionState === 'closed') continue;
      const byId = new Map<string, any>();
      (await connection.getStats()).forEach((stats) => {
        byId.set(stats.id, stats);
      });
      for (const stats of byId.values()) {
        if (stats.type !== 'candidate-pair' || stats.state !== 'succeeded' || !stats.nominated) continue;
        pairs.push({
          local: byId.get(stats.localCandidateId)?.candidateType ?? '',
          remote: byId.get(stats.remoteCandidateId)?.candidateType ?? '',
        });
      }
    }
    return pairs;
  });
}

/** Video frames decoded so far over the page's open peer connections. */
function framesDecoded(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let frames = 0;
    for (const connection of window.parleyConnections) {
      if (connection.connectionState === 'closed') continue;
      (await connection.getStats()).forEach((stats) => {
        if (stats.type === 'inbound-rtp' && stats.kind === 'video') frames += stats.framesDecoded ?? 0;
      });
    }
    return frames;
  });
}

/** The label of the microphone track the page sends, and the audio packets it has received. */
function audioLink(page: Page): Promise<{ sending: string | null; packetsReceived: number }> {
  return page.evaluate(async () => {
    let sending: string | null = null;
    let packetsReceived = 0;
    for (const connection of window.parleyConnections) {
      if (connection.connectionState === 'closed') continue;
      const sender = connection.getSenders().find((candidate) => candidate.track?.kind === 'audio');
      sending = sender?.track?.label ?? sending;
      (await connection.getStats()).forEach((stats) => {
        if (stats.type === 'inbound-rtp' && stats.kind === 'audio') packetsReceived += stats.packetsReceived;
      });
    }
    return { sending, packetsReceived };
  });
}

/** Whether the element is drawn in the app's danger (red) colour. */
function isRed(element: Locator): Promise<boolean> {
  return element.evaluate((node) => {
    const probe = document.createElement('span');
    probe.style.color = 'var(--danger)';
    document.body.append(probe);
    const red = getComputedStyle(probe).color;
    probe.remove();
    return getComputedStyle(node).color === red;
  });
}

describe('calls from chats, in real browsers', () => {
  it('connects a direct video call peer-to-peer over host candidates, and records it in the chat', async () => {
    const { alice, bob } = await annAndBen('040');
    await bob.setViewportSize({ width: 375, height: 740 });

    await alice.getByRole('button', { name: 'Video call' }).click();
    await callControls(alice).waitFor();
    await incomingCall(bob).getByText('Video call').waitFor();
    await incomingCall(bob).getByRole('button', { name: 'Accept with video' }).click();

    for (const page of [alice, bob]) {
      await expect.poll(() => decodedVideoStreams(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
      await expect
        .poll(() => selectedPairs(page), { timeout: 10_000 })
        .toContainEqual({ local: 'host', remote: 'host' });
      // The timer runs from the moment media flowed; the network quality shows from the stats.
      await expect
        .poll(() => page.getByRole('timer').textContent(), { timeout: 10_000 })
        .toMatch(/^\d+:\d\d$/);
      await page.getByRole('img', { name: /^(Good|Fair|Poor) connection$/ }).waitFor({ timeout: 10_000 });
    }
    // On a phone the controls stay on screen.
    await expect
      .poll(() => callControls(bob).getByRole('button', { name: 'End call' }).isVisible())
      .toBe(true);

    await alice.getByRole('button', { name: 'End call' }).click();
    await callControls(alice).waitFor({ state: 'detached', timeout: 10_000 });
    await callControls(bob).waitFor({ state: 'detached', timeout: 10_000 });
    await timelineEntry(alice, 'Outgoing video call').waitFor();
    await timelineEntry(bob, 'Incoming video call').waitFor();
  });

  it('in a voice call: a mute shows, devices switch, video needs a yes, a screen is shared, a reload ends it', async () => {
    const { alice, bob } = await annAndBen('044');

    await alice.getByRole('button', { name: 'Voice call' }).click();
    await incomingCall(bob).getByText('Voice call').waitFor();
    expect(await bob.title()).toBe('Ann is calling… · Parley');
    await incomingCall(bob).getByRole('button', { name: 'Accept', exact: true }).click();
    for (const page of [alice, bob]) {
      await expect
        .poll(() => page.getByRole('timer').textContent(), { timeout: 20_000 })
        .toMatch(/^\d+:\d\d$/);
    }
    expect(await decodedVideoStreams(bob)).toBe(0);

    await callControls(alice).getByRole('button', { name: 'Mute' }).click();
    await bob.getByText('Ann is muted').waitFor();
    await callControls(alice).getByRole('button', { name: 'Unmute' }).click();
    await bob.getByText('Ann is muted').waitFor({ state: 'detached' });

    // Ben picks another microphone and speaker; Ann goes on hearing him.
    await callControls(bob).getByRole('button', { name: 'Devices' }).click();
    const devices = bob.getByRole('region', { name: 'Devices' });
    await devices.getByLabel('Microphone').selectOption({ label: 'Fake Audio Input 2' });
    await expect.poll(async () => (await audioLink(bob)).sending).toBe('Fake Audio Input 2');
    const heard = (await audioLink(alice)).packetsReceived;
    await expect.poll(async () => (await audioLink(alice)).packetsReceived).toBeGreaterThan(heard + 20);
    await devices.getByLabel('Speaker').selectOption({ label: 'Fake Audio Output 1' });
    const speaker = await devices.getByLabel('Speaker').inputValue();
    await expect
      .poll(() => bob.getByLabel('Ann’s audio').evaluate((video) => (video as HTMLMediaElement).sinkId))
      .toBe(speaker);

    // Video only with the other side's yes.
    await callControls(alice).getByRole('button', { name: 'Switch to video' }).click();
    await alice.getByText('Asking Ben to switch to video…').waitFor();
    const ask = bob.getByRole('alertdialog', { name: 'Switch to video?' });
    await ask.getByText('Ann wants to switch to a video call.').waitFor();
    await ask.getByRole('button', { name: 'Accept' }).click();
    for (const page of [alice, bob]) {
      await expect.poll(() => decodedVideoStreams(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    }
    await bob.getByLabel('Ann’s video').waitFor();

    // Ben shares his screen in place of his camera; Ann sees it, and back.
    await callControls(bob).getByRole('button', { name: 'Share screen' }).click();
    await alice.getByLabel('Ben’s screen').waitFor();
    const before = await framesDecoded(alice);
    await expect.poll(() => framesDecoded(alice), { timeout: 10_000 }).toBeGreaterThan(before + 10);
    await callControls(bob).getByRole('button', { name: 'Stop sharing' }).click();
    await alice.getByLabel('Ben’s video').waitFor();

    // Ben reloads the page: the call he can no longer carry ends for Ann too, at once.
    await bob.reload();
    await callControls(alice).waitFor({ state: 'detached', timeout: 10_000 });
    await timelineEntry(alice, 'Outgoing voice call').waitFor({ timeout: 10_000 });
  });

  it('lets someone in a call take another that rings meanwhile, ending the first', async () => {
    const { on, alice, bob } = await annAndBen('045');
    const cal = await person(on, { national: '555 045 0003', name: 'Cat' });
    await directChat(cal, alice, { national: '555 045 0001', name: 'Ann' }, 'Cat');

    await bob.getByRole('button', { name: 'Voice call' }).click();
    await incomingCall(alice).getByRole('button', { name: 'Accept', exact: true }).click();
    await expect
      .poll(() => alice.getByRole('timer').textContent(), { timeout: 20_000 })
      .toMatch(/^\d+:\d\d$/);

    await cal.getByRole('button', { name: 'Voice call' }).click();
    const waiting = alice.getByRole('alertdialog', { name: 'Another call' });
    await waiting.getByText('Cat is calling · Voice call').waitFor();
    await waiting.getByRole('button', { name: 'End call and answer' }).click();
    // Ben's call ends; Ann and Cat talk.
    await callControls(bob).waitFor({ state: 'detached', timeout: 10_000 });
    for (const page of [alice, cal]) {
      await expect
        .poll(() => page.getByRole('timer').textContent(), { timeout: 20_000 })
        .toMatch(/^\d+:\d\d$/);
    }
    await expect
      .poll(() => alice.getByRole('dialog', { name: /^Call with/ }).getAttribute('aria-label'))
      .toBe('Call with Cat');
    await cal.getByRole('button', { name: 'End call' }).click();
    await timelineEntry(bob, 'Outgoing voice call').waitFor({ timeout: 10_000 });
  });

  it('moves the call to the SFU when peer-to-peer cannot connect', async () => {
    const { alice, bob } = await annAndBen('041', {
      PARLEY_CALL_ICE_POLICY: 'relay',
      PARLEY_CALL_P2P_TIMEOUT_MS: '3000',
    });
    const meetingSockets = new Set<Page>();
    for (const page of [alice, bob]) {
      page.on('websocket', (socket) => {
        if (socket.url().includes('/api/v1/meetings/socket')) meetingSockets.add(page);
      });
    }

    await alice.getByRole('button', { name: 'Video call' }).click();
    await incomingCall(bob).getByRole('button', { name: 'Accept with video' }).click();

    for (const page of [alice, bob]) {
      await expect.poll(() => decodedVideoStreams(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    }
    expect([meetingSockets.has(alice), meetingSockets.has(bob)]).toEqual([true, true]);

    await bob.getByRole('button', { name: 'End call' }).click();
    await timelineEntry(alice, 'Outgoing video call').waitFor({ timeout: 10_000 });
  });

  it('shows a call nobody answered as missed, in red, in the chat and on the Calls page', async () => {
    const { alice, bob } = await annAndBen('042', { PARLEY_CALL_RING_SECONDS: '5' });
    // Ben's tab is in the background: the call also rings as a notification, which then says it was missed.
    await sendToBackground(bob);
    const callNotifications = async () =>
      (await notificationsShown(bob)).filter((shown) => shown.tag.startsWith('call-'));

    await alice.getByRole('button', { name: 'Video call' }).click();
    await incomingCall(bob).waitFor();
    await expect
      .poll(callNotifications)
      .toEqual([expect.objectContaining({ title: 'Ann', body: 'Video call', closed: false })]);
    // Ben lets it ring out.
    await incomingCall(bob).waitFor({ state: 'detached', timeout: 15_000 });
    await expect
      .poll(callNotifications)
      .toEqual([
        expect.objectContaining({ body: 'Video call', closed: true }),
        expect.objectContaining({ title: 'Ann', body: 'Missed video call', closed: false }),
      ]);
    const missed = timelineEntry(bob, 'Missed video call');
    await missed.waitFor({ timeout: 10_000 });
    expect(await isRed(missed.getByText('Missed video call'))).toBe(true);
    await missed.getByRole('button', { name: 'Call back' }).waitFor();
    await timelineEntry(alice, 'Outgoing video call, no answer').waitFor({ timeout: 10_000 });

    await bob.getByRole('link', { name: 'Calls' }).click();
    const row = bob
      .getByRole('list', { name: 'Recent calls' })
      .getByRole('listitem')
      .filter({ hasText: 'Ann' });
    const line = row.getByText('Missed video call');
    await line.waitFor();
    expect(await isRed(line)).toBe(true);
  });

  it('connects a group video call of three through the SFU; one declines, then joins from the chat', async () => {
    const on = await server();
    const people = [
      { national: '555 043 0001', name: 'Ann' },
      { national: '555 043 0002', name: 'Ben' },
      { national: '555 043 0003', name: 'Cat' },
    ];
    const [alice, bob, cal] = await Promise.all(people.map((who) => person(on, who)));
    if (!alice || !bob || !cal) throw new Error('three pages');

    await alice.getByRole('button', { name: 'New group' }).click();
    const newGroup = alice.getByRole('dialog', { name: 'New group' });
    await newGroup.getByLabel('Group name').fill('Weekend');
    for (const member of people.slice(1)) {
      await newGroup.getByLabel('Phone number').fill(member.national);
      await newGroup.getByRole('button', { name: 'Add person' }).click();
      await newGroup.getByRole('button', { name: `Remove ${member.name}` }).waitFor();
    }
    await newGroup.getByRole('button', { name: 'Create group' }).click();
    await alice.getByRole('button', { name: 'Group info' }).waitFor();
    for (const page of [bob, cal]) await chatRow(page, 'Weekend').click();

    await alice.getByRole('button', { name: 'Video call' }).click();
    await incomingCall(bob).getByRole('button', { name: 'Accept with video' }).click();
    // Cat declines, and changes her mind: the chat offers the call going on.
    await incomingCall(cal).getByRole('button', { name: 'Decline' }).click();
    const banner = cal.getByRole('region', { name: 'Call in this chat' });
    await banner.getByText('Video call in progress · 2 people').waitFor();
    await banner.getByRole('button', { name: 'Join call' }).click();
    for (const page of [alice, bob, cal]) {
      await expect.poll(() => decodedVideoStreams(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    }
    await expect
      .poll(() => alice.getByRole('list', { name: 'People in the call' }).getByRole('listitem').count())
      .toBe(2);
    for (const page of [alice, bob, cal]) await page.getByRole('button', { name: 'End call' }).click();
  });
});
