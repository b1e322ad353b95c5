import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { call, signIn, startTestServer, storageModes, type TestServer } from './harness.ts';

const modes = await storageModes();

/** A gateway client that queues frames so tests can await them in order. */
async function connect(base: string, token: string) {
  const socket = new WebSocket(
    `${base.replace('http', 'ws')}/api/v1/gateway?token=${encodeURIComponent(token)}`,
  );
  const frames: any[] = [];
  const waiters: ((frame: any) => void)[] = [];
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data));
    const waiter = waiters.shift();
    if (waiter) waiter(frame);
    else frames.push(frame);
  });
  await once(socket, 'open');
  return {
    socket,
    next: () =>
      new Promise<any>((resolve) => (frames.length > 0 ? resolve(frames.shift()) : waiters.push(resolve))),
    send: (frame: unknown) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
  };
}

describe.each(modes)('gateway (%s storage)', (mode) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(mode);
  });
  afterAll(() => t?.stop());
  afterEach(() => {
    expect(t.takeProblems()).toEqual([]);
  });

  it('accepts a session token and says who is connected', async () => {
    const me = await signIn(t.url);
    const client = await connect(t.url, me.token);
    expect(await client.next()).toMatchObject({ type: 'ready', userId: me.user.id, deviceId: me.device.id });
    const metrics = (await call<string>(t.url, 'GET', '/metrics')).body;
    expect(metrics).toMatch(/parley_gateway_connections [1-9]/);
    client.socket.close();
    await once(client.socket, 'close');
  });

  /** Browsers only see close codes, so an invalid session is told after the upgrade, with 4001. */
  async function refusal(query: string) {
    const socket = new WebSocket(`${t.url.replace('http', 'ws')}/api/v1/gateway${query}`);
    const frames: unknown[] = [];
    socket.on('message', (data) => frames.push(JSON.parse(String(data))));
    const [code] = await once(socket, 'close');
    return { code, frames };
  }

  it('closes a connection without a valid token with 4001 (do not reconnect)', async () => {
    for (const query of ['?token=prl_forged', '', '?token=a&token=b']) {
      const { code, frames } = await refusal(query);
      expect(code).toBe(4001);
      expect(frames).toEqual([{ type: 'signed-out', reason: expect.stringMatching(/sign in/i) }]);
    }
  });

  it('keeps one socket per device: a new one replaces the old (4002)', async () => {
    const me = await signIn(t.url);
    const first = await connect(t.url, me.token);
    await first.next();
    const closed = once(first.socket, 'close');
    const second = await connect(t.url, me.token);
    expect(await second.next()).toMatchObject({ type: 'ready' });
    const [code] = await closed;
    expect(code).toBe(4002);
    second.socket.close();
  });

  it('answers bad frames with error frames and keeps the connection', async () => {
    const me = await signIn(t.url);
    const client = await connect(t.url, me.token);
    await client.next();
    client.send('{not json');
    expect(await client.next()).toMatchObject({ type: 'error', code: 'INVALID_JSON' });
    client.send({ type: 'launch-missiles', id: 'f1' });
    expect(await client.next()).toMatchObject({ type: 'error', id: 'f1', code: 'VALIDATION_FAILED' });
    client.send({ type: 'ping' });
    expect(await client.next()).toMatchObject({ type: 'error', code: 'VALIDATION_FAILED' });
    client.send({ type: 'ping', id: 'x'.repeat(200_000) });
    expect(await client.next()).toMatchObject({ type: 'error', code: 'PAYLOAD_TOO_LARGE' });
    client.send({ type: 'ping', id: 'p1' });
    expect(await client.next()).toEqual({ type: 'ok', id: 'p1' });
    client.socket.close();
  });

  it('closes the sockets of a device signed out elsewhere, on every node', async () => {
    const phone = (await signIn(t.url)).user.phone;
    const laptop = await signIn(t.url, phone, 'Laptop');
    const phoneDevice = await signIn(t.url, phone, 'Phone');
    // In scaled mode the laptop's socket lives on a second node sharing the database and Redis.
    const node = mode === 'scaled' ? await startTestServer('scaled', { shareWith: t }) : t;
    try {
      const client = await connect(node.url, laptop.token);
      await client.next();
      const closed = once(client.socket, 'close');
      await call(t.url, 'DELETE', `/api/v1/devices/${laptop.device.id}`, { token: phoneDevice.token });
      expect(await client.next()).toMatchObject({ type: 'signed-out' });
      const [code] = await closed;
      expect(code).toBe(4001);
    } finally {
      if (node !== t) await node.stop();
    }
  });
});
