import { ulid } from 'ulid';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestServer, storageModes, type TestServer } from './harness.ts';
import { deviceTracker, TestDevice } from './test-device.ts';

const modes = await storageModes();

async function directChat(from: TestDevice, to: TestDevice): Promise<string> {
  const response = await call(from.base, 'POST', '/api/v1/chats/direct', {
    token: from.token,
    json: { userId: to.userId },
  });
  if (response.status !== 200) throw new Error(JSON.stringify(response.body));
  return response.body.id;
}

function texts(device: TestDevice, chatId: string): string[] {
  return device
    .eventsOf('message')
    .filter((event) => event.message.chatId === chatId && event.message.content.type === 'text')
    .map((event) => (event.message.content as { text: string }).text);
}

describe.each(modes)('message delivery (%s storage)', (mode) => {
  let t: TestServer;
  const devices = deviceTracker(() => t.url);
  const device = devices.signIn;
  beforeAll(async () => {
    t = await startTestServer(mode);
  });
  afterAll(() => t?.stop());
  afterEach(async () => {
    await devices.closeAll();
    expect(t.takeProblems()).toEqual([]);
  });

  it('delivers a 1:1 message and walks the receipts: sent, delivered, read', async () => {
    const alice = await device({ name: 'Alice' });
    const bob = await device({ name: 'Bob' });
    const chatId = await directChat(alice, bob);

    const sent = await alice.sendText(chatId, 'Hello Bob');
    expect(sent).toMatchObject({
      type: 'ok',
      data: { messageId: expect.any(String), sentAt: expect.any(String) },
    });
    const messageId = (sent as { data: { messageId: string } }).data.messageId;

    const received = await bob.event('message', (e) => e.message.id === messageId);
    expect(received.message).toMatchObject({
      chatId,
      senderId: alice.userId,
      senderDeviceId: alice.deviceId,
      content: { type: 'text', text: 'Hello Bob' },
    });
    const delivered = await alice.event('receipt', (e) => e.state === 'delivered');
    expect(delivered).toMatchObject({ chatId, messageIds: [messageId], userId: bob.userId });

    expect(await bob.request({ type: 'read', chatId, upToMessageId: messageId })).toMatchObject({
      type: 'ok',
    });
    const read = await alice.event('receipt', (e) => e.state === 'read');
    expect(read).toMatchObject({ chatId, messageIds: [messageId], userId: bob.userId });
  });

  it('reads by the server’s order, whatever the sender’s clock said in its message ids', async () => {
    const alice = await device();
    const bob = await device();
    const chatId = await directChat(alice, bob);
    // Alice's clock runs four minutes fast for her first message (within the allowed skew).
    const fast = (await alice.sendText(chatId, 'first', ulid(Date.now() + 4 * 60_000))) as {
      data: { messageId: string };
    };
    const normal = (await alice.sendText(chatId, 'second')) as { data: { messageId: string } };
    await bob.until(() => texts(bob, chatId).length === 2);
    await bob.request({ type: 'read', chatId, upToMessageId: normal.data.messageId });
    const read = await alice.event('receipt', (e) => e.state === 'read');
    expect(read.messageIds.sort()).toEqual([fast.data.messageId, normal.data.messageId].sort());
  });

  it('keeps the order of messages a device sends without waiting for answers', async () => {
    const alice = await device();
    const bob = await device();
    const chatId = await directChat(alice, bob);
    const texts50 = Array.from({ length: 50 }, (_, i) => `burst ${i}`);
    const answers = await Promise.all(texts50.map((text) => alice.sendText(chatId, text)));
    expect(answers.every((answer) => answer.type === 'ok')).toBe(true);
    await bob.until(() => texts(bob, chatId).length === 50);
    expect(texts(bob, chatId)).toEqual(texts50);
  });

  it('stores a retried send once and answers it the same way', async () => {
    const alice = await device();
    const bob = await device();
    const chatId = await directChat(alice, bob);
    const messageId = ulid();
    const first = await alice.sendText(chatId, 'once', messageId);
    const retry = await alice.sendText(chatId, 'once', messageId);
    expect(retry).toEqual({ ...first, id: (retry as { id: string }).id });
    await alice.sendText(chatId, 'marker');
    await bob.until(() => texts(bob, chatId).includes('marker'));
    expect(texts(bob, chatId)).toEqual(['once', 'marker']);
  });

  it('keeps messages for an offline device and hands them over in order when it connects', async () => {
    const alice = await device();
    const bob = await device({ connect: false });
    const chatId = await directChat(alice, bob);
    for (const text of ['one', 'two', 'three']) expect((await alice.sendText(chatId, text)).type).toBe('ok');

    await bob.connect();
    await bob.caughtUp();
    expect(texts(bob, chatId)).toEqual(['one', 'two', 'three']);
  });

  it('resumes after a dropped connection without losing or repeating anything', async () => {
    const alice = await device();
    const bob = await device({ autoAck: false });
    const chatId = await directChat(alice, bob);
    for (const text of ['a', 'b', 'c']) await alice.sendText(chatId, text);
    await bob.until(() => texts(bob, chatId).length === 3);

    // Bob stored and acknowledged only up to 'b' when the network went away.
    const b = bob.events.find(
      (e) => e.event.type === 'message' && (e.event.message.content as { text: string }).text === 'b',
    );
    await bob.request({ type: 'ack', seq: b?.seq ?? 0 });
    await bob.drop();
    bob.lastSeq = b?.seq ?? 0;
    bob.events.length = 0;
    await alice.sendText(chatId, 'd');

    await bob.connect();
    await bob.caughtUp();
    expect(texts(bob, chatId)).toEqual(['c', 'd']);
  });

  it("also delivers a message to the sender's other devices, but not back to the one that sent it", async () => {
    const alice = await device();
    const aliceTablet = await device({
      phone: (await call(t.url, 'GET', '/api/v1/me', { token: alice.token })).body.phone,
    });
    const bob = await device();
    const chatId = await directChat(alice, bob);
    const sent = await alice.sendText(chatId, 'from my phone');
    const messageId = (sent as { data: { messageId: string } }).data.messageId;

    const copy = await aliceTablet.event('message', (e) => e.message.id === messageId);
    expect(copy.message.senderDeviceId).toBe(alice.deviceId);
    await bob.event('message', (e) => e.message.id === messageId);
    await alice.sendText(chatId, 'marker');
    await aliceTablet.until(() => texts(aliceTablet, chatId).includes('marker'));
    expect(texts(alice, chatId)).toEqual([]);
  });

  it('deletes the body once every device has it, keeping only what routes receipts', async () => {
    const alice = await device();
    const bob = await device();
    const chatId = await directChat(alice, bob);
    const sent = await alice.sendText(chatId, 'ephemeral on the server');
    const messageId = (sent as { data: { messageId: string } }).data.messageId;
    await alice.event('receipt', (e) => e.state === 'delivered' && e.messageIds.includes(messageId));
    const db = t.ctx.database.db;
    expect(await db.selectFrom('events').select('id').where('message_id', '=', messageId).execute()).toEqual(
      [],
    );
    expect(await db.selectFrom('messages').select('id').where('id', '=', messageId).execute()).toHaveLength(
      1,
    );
  });

  it('holds back a device that does not acknowledge, at 500 unacknowledged events', async () => {
    const alice = await device();
    const bob = await device({ connect: false, autoAck: false });
    const chatId = await directChat(alice, bob);
    const count = 520;
    for (let i = 0; i < count; i++) await alice.sendText(chatId, `m${i}`);
    await bob.connect();
    await bob.until(() => bob.events.length >= 500);
    // Nothing more arrives until the device acknowledges; the queue's end proves what is pending.
    const queued = await t.ctx.database.db
      .selectFrom('devices')
      .select('last_seq')
      .where('id', '=', bob.deviceId)
      .executeTakeFirstOrThrow();
    expect(queued.last_seq).toBeGreaterThan(500);
    expect(await bob.request({ type: 'ping' })).toMatchObject({ type: 'ok' });
    expect(bob.events).toHaveLength(500);
    expect(bob.live.some((frame) => frame.type === 'caught-up')).toBe(false);

    await bob.request({ type: 'ack', seq: bob.lastSeq });
    await bob.caughtUp();
    expect(texts(bob, chatId)).toEqual(Array.from({ length: count }, (_, i) => `m${i}`));
  });

  it('refuses to acknowledge what was not sent yet', async () => {
    const bob = await device();
    const answer = await bob.request({ type: 'ack', seq: bob.lastSeq + 10 });
    expect(answer).toMatchObject({ type: 'error', code: 'VALIDATION_FAILED' });
  });
});
describe.runIf(modes.includes('scaled'))('message delivery across nodes (scaled storage)', () => {
  it('delivers live to a device connected to another node', async () => {
    const first = await startTestServer('scaled');
    const second = await startTestServer('scaled', { shareWith: first });
    try {
      const alice = await TestDevice.signIn(first.url);
      const bob = await TestDevice.signIn(first.url, { connect: false });
      await bob.connect(second.url);
      const chatId = await directChat(alice, bob);
      await alice.sendText(chatId, 'across nodes');
      await bob.until(() => texts(bob, chatId).includes('across nodes'));
      await alice.event('receipt', (e) => e.state === 'delivered');
      // The same device connecting on the first node replaces its socket on the second.
      const closed = new Promise<number>((resolve) => bob.onClose(resolve));
      await bob.connect(first.url);
      expect(await closed).toBe(4002);
      await Promise.all([alice.close(), bob.close()]);
    } finally {
      await second.stop();
      await first.stop();
    }
  });
});
