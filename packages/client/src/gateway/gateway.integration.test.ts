// The SDK against the real Parley server, in-process (embedded storage): two people chatting
// through Messenger, Gateway and LocalStore exactly as the web app will. Skips with a notice when
// the server's messaging is not there (an older server tree).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { ApiClient } from '../api-client.ts';
import { Messenger } from '../messenger/messenger.ts';
import type { LocalStore } from '../store/local-store.ts';
import { openMemoryStore } from '../store/open-memory-store.ts';

interface TestServer {
  url: string;
  problems: { level: number; msg: string }[];
  stop(): Promise<void>;
}
interface ServerHarness {
  startTestServer(mode: 'embedded'): Promise<TestServer>;
  signIn(base: string, phone?: string): Promise<{ token: string; user: { id: string; phone: string } }>;
}

// Loaded by path, not imported: the client package must not depend on the server's code, and
// this file must still load (and skip) where the server is absent.
const harnessUrl = new URL('../../../../apps/server/tests/harness.ts', import.meta.url).href;
const harness = (await import(/* @vite-ignore */ harnessUrl).catch(() => null)) as ServerHarness | null;

interface Person {
  userId: string;
  phone: string;
  token: string;
  store: LocalStore;
  messenger: Messenger;
}

/** Resolves once `check` holds for the store, re-checking after every change it reports. */
async function until<T>(store: LocalStore, check: () => Promise<T | null | undefined | false>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const attempt = () =>
      check().then((value) => {
        if (value && !done) {
          done = true;
          unsubscribe();
          resolve(value);
        }
      }, reject);
    const unsubscribe = store.subscribe(() => void attempt());
    void attempt();
  });
}

describe('Messenger against the real server', { timeout: 30_000 }, () => {
  let server: TestServer | undefined;
  let notice: string | null = null;
  const people: Person[] = [];

  /** Signs a new device in: of a new person, or of the person with `phone`. */
  async function person(phone?: string): Promise<Person> {
    if (!server || !harness) throw new Error('no server');
    const signedIn = await harness.signIn(server.url, phone);
    const store = await openMemoryStore({ userId: signedIn.user.id });
    const messenger = new Messenger({
      api: new ApiClient({ baseUrl: server.url, token: signedIn.token }),
      store,
      token: signedIn.token,
      baseUrl: server.url,
      webSocket: NodeWebSocket as unknown as typeof WebSocket,
    });
    const created = {
      userId: signedIn.user.id,
      phone: signedIn.user.phone,
      token: signedIn.token,
      store,
      messenger,
    };
    people.push(created);
    return created;
  }

  function caughtUp(who: Person): Promise<void> {
    return new Promise((resolve) => {
      if (who.messenger.connection.status === 'caught-up') return resolve();
      const off = who.messenger.on('connection', (state) => {
        if (state.status === 'caught-up') {
          off();
          resolve();
        }
      });
    });
  }

  async function online(who: Person): Promise<void> {
    const ready = caughtUp(who);
    who.messenger.start();
    await ready;
  }

  beforeAll(async () => {
    if (!harness) {
      notice = 'apps/server/tests/harness.ts is not in this tree';
      return;
    }
    server = await harness.startTestServer('embedded');
    const probe = await harness.signIn(server.url);
    const chats = await fetch(`${server.url}/api/v1/chats`, {
      headers: { authorization: `Bearer ${probe.token}` },
    });
    if (chats.status === 404) notice = 'the server has no messaging yet (GET /api/v1/chats is 404)';
  });

  afterEach(() => {
    // The server logs nothing at warn or above for a client that follows the protocol.
    expect(server?.problems ?? []).toEqual([]);
  });

  afterAll(async () => {
    for (const { messenger } of people) await messenger.stop();
    await server?.stop();
  });

  it('delivers a message, and the ticks go from sent to delivered to read', async ({ skip }) => {
    skip(notice !== null, `Skipped: ${notice}`);
    const [alice, bob] = [await person(), await person()];
    await Promise.all([online(alice), online(bob)]);
    const chat = await alice.messenger.chats.openDirect(bob.userId);

    const id = await alice.messenger.sendText(chat.id, 'Привет, Bob! Lunch at the café?');
    expect((await alice.store.getMessage(id))?.state).toMatch(/pending|sent/);
    const received = await until(bob.store, () => bob.store.getMessage(id));
    expect(received).toMatchObject({
      own: false,
      senderId: alice.userId,
      content: { text: 'Привет, Bob! Lunch at the café?' },
    });
    await until(bob.store, async () => (await bob.store.getChat(chat.id))?.unreadCount === 1);
    await until(alice.store, async () => (await alice.store.getMessage(id))?.state === 'delivered');

    await bob.messenger.openChat(chat.id);
    expect((await bob.store.getChat(chat.id))?.unreadCount).toBe(0);
    await until(alice.store, async () => (await alice.store.getMessage(id))?.state === 'read');
    const info = await alice.store.messageInfo(id);
    expect(info?.recipients.map((r) => [r.user.id, r.readAt !== null])).toEqual([[bob.userId, true]]);

    expect((await bob.store.search('cafe')).map((hit) => hit.messageId)).toEqual([id]);
    expect((await bob.store.search('риве')).map((hit) => hit.messageId)).toEqual([id]);
  });

  it('gives devices that were away everything in order, once, and my other device my own messages', async ({
    skip,
  }) => {
    skip(notice !== null, `Skipped: ${notice}`);
    const [alice, bob] = [await person(), await person()];
    const laptop = await person(alice.phone);
    await Promise.all([online(alice), online(bob)]);
    const chat = await alice.messenger.chats.openDirect(bob.userId);
    await until(bob.store, () => bob.store.getChat(chat.id));
    await bob.messenger.stop();

    const ids: string[] = [];
    for (const text of ['one', 'two', 'three']) ids.push(await alice.messenger.sendText(chat.id, text));
    await until(alice.store, async () => (await alice.store.getMessage(ids[2] as string))?.state === 'sent');

    await online(bob);
    await until(bob.store, async () => (await bob.store.listMessages(chat.id)).length === 3);
    expect((await bob.store.listMessages(chat.id)).map((m) => [m.id, m.content])).toEqual(
      ids.map((id, index) => [id, { type: 'text', text: ['one', 'two', 'three'][index] }]),
    );

    // Alice's laptop was offline the whole time: her messages arrive there as her own.
    await online(laptop);
    await until(laptop.store, async () => (await laptop.store.listMessages(chat.id)).length === 3);
    const onLaptop = await laptop.store.listMessages(chat.id);
    expect(onLaptop.map((m) => m.id)).toEqual(ids);
    expect(onLaptop.every((m) => m.own && m.state !== 'pending' && m.state !== null)).toBe(true);
    expect((await laptop.store.getChat(chat.id))?.unreadCount).toBe(0);
  });

  it('carries edits, reactions and deletes to the other side', async ({ skip }) => {
    skip(notice !== null, `Skipped: ${notice}`);
    const [alice, bob] = [await person(), await person()];
    await Promise.all([online(alice), online(bob)]);
    const chat = await alice.messenger.chats.openDirect(bob.userId);
    const id = await alice.messenger.sendText(chat.id, 'Helo');
    await until(bob.store, () => bob.store.getMessage(id));

    await alice.messenger.edit(id, 'Hello');
    await until(bob.store, async () => (await bob.store.getMessage(id))?.editedAt);
    expect((await bob.store.getMessage(id))?.content).toMatchObject({ text: 'Hello' });

    await bob.messenger.react(id, '👍');
    await until(alice.store, async () => (await alice.store.getMessage(id))?.reactions.length === 1);
    expect((await alice.store.getMessage(id))?.reactions).toEqual([{ userId: bob.userId, emoji: '👍' }]);

    await alice.messenger.deleteForEveryone(id);
    await until(bob.store, async () => (await bob.store.getMessage(id))?.deleted);
    expect(await bob.store.search('hello')).toEqual([]);
  });
});
