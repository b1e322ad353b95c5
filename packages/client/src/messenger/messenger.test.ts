import type { Attachment, Chat } from '@parley/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../api-client.ts';
import type { ConnectionState } from '../gateway/connection-state.ts';
import { inThreadBackend } from '../store/in-thread-backend.ts';
import { loadSqlite } from '../store/load-sqlite.ts';
import { LocalStore } from '../store/local-store.ts';
import { openMemoryStore } from '../store/open-memory-store.ts';
import { SqlDatabase } from '../store/sql-database.ts';
import { StoreEngine } from '../store/store-engine.ts';
import { type FakeSocket, fakeWebSocket } from '../testing/fake-socket.ts';
import { ManualClock, settle } from '../testing/manual-clock.ts';
import { at, chatOf, messageEvent, messageIds, t0, text, user } from '../testing/store-fixtures.ts';
import { Messenger } from './messenger.ts';

const alice = user('Alice');
const bob = user('Bob');
const direct = chatOf([alice, bob]);
const device = { userId: alice.id, deviceId: '01HZZZZZZZZZZZZZZZZZZZZZZD' };

/** The HTTP side of the server: routes answered with JSON, every request recorded. */
class FakeHttp {
  readonly requests: { method: string; path: string; body: unknown }[] = [];
  readonly routes = new Map<string, (body: unknown) => [number, unknown]>();

  fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body;
    this.requests.push({ method, path: url.pathname + url.search, body });
    const route = this.routes.get(`${method} ${url.pathname}`);
    const [status, json] = route ? route(body) : [404, { error: { code: 'ROUTE_NOT_FOUND', message: 'no' } }];
    return new Response(JSON.stringify(json), { status, headers: { 'Content-Type': 'application/json' } });
  };
}

describe('Messenger', () => {
  let clock: ManualClock;
  let sockets: FakeSocket[];
  let http: FakeHttp;
  let store: LocalStore;
  let messenger: Messenger;
  let visible: boolean;
  let nextId: () => string;

  function create(localStore: LocalStore) {
    messenger = new Messenger({
      api: new ApiClient({ baseUrl: 'http://parley.test', token: 'prl_t', fetch: http.fetch }),
      store: localStore,
      token: 'prl_t',
      baseUrl: 'http://parley.test',
      webSocket: fakeWebSocket(sockets),
      clock,
      network: { isOnline: () => true, onOnline: () => () => {} },
      visibility: { isVisible: () => visible, onChange: () => () => {} },
      newId: nextId,
    });
  }

  function socket(index = sockets.length - 1): FakeSocket {
    const found = sockets[index];
    if (!found) throw new Error(`no socket ${index}`);
    return found;
  }

  beforeEach(async () => {
    clock = new ManualClock(t0);
    sockets = [];
    http = new FakeHttp();
    http.routes.set('GET /api/v1/chats', () => [200, { chats: [direct] }]);
    visible = true;
    nextId = messageIds();
    store = await openMemoryStore({ userId: alice.id, now: () => clock.now() });
    create(store);
  });

  afterEach(() => messenger.stop());

  it('fetches the chat list on a new device and resumes its queue from zero', async () => {
    messenger.start();
    expect(socket().url).toBe('ws://parley.test/api/v1/gateway?token=prl_t');
    expect(await socket().accept(device)).toBe(0);
    await settle();
    expect((await store.listChats()).map((summary) => summary.chat.id)).toEqual([direct.id]);
    expect(http.requests.filter((r) => r.path === '/api/v1/chats')).toHaveLength(1);
  });

  it('keeps what is written offline, sends it when connected, and resends the same id after a drop', async () => {
    await store.saveChats([direct]);
    const id = await messenger.sendText(direct.id, 'Written offline');
    expect(await store.getMessage(id)).toMatchObject({ state: 'pending' });

    messenger.start();
    await socket().accept(device);
    const first = await socket().next('send');
    expect(first).toMatchObject({
      messageId: id,
      chatId: direct.id,
      content: { type: 'text', text: 'Written offline' },
    });
    socket().drop();
    await clock.advance(500);
    await socket(1).accept(device);
    const again = await socket(1).next('send');
    expect(again.messageId).toBe(id);
    socket(1).receive({ type: 'ok', id: again.id, data: { messageId: id, sentAt: at(2_000) } });
    await settle();
    expect(await store.getMessage(id)).toMatchObject({ state: 'sent', sentAt: at(2_000) });
  });

  it('marks a refused message failed, tells the UI, and retries it with the same id', async () => {
    await store.saveChats([direct]);
    const rejected: string[] = [];
    messenger.on('rejected', ({ error }) => rejected.push(error.code));
    messenger.start();
    await socket().accept(device);
    const id = await messenger.sendText(direct.id, 'Hi');
    const send = await socket().next('send');
    socket().receive({ type: 'error', id: send.id, code: 'FORBIDDEN', message: 'You are not a member' });
    await settle();
    expect(await store.getMessage(id)).toMatchObject({ state: 'failed', errorCode: 'FORBIDDEN' });
    expect(rejected).toEqual(['FORBIDDEN']);

    await messenger.retry(id);
    expect((await socket().next('send')).messageId).toBe(id);
  });

  it('reads the open chat as messages arrive while visible, and counts the rest as unread', async () => {
    const group = chatOf([alice, bob, user('Carol')]);
    http.routes.set('GET /api/v1/chats', () => [200, { chats: [direct, group] }]);
    const incoming: string[] = [];
    messenger.on('incoming', (messages) => incoming.push(...messages.map((m) => m.chatId)));
    messenger.start();
    await socket().accept(device);
    await settle();
    await messenger.openChat(direct.id);

    const [inOpen, inOther] = [nextId(), nextId()];
    socket().receive({
      type: 'event',
      seq: 1,
      event: messageEvent(inOpen, direct, bob, text('Seen'), at(1_000)),
    });
    socket().receive({
      type: 'event',
      seq: 2,
      event: messageEvent(inOther, group, bob, text('Unseen'), at(2_000)),
    });
    const read = await socket().next('read');
    expect(read).toMatchObject({ chatId: direct.id, upToMessageId: inOpen });
    expect(incoming).toEqual([direct.id, group.id]);
    expect((await store.getChat(direct.id))?.unreadCount).toBe(0);
    expect((await store.getChat(group.id))?.unreadCount).toBe(1);

    await clock.advance(50);
    expect(socket().unread('ack')).toMatchObject([{ seq: 2 }]);
  });

  it('does not read the open chat while the page is hidden', async () => {
    await store.saveChats([direct]);
    visible = false;
    messenger.start();
    await socket().accept(device);
    await messenger.openChat(direct.id);
    socket().receive({
      type: 'event',
      seq: 1,
      event: messageEvent(nextId(), direct, bob, text('Later'), at(1_000)),
    });
    socket().receive({ type: 'caught-up', seq: 1 });
    await settle();
    expect(socket().unread('read')).toEqual([]);
    expect((await store.getChat(direct.id))?.unreadCount).toBe(1);
  });

  it('fetches a chat that a message arrived in before the chat did', async () => {
    const fresh = chatOf([alice, user('Dave')]);
    http.routes.set(`GET /api/v1/chats/${fresh.id}`, () => [200, fresh]);
    messenger.start();
    await socket().accept(device);
    await settle();
    const saved = new Promise<void>((resolve) =>
      store.subscribe(async (changes) => {
        if (changes.chats.includes(fresh.id) && (await store.getChat(fresh.id))) resolve();
      }),
    );
    socket().receive({
      type: 'event',
      seq: 1,
      event: messageEvent(nextId(), fresh, bob, text('New chat'), at(1_000)),
    });
    await saved;
    expect((await store.getChat(fresh.id))?.chat).toEqual(fresh);
    expect(http.requests.map((r) => r.path)).toContain(`/api/v1/chats/${fresh.id}`);
  });

  it('uploads attachments with progress and sends them as one media message', async () => {
    await store.saveChats([direct]);
    const attachment = (name: string): Attachment => ({
      id: nextId(),
      kind: 'image',
      name,
      contentType: 'image/png',
      size: 4,
      width: 1,
      height: 1,
      durationMs: null,
      waveform: null,
      url: `/files/${name}`,
      thumbnailUrl: null,
    });
    const uploaded: Attachment[] = [];
    http.routes.set(`POST /api/v1/chats/${direct.id}/attachments`, () => {
      const made = attachment(`photo${uploaded.length}.png`);
      uploaded.push(made);
      return [201, made];
    });
    messenger.start();
    await socket().accept(device);
    const progress: number[] = [];
    const files = [
      new File(['1234'], 'a.png', { type: 'image/png' }),
      new File(['5678'], 'b.png', { type: 'image/png' }),
    ];
    const id = await messenger.sendAttachments(direct.id, files, {
      caption: 'Two photos',
      onProgress: (fraction) => progress.push(fraction),
    });

    expect(http.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([
      `/api/v1/chats/${direct.id}/attachments?name=a.png&voice=0`,
      `/api/v1/chats/${direct.id}/attachments?name=b.png&voice=0`,
    ]);
    expect(progress).toEqual([0.5, 1]);
    expect(await socket().next('send')).toMatchObject({
      messageId: id,
      content: { type: 'media', attachmentIds: uploaded.map((a) => a.id), caption: 'Two photos' },
    });
    expect((await store.getMessage(id))?.content).toEqual({
      type: 'media',
      attachments: uploaded,
      caption: 'Two photos',
    });
  });

  it('keeps its own uploads, downloads what arrives, and forwards from its copies', async () => {
    const group = chatOf([alice, bob, user('Carol')]);
    await store.saveChats([direct, group]);
    const photo = (id: string, chatName: string): Attachment => ({
      id,
      kind: 'image',
      name: `${chatName}.png`,
      contentType: 'image/png',
      size: 4,
      width: 1,
      height: 1,
      durationMs: null,
      waveform: null,
      url: `/api/v1/attachments/${id}`,
      thumbnailUrl: null,
    });
    const received = photo(nextId(), 'from-bob');
    http.routes.set(`GET ${received.url}`, () => [200, 'png bytes']);
    http.routes.set(`POST /api/v1/chats/${group.id}/attachments`, () => [201, photo(nextId(), 'group')]);
    messenger.start();
    await socket().accept(device);

    const incomingId = nextId();
    socket().receive({
      type: 'event',
      seq: 1,
      event: messageEvent(incomingId, direct, bob, { type: 'media', attachments: [received] }, at(1)),
    });
    await expect.poll(() => messenger.attachments.peek(received)).not.toBeNull();
    expect(http.requests.filter((r) => r.path === received.url)).toHaveLength(1);

    const forwardId = await messenger.forward(incomingId, group.id);
    const sent = await socket().answer('send', { messageId: forwardId, sentAt: at(2) });
    expect(sent).toMatchObject({ messageId: forwardId, chatId: group.id, content: { forwarded: true } });
    // Uploaded from the copy here, which the new attachment now has too: nothing downloaded again.
    expect(http.requests.filter((r) => r.path === received.url)).toHaveLength(1);
    const forwarded = await store.getMessage(forwardId);
    const [copy] = forwarded?.content?.type === 'media' ? forwarded.content.attachments : [];
    expect(copy && (await messenger.attachments.peek(copy))).not.toBeNull();

    const textId = await messenger.sendText(direct.id, 'Pass it on');
    await socket().answer('send', { messageId: textId, sentAt: at(3) });
    await messenger.forward(textId, group.id);
    expect((await socket().next('send')).content).toEqual({
      type: 'text',
      text: 'Pass it on',
      forwarded: true,
    });
  });

  it('throttles typing and shows who types until their message arrives', async () => {
    await store.saveChats([direct]);
    messenger.start();
    await socket().accept(device);
    messenger.setTyping(direct.id, 'typing');
    messenger.setTyping(direct.id, 'typing');
    await settle();
    expect(socket().unread('typing')).toHaveLength(1);

    socket().receive({ type: 'typing', chatId: direct.id, userId: bob.id, state: 'typing' });
    expect(messenger.typingIn(direct.id)).toEqual([{ userId: bob.id, state: 'typing' }]);
    socket().receive({
      type: 'event',
      seq: 1,
      event: messageEvent(nextId(), direct, bob, text('Done'), at(1)),
    });
    await settle();
    expect(messenger.typingIn(direct.id)).toEqual([]);
  });

  it('does not connect when another tab owns the history', async () => {
    const sqlite3 = await loadSqlite();
    const engine = new StoreEngine(new SqlDatabase(new sqlite3.oo1.DB(':memory:', 'c')), {
      userId: alice.id,
    });
    create(new LocalStore(inThreadBackend(engine, { persistent: false, reason: 'in-use' })));
    const states: ConnectionState[] = [];
    messenger.on('connection', (state) => states.push(state));
    messenger.start();
    expect(states).toEqual([{ status: 'offline', reason: 'other-tab' }]);
    expect(sockets).toEqual([]);
  });

  it('finds out over HTTP that the session ended when the gateway keeps refusing', async () => {
    http.routes.set('GET /api/v1/me', () => [
      401,
      { error: { code: 'UNAUTHENTICATED', message: 'Sign in' } },
    ]);
    const states: ConnectionState['status'][] = [];
    messenger.on('connection', (state) => states.push(state.status));
    messenger.start();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      // A refused upgrade reaches a browser as a plain abnormal close.
      socket().drop(1006);
      await clock.advance(10_000);
    }
    expect(states.at(-1)).toBe('signed-out');
    expect(messenger.connection).toEqual({
      status: 'signed-out',
      reason: 'The session has ended. Sign in again.',
    });
    expect(http.requests.filter((r) => r.path === '/api/v1/me')).toHaveLength(1);
    const count = sockets.length;
    await clock.advance(60_000);
    expect(sockets).toHaveLength(count);
  });

  it('saves chats it creates over HTTP at once', async () => {
    const group: Chat = chatOf([alice, bob, user('Carol')], { title: 'Hikers' });
    http.routes.set('POST /api/v1/chats/groups', () => [201, group]);
    await messenger.chats.createGroup({ title: 'Hikers', memberIds: [bob.id] });
    expect((await store.getChat(group.id))?.chat.title).toBe('Hikers');
  });
});
