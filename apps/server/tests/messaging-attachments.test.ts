import sharp from 'sharp';
import { ulid } from 'ulid';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestServer, storageModes, type TestServer } from './harness.ts';
import { deviceTracker, type TestDevice } from './test-device.ts';

const modes = await storageModes();
const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#c63' } })
  .jpeg()
  .toBuffer();

describe.each(modes)('messages with attachments (%s storage)', (mode) => {
  let t: TestServer;
  const devices = deviceTracker(() => t.url);
  beforeAll(async () => {
    t = await startTestServer(mode);
  });
  afterAll(() => t?.stop());
  afterEach(async () => {
    await devices.closeAll();
    expect(t.takeProblems()).toEqual([]);
  });

  async function chatOf(a: TestDevice, b: TestDevice): Promise<string> {
    return (await call(t.url, 'POST', '/api/v1/chats/direct', { token: a.token, json: { userId: b.userId } }))
      .body.id;
  }

  async function upload(who: TestDevice, chatId: string, body: Buffer, name: string) {
    const response = await call(t.url, 'POST', `/api/v1/chats/${chatId}/attachments?name=${name}`, {
      token: who.token,
      body,
      headers: { 'content-type': 'image/jpeg' },
    });
    if (response.status !== 201) throw new Error(JSON.stringify(response.body));
    return response.body as { id: string; url: string; thumbnailUrl: string };
  }

  it('sends a photo: recipients get the measured attachment, and the file leaves the server once delivered and downloaded', async () => {
    const alice = await devices.signIn();
    const bob = await devices.signIn();
    const chatId = await chatOf(alice, bob);
    const attachment = await upload(alice, chatId, photo, 'beach.jpg');

    const messageId = ulid();
    const sent = await alice.request({
      type: 'send',
      chatId,
      messageId,
      content: { type: 'media', attachmentIds: [attachment.id], caption: 'Look!' },
    });
    expect(sent.type).toBe('ok');
    const received = await bob.event('message', (e) => e.message.id === messageId);
    expect(received.message.content).toMatchObject({
      type: 'media',
      caption: 'Look!',
      attachments: [{ id: attachment.id, kind: 'image', name: 'beach.jpg', width: 640, height: 480 }],
    });

    // Bob's device acknowledged the message (auto-ack), so only his download keeps the file.
    await alice.event('receipt', (e) => e.state === 'delivered');
    const download = await fetch(t.url + attachment.url, {
      headers: { authorization: `Bearer ${bob.token}` },
    });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(photo)).toBe(true);
    await expect
      .poll(
        async () =>
          (await fetch(t.url + attachment.url, { headers: { authorization: `Bearer ${alice.token}` } }))
            .status,
      )
      .toBe(404);
  });

  it('refuses attachments that are not the sender’s own upload in this chat, and non-voice files as voice', async () => {
    const alice = await devices.signIn();
    const bob = await devices.signIn();
    const carol = await devices.signIn();
    const chatId = await chatOf(alice, bob);
    const otherChat = await chatOf(alice, carol);
    const bobs = await upload(bob, chatId, photo, 'bob.jpg');
    const elsewhere = await upload(alice, otherChat, photo, 'other.jpg');
    const mine = await upload(alice, chatId, photo, 'mine.jpg');

    const send = (content: object) =>
      alice.request({ type: 'send', chatId, messageId: ulid(), content } as never);
    expect(await send({ type: 'media', attachmentIds: [bobs.id] })).toMatchObject({
      code: 'ATTACHMENT_NOT_FOUND',
    });
    expect(await send({ type: 'media', attachmentIds: [elsewhere.id] })).toMatchObject({
      code: 'ATTACHMENT_NOT_FOUND',
    });
    expect(await send({ type: 'voice', attachmentId: mine.id })).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await send({ type: 'media', attachmentIds: [mine.id] })).toMatchObject({ type: 'ok' });
    // Once sent, the same upload cannot be attached to a second message.
    expect(await send({ type: 'media', attachmentIds: [mine.id] })).toMatchObject({
      code: 'ATTACHMENT_NOT_FOUND',
    });
  });

  it('removes a message’s files at once when it is deleted for everyone', async () => {
    const alice = await devices.signIn();
    const bob = await devices.signIn({ connect: false });
    const chatId = await chatOf(alice, bob);
    const attachment = await upload(alice, chatId, photo, 'regret.jpg');
    const messageId = ulid();
    await alice.request({
      type: 'send',
      chatId,
      messageId,
      content: { type: 'media', attachmentIds: [attachment.id] },
    });
    expect(await alice.request({ type: 'delete', chatId, messageId, forEveryone: true })).toMatchObject({
      type: 'ok',
    });
    const response = await fetch(t.url + attachment.url, {
      headers: { authorization: `Bearer ${bob.token}` },
    });
    expect(response.status).toBe(404);
  });
});
