import sharp from 'sharp';
import { ulid } from 'ulid';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestServer, storageModes, type TestServer } from './harness.ts';
import { deviceTracker, type TestDevice } from './test-device.ts';

const modes = await storageModes();

describe.each(modes)('groups and who may do what (%s storage)', (mode) => {
  let t: TestServer;
  const devices = deviceTracker(() => t.url);
  const device = devices.signIn;
  const api = (who: TestDevice, method: string, url: string, json?: unknown) =>
    call(t.url, method, url, { token: who.token, json });
  const createGroup = async (admin: TestDevice, members: TestDevice[], title = 'Team') => {
    const response = await api(admin, 'POST', '/api/v1/chats/groups', {
      title,
      memberIds: members.map((m) => m.userId),
    });
    if (response.status !== 201) throw new Error(JSON.stringify(response.body));
    return response.body.id as string;
  };
  const systemActions = (who: TestDevice, chatId: string) =>
    who
      .eventsOf('message')
      .filter((e) => e.message.chatId === chatId && e.message.content.type === 'system')
      .map((e) => (e.message.content as { system: { action: string } }).system.action);

  beforeAll(async () => {
    t = await startTestServer(mode);
  });
  afterAll(() => t?.stop());
  afterEach(async () => {
    await devices.closeAll();
    expect(t.takeProblems()).toEqual([]);
  });

  it('creates a group: everyone gets its details and a "created" message; messages fan out to all', async () => {
    const ann = await device({ name: 'Ann' });
    const ben = await device({ name: 'Ben' });
    const cal = await device({ name: 'Cal' });
    const chatId = await createGroup(ann, [ben, cal], 'Climbing');

    for (const member of [ann, ben, cal]) {
      const updated = await member.event('chat-updated', (e) => e.chat.id === chatId);
      expect(updated.chat).toMatchObject({ kind: 'group', title: 'Climbing', createdBy: ann.userId });
      expect(updated.chat.members.map((m) => [m.user.displayName, m.role]).sort()).toEqual([
        ['Ann', 'admin'],
        ['Ben', 'member'],
        ['Cal', 'member'],
      ]);
      await member.until(() => systemActions(member, chatId).includes('group-created'));
    }

    const sent = await ann.sendText(chatId, 'Saturday?');
    const messageId = (sent as { data: { messageId: string } }).data.messageId;
    await ben.event('message', (e) => e.message.id === messageId);
    await cal.event('message', (e) => e.message.id === messageId);
    // Message info: one "delivered" per member, each with its own time.
    await ann.until(() => ann.eventsOf('receipt').filter((r) => r.state === 'delivered').length === 2);
    const deliveredBy = ann
      .eventsOf('receipt')
      .map((r) => r.userId)
      .sort();
    expect(deliveredBy).toEqual([ben.userId, cal.userId].sort());
    await ben.request({ type: 'read', chatId, upToMessageId: messageId });
    const read = await ann.event('receipt', (r) => r.state === 'read');
    expect(read.userId).toBe(ben.userId);
  });

  it('lets admins add, promote, rename and remove; removed members stop receiving at once', async () => {
    const ann = await device();
    const ben = await device();
    const cal = await device();
    const chatId = await createGroup(ann, [ben]);

    expect(
      (await api(ann, 'POST', `/api/v1/chats/${chatId}/members`, { userIds: [cal.userId] })).status,
    ).toBe(200);
    await cal.event('chat-updated', (e) => e.chat.id === chatId);
    expect(
      (await api(ann, 'PATCH', `/api/v1/chats/${chatId}/members/${ben.userId}`, { role: 'admin' })).body
        .members,
    ).toContainEqual(
      expect.objectContaining({ role: 'admin', user: expect.objectContaining({ id: ben.userId }) }),
    );
    expect((await api(ben, 'PATCH', `/api/v1/chats/${chatId}`, { title: 'Renamed' })).body.title).toBe(
      'Renamed',
    );
    expect((await api(ben, 'DELETE', `/api/v1/chats/${chatId}/members/${cal.userId}`)).status).toBe(204);

    await cal.event('chat-removed', (e) => e.chatId === chatId);
    await ann.sendText(chatId, 'after Cal left');
    await ben.until(() =>
      ben.eventsOf('message').some((e) => (e.message.content as { text?: string }).text === 'after Cal left'),
    );
    expect(
      cal.eventsOf('message').some((e) => (e.message.content as { text?: string }).text === 'after Cal left'),
    ).toBe(false);
    expect((await cal.sendText(chatId, 'let me back')).type).toBe('error');
    await ann.until(() =>
      ['members-added', 'role-changed', 'title-changed', 'member-removed'].every((a) =>
        systemActions(ann, chatId).includes(a),
      ),
    );
  });

  it('keeps an admin: when the last one leaves, the longest-standing member takes over', async () => {
    const ann = await device();
    const ben = await device();
    const cal = await device();
    const chatId = await createGroup(ann, [ben, cal]);
    expect((await api(ann, 'DELETE', `/api/v1/chats/${chatId}/members/${ann.userId}`)).status).toBe(204);
    const chat = (await api(ben, 'GET', `/api/v1/chats/${chatId}`)).body;
    expect(chat.members.filter((m: { role: string }) => m.role === 'admin')).toHaveLength(1);
    expect(chat.members.map((m: { user: { id: string } }) => m.user.id)).not.toContain(ann.userId);
    await ben.until(() => systemActions(ben, chatId).includes('member-left'));
  });

  it('sets and removes a group photo (admins only)', async () => {
    const ann = await device();
    const ben = await device();
    const chatId = await createGroup(ann, [ben]);
    const png = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#39f' } })
      .png()
      .toBuffer();
    const put = (who: TestDevice) =>
      call(t.url, 'PUT', `/api/v1/chats/${chatId}/avatar`, {
        token: who.token,
        body: png,
        headers: { 'content-type': 'image/png' },
      });
    expect((await put(ben)).body.error.code).toBe('NOT_CHAT_ADMIN');
    const set = await put(ann);
    expect(set.status).toBe(200);
    expect((await fetch(t.url + set.body.avatar.small)).status).toBe(200);
    const removed = await api(ann, 'DELETE', `/api/v1/chats/${chatId}/avatar`);
    expect(removed.body.avatar).toBeNull();
    expect((await fetch(t.url + set.body.avatar.small)).status).toBe(404);
  });

  it('shows a chat to nobody outside it: every read and write answers CHAT_NOT_FOUND', async () => {
    const ann = await device();
    const ben = await device();
    const eve = await device();
    const chatId = await createGroup(ann, [ben]);
    const sent = await ann.sendText(chatId, 'members only');
    const messageId = (sent as { data: { messageId: string } }).data.messageId;

    const http = [
      ['GET', `/api/v1/chats/${chatId}`, undefined],
      ['PATCH', `/api/v1/chats/${chatId}`, { title: 'mine now' }],
      ['POST', `/api/v1/chats/${chatId}/members`, { userIds: [eve.userId] }],
      ['DELETE', `/api/v1/chats/${chatId}/members/${ben.userId}`, undefined],
      ['PATCH', `/api/v1/chats/${chatId}/members/${eve.userId}`, { role: 'admin' }],
    ] as const;
    for (const [method, url, json] of http) {
      const response = await api(eve, method, url, json);
      expect([method, url, response.status, response.body.error.code]).toEqual([
        method,
        url,
        404,
        'CHAT_NOT_FOUND',
      ]);
    }
    const frames = [
      { type: 'send', chatId, messageId: ulid(), content: { type: 'text', text: 'hi' } },
      { type: 'react', chatId, messageId, emoji: '👍' },
      { type: 'read', chatId, upToMessageId: messageId },
      { type: 'typing', chatId, state: 'typing' },
      { type: 'edit', chatId, messageId, content: { type: 'text', text: 'x' } },
      { type: 'delete', chatId, messageId, forEveryone: true },
    ] as const;
    for (const frame of frames) {
      expect(await eve.request(frame)).toMatchObject({ type: 'error', code: 'CHAT_NOT_FOUND' });
    }
    expect((await api(eve, 'GET', '/api/v1/chats')).body.chats).toEqual([]);
    expect((await api(eve, 'GET', `/api/v1/users/${ann.userId}/presence`)).body.error.code).toBe(
      'USER_NOT_FOUND',
    );
    expect(eve.eventsOf('message')).toEqual([]);
  });

  it('refuses what even members may not do', async () => {
    const ann = await device();
    const ben = await device();
    const chatId = await createGroup(ann, [ben]);
    const direct = (await api(ann, 'POST', '/api/v1/chats/direct', { userId: ben.userId })).body.id;
    expect((await api(ben, 'PATCH', `/api/v1/chats/${chatId}`, { title: 'x' })).body.error.code).toBe(
      'NOT_CHAT_ADMIN',
    );
    expect((await api(ben, 'DELETE', `/api/v1/chats/${chatId}/members/${ann.userId}`)).body.error.code).toBe(
      'NOT_CHAT_ADMIN',
    );
    expect(
      (await api(ann, 'POST', `/api/v1/chats/${direct}/members`, { userIds: [ann.userId] })).body.error.code,
    ).toBe('NOT_CHAT_ADMIN');
    expect((await api(ann, 'DELETE', `/api/v1/chats/${direct}/members/${ann.userId}`)).body.error.code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await api(ann, 'POST', '/api/v1/chats/groups', { title: ' ', memberIds: [] })).body.error.code,
    ).toBe('VALIDATION_FAILED');
    expect(
      (await api(ann, 'POST', '/api/v1/chats/groups', { title: 'x', memberIds: [ulid()] })).body.error.code,
    ).toBe('USER_NOT_FOUND');
  });

  it('opens one direct chat per pair, whoever opens it first', async () => {
    const ann = await device();
    const ben = await device();
    const [a, b] = await Promise.all([
      api(ann, 'POST', '/api/v1/chats/direct', { userId: ben.userId }),
      api(ben, 'POST', '/api/v1/chats/direct', { userId: ann.userId }),
    ]);
    expect(a.body.id).toBe(b.body.id);
    expect(a.body).toMatchObject({ kind: 'direct', title: null });
  });
});
