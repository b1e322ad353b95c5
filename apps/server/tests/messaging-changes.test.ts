import { monotonicFactory, ulid } from 'ulid';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sweepExpired } from '../src/messaging/sweeper.ts';
import { call, startTestServer, storageModes, type TestServer } from './harness.ts';
import { deviceTracker, TestDevice } from './test-device.ts';

const modes = await storageModes();
const minute = 60_000;

describe.each(modes)('edits, deletions, reactions and expiry (%s storage)', (mode) => {
  let t: TestServer;
  // The server's clock, moved by tests instead of sleeping; message ids follow it.
  let now = Date.now();
  const ulidAt = monotonicFactory();
  const newId = () => ulidAt(now);
  const devices = deviceTracker(() => t.url);
  const device = devices.signIn;
  const pair = async (options: { bobConnected?: boolean } = {}) => {
    const alice = await device();
    const bob = await device({ connect: options.bobConnected ?? true });
    const chat = await call(t.url, 'POST', '/api/v1/chats/direct', {
      token: alice.token,
      json: { userId: bob.userId },
    });
    return { alice, bob, chatId: chat.body.id as string };
  };
  const send = async (from: TestDevice, chatId: string, text: string) => {
    const answer = await from.sendText(chatId, text, newId());
    if (answer.type !== 'ok' || !answer.data || !('messageId' in answer.data))
      throw new Error(JSON.stringify(answer));
    return answer.data.messageId;
  };

  beforeAll(async () => {
    t = await startTestServer(mode, { overrides: { clock: () => now } });
  });
  afterAll(() => t?.stop());
  afterEach(async () => {
    await devices.closeAll();
    expect(t.takeProblems()).toEqual([]);
  });

  it('edits own messages within 15 minutes, and only own ones', async () => {
    const { alice, bob, chatId } = await pair();
    const messageId = await send(alice, chatId, 'helo');
    const edit = (who: TestDevice, text: string) =>
      who.request({ type: 'edit', chatId, messageId, content: { type: 'text', text } });

    expect(await edit(alice, 'hello')).toMatchObject({ type: 'ok' });
    const edited = await bob.event('message-edited', (e) => e.messageId === messageId);
    expect(edited.content).toEqual({ type: 'text', text: 'hello' });
    expect(await edit(bob, 'hijacked')).toMatchObject({ type: 'error', code: 'MESSAGE_NOT_FOUND' });
    now += 16 * minute;
    expect(await edit(alice, 'too late')).toMatchObject({ type: 'error', code: 'EDIT_WINDOW_PASSED' });
  });

  it('deletes for everyone within 48 hours, withdrawing copies not yet delivered', async () => {
    const { alice, bob, chatId } = await pair({ bobConnected: false });
    const messageId = await send(alice, chatId, 'oops, wrong chat');
    const edit = { type: 'edit', chatId, messageId, content: { type: 'text', text: 'secret edit' } } as const;
    expect(await alice.request(edit)).toMatchObject({ type: 'ok' });
    expect(await alice.request({ type: 'delete', chatId, messageId, forEveryone: true })).toMatchObject({
      type: 'ok',
    });

    await bob.connect();
    await bob.caughtUp();
    // Bob never receives the body, only the deletion.
    expect(bob.eventsOf('message').filter((e) => e.message.id === messageId)).toEqual([]);
    expect(bob.eventsOf('message-edited')).toEqual([]);
    expect(bob.eventsOf('message-deleted')).toEqual([
      { type: 'message-deleted', chatId, messageId, forEveryone: true, deletedBy: alice.userId },
    ]);
    expect(
      await t.ctx.database.db.selectFrom('events').select('id').where('message_id', '=', messageId).execute(),
    ).toEqual([]);

    const old = await send(alice, chatId, 'from long ago');
    now += 49 * 60 * minute;
    expect(await alice.request({ type: 'delete', chatId, messageId: old, forEveryone: true })).toMatchObject({
      type: 'error',
      code: 'DELETE_WINDOW_PASSED',
    });
    expect(await bob.request({ type: 'delete', chatId, messageId: old, forEveryone: true })).toMatchObject({
      type: 'error',
      code: 'MESSAGE_NOT_FOUND',
    });
  });

  it('deletes for me on my other devices only', async () => {
    const { alice, bob, chatId } = await pair();
    const phone = (await call(t.url, 'GET', '/api/v1/me', { token: bob.token })).body.phone;
    const bobLaptop = await device({ phone });
    const messageId = await send(alice, chatId, 'hide me');
    await bob.event('message', (e) => e.message.id === messageId);
    expect(await bob.request({ type: 'delete', chatId, messageId, forEveryone: false })).toMatchObject({
      type: 'ok',
    });
    await bobLaptop.event('message-deleted', (e) => e.messageId === messageId && !e.forEveryone);
    await send(alice, chatId, 'marker');
    await alice.until(() => alice.eventsOf('receipt').length > 0);
    expect(alice.eventsOf('message-deleted')).toEqual([]);
  });

  it('relays one reaction per person, replaced or removed', async () => {
    const { alice, bob, chatId } = await pair();
    const messageId = await send(alice, chatId, 'news!');
    const react = (emoji: string | null) => bob.request({ type: 'react', chatId, messageId, emoji });
    expect(await react('👍')).toMatchObject({ type: 'ok' });
    expect(await react('🎉')).toMatchObject({ type: 'ok' });
    expect(await react(null)).toMatchObject({ type: 'ok' });
    expect(await react('not an emoji')).toMatchObject({ type: 'error', code: 'VALIDATION_FAILED' });
    await alice.until(() => alice.eventsOf('reaction').length === 3);
    expect(alice.eventsOf('reaction').map((e) => [e.userId, e.emoji])).toEqual([
      [bob.userId, '👍'],
      [bob.userId, '🎉'],
      [bob.userId, null],
    ]);
  });

  it('forgets undelivered messages after the TTL (30 days) for devices that never came back', async () => {
    const { alice, bob, chatId } = await pair({ bobConnected: false });
    const messageId = await send(alice, chatId, 'are you there?');
    now += 29 * 24 * 60 * minute;
    await sweepExpired(t.ctx);
    expect(
      await t.ctx.database.db.selectFrom('events').select('id').where('message_id', '=', messageId).execute(),
    ).toHaveLength(1);

    now += 2 * 24 * 60 * minute;
    expect((await sweepExpired(t.ctx)).messages).toBeGreaterThanOrEqual(1);
    const db = t.ctx.database.db;
    expect(await db.selectFrom('events').select('id').where('message_id', '=', messageId).execute()).toEqual(
      [],
    );
    expect(await db.selectFrom('messages').select('id').where('id', '=', messageId).execute()).toEqual([]);
    expect(
      await db.selectFrom('deliveries').select('seq').where('device_id', '=', bob.deviceId).execute(),
    ).toEqual([]);
    await bob.connect();
    await bob.caughtUp();
    expect(
      bob.eventsOf('message').filter((e) => e.message.chatId === chatId && e.message.content.type === 'text'),
    ).toEqual([]);
  });

  it('sweeps a large expired backlog in batches, deliveries included', async () => {
    const { bob } = await pair({ bobConnected: false });
    const db = t.ctx.database.db;
    const expired = Array.from({ length: 2500 }, () => ({
      id: newId(),
      type: 'chat-read',
      payload: '{}',
      message_id: null,
      created_at: now,
      expires_at: now + 1,
    }));
    for (let i = 0; i < expired.length; i += 500)
      await db
        .insertInto('events')
        .values(expired.slice(i, i + 500))
        .execute();
    for (let i = 0; i < expired.length; i += 500) {
      const rows = expired
        .slice(i, i + 500)
        .map((event, j) => ({ device_id: bob.deviceId, seq: 10_000 + i + j, event_id: event.id }));
      await db.insertInto('deliveries').values(rows).execute();
    }
    now += 2;
    expect((await sweepExpired(t.ctx)).events).toBeGreaterThanOrEqual(2500);
    const left = await db
      .selectFrom('deliveries')
      .select('seq')
      .where('device_id', '=', bob.deviceId)
      .where('seq', '>=', 10_000)
      .execute();
    expect(left).toEqual([]);
  });

  it('refuses oversized texts, ids from the future and blank messages', async () => {
    const { alice, chatId } = await pair();
    const send = (text: string, messageId = newId()) =>
      alice.request({ type: 'send', chatId, messageId, content: { type: 'text', text } });
    expect(await send('x'.repeat(64 * 1024 + 1))).toMatchObject({ type: 'error', code: 'VALIDATION_FAILED' });
    expect(await send('é'.repeat(40_000))).toMatchObject({ type: 'error', code: 'VALIDATION_FAILED' });
    expect(await send('   ')).toMatchObject({ type: 'error', code: 'VALIDATION_FAILED' });
    expect(await send('from the future', ulid(now + 60 * minute))).toMatchObject({
      type: 'error',
      code: 'VALIDATION_FAILED',
    });
    expect(await send('x'.repeat(64 * 1024))).toMatchObject({ type: 'ok' });
  });
});

describe.each(modes)('live signals (%s storage)', (mode) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(mode, { env: { PARLEY_SENDS_PER_MINUTE: '3' } });
  });
  afterAll(() => t?.stop());

  it('relays typing to the other members only, and shows presence to direct contacts', async () => {
    const alice = await TestDevice.signIn(t.url);
    const bob = await TestDevice.signIn(t.url);
    const chatId = (
      await call(t.url, 'POST', '/api/v1/chats/direct', { token: alice.token, json: { userId: bob.userId } })
    ).body.id;
    expect(await alice.request({ type: 'typing', chatId, state: 'typing' })).toMatchObject({ type: 'ok' });
    await bob.until(() => bob.live.find((f) => f.type === 'typing'));
    expect(bob.live.find((f) => f.type === 'typing')).toEqual({
      type: 'typing',
      chatId,
      userId: alice.userId,
      state: 'typing',
    });
    expect(alice.live.some((f) => f.type === 'typing')).toBe(false);

    const online = await call(t.url, 'GET', `/api/v1/users/${bob.userId}/presence`, { token: alice.token });
    expect(online.body).toEqual({ userId: bob.userId, online: true, lastSeenAt: null });
    // The same device reconnecting replaces its socket; it stays online throughout.
    await bob.connect();
    const replaced = await call(t.url, 'GET', `/api/v1/users/${bob.userId}/presence`, { token: alice.token });
    expect(replaced.body.online).toBe(true);
    await bob.close();
    const offline = await alice.until(() =>
      alice.live.find((f) => f.type === 'presence' && f.presence.userId === bob.userId && !f.presence.online),
    );
    expect(offline).toMatchObject({ presence: { lastSeenAt: expect.any(String) } });
    await alice.close();
    expect(t.takeProblems()).toEqual([]);
  });

  it('limits how fast one person sends', async () => {
    const alice = await TestDevice.signIn(t.url);
    const chatId = (
      await call(t.url, 'POST', '/api/v1/chats/direct', {
        token: alice.token,
        json: { userId: alice.userId },
      })
    ).body.id;
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await alice.sendText(chatId, `note ${i}`));
    expect(answers.map((a) => (a.type === 'error' ? a.code : a.type))).toEqual([
      'ok',
      'ok',
      'ok',
      'RATE_LIMITED',
    ]);
    await alice.close();
  });
});
