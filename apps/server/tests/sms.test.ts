import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestServer, type TestServer, uniquePhone } from './harness.ts';

/** Stands in for an operator's SMS gateway (the outside world): records what it receives. */
async function startSmsGateway() {
  const received: { to: string; text: string; contentType: string | undefined }[] = [];
  let answer = 200;
  const server: Server = createServer(async (request: IncomingMessage, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    received.push({ ...JSON.parse(body), contentType: request.headers['content-type'] });
    response.writeHead(answer).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`,
    received,
    failWith(status: number) {
      answer = status;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('SMS providers', () => {
  let gateway: Awaited<ReturnType<typeof startSmsGateway>>;
  let t: TestServer;
  beforeAll(async () => {
    gateway = await startSmsGateway();
    t = await startTestServer('embedded', {
      env: { PARLEY_SMS_PROVIDER: 'webhook', PARLEY_SMS_WEBHOOK_URL: gateway.url, PARLEY_DEV: '0' },
    });
  });
  afterAll(async () => {
    await t?.stop();
    await gateway?.stop();
  });
  afterEach(() => {
    expect(t.takeProblems()).toEqual([]);
  });

  it('webhook: POSTs {to, text} as JSON with the code, which signs in', async () => {
    const phone = uniquePhone();
    const challenge = await call(t.url, 'POST', '/api/v1/auth/otp', { json: { phone } });
    expect(challenge.status).toBe(202);
    const sms = gateway.received.at(-1);
    expect(sms).toMatchObject({ to: phone, contentType: 'application/json' });
    const code = sms?.text.match(/: (\d{6})$/)?.[1];
    expect(sms?.text).toBe(`OTP for ${phone}: ${code}`);
    const verified = await call(t.url, 'POST', '/api/v1/auth/verify', {
      json: { challengeId: challenge.body.challengeId, code, deviceName: 'Phone' },
    });
    expect(verified.status).toBe(200);
  });

  it('webhook: a failing gateway is reported as SMS_FAILED and logged', async () => {
    gateway.failWith(503);
    const response = await call(t.url, 'POST', '/api/v1/auth/otp', { json: { phone: uniquePhone() } });
    gateway.failWith(200);
    expect([response.status, response.body.error.code]).toEqual([502, 'SMS_FAILED']);
    expect(t.takeProblems().map((p) => p.msg)).toEqual(['SMS could not be sent']);
  });

  it('without PARLEY_DEV the development code endpoint does not exist', async () => {
    const response = await call(t.url, 'GET', `/api/v1/dev/otp/${encodeURIComponent(uniquePhone())}`);
    expect([response.status, response.body.error.code]).toEqual([404, 'ROUTE_NOT_FOUND']);
  });
});
