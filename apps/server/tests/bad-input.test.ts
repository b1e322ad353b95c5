import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, signIn, startTestServer, type TestServer, uniquePhone } from './harness.ts';

/** Each case: a request a broken or hostile client might send, and the error code it must get. */
interface BadRequest {
  name: string;
  method: string;
  url: string;
  auth?: boolean;
  json?: unknown;
  body?: string | Buffer;
  headers?: Record<string, string>;
  status: number;
  code: string;
}

const long = (n: number) => 'x'.repeat(n);
const validId = '01JB0000000000000000000000';

const cases: BadRequest[] = [
  {
    name: 'otp: missing phone',
    method: 'POST',
    url: '/api/v1/auth/otp',
    json: {},
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'otp: phone is a number',
    method: 'POST',
    url: '/api/v1/auth/otp',
    json: { phone: 15550001111 },
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'otp: oversized phone',
    method: 'POST',
    url: '/api/v1/auth/otp',
    json: { phone: long(5000) },
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'otp: letters',
    method: 'POST',
    url: '/api/v1/auth/otp',
    json: { phone: 'call me maybe' },
    status: 400,
    code: 'INVALID_PHONE',
  },
  {
    name: 'otp: too short',
    method: 'POST',
    url: '/api/v1/auth/otp',
    json: { phone: '+1 23' },
    status: 400,
    code: 'INVALID_PHONE',
  },
  {
    name: 'otp: unknown field',
    method: 'POST',
    url: '/api/v1/auth/otp',
    json: { phone: '+15550001111', admin: true },
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'otp: body is an array',
    method: 'POST',
    url: '/api/v1/auth/otp',
    json: ['+15550001111'],
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'otp: broken JSON',
    method: 'POST',
    url: '/api/v1/auth/otp',
    body: '{"phone":',
    headers: { 'content-type': 'application/json' },
    status: 400,
    code: 'INVALID_JSON',
  },
  {
    name: 'otp: form-encoded',
    method: 'POST',
    url: '/api/v1/auth/otp',
    body: 'phone=1',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'otp: huge body',
    method: 'POST',
    url: '/api/v1/auth/otp',
    json: { phone: long(300_000) },
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'verify: missing fields',
    method: 'POST',
    url: '/api/v1/auth/verify',
    json: { code: '123456' },
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'verify: code too short',
    method: 'POST',
    url: '/api/v1/auth/verify',
    json: { challengeId: validId, code: '123', deviceName: 'x' },
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'verify: code not digits',
    method: 'POST',
    url: '/api/v1/auth/verify',
    json: { challengeId: validId, code: 'abcdef', deviceName: 'x' },
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'verify: malformed challenge id',
    method: 'POST',
    url: '/api/v1/auth/verify',
    json: { challengeId: '../../etc', code: '123456', deviceName: 'x' },
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'verify: unknown challenge',
    method: 'POST',
    url: '/api/v1/auth/verify',
    json: { challengeId: validId, code: '123456', deviceName: 'x' },
    status: 400,
    code: 'OTP_INVALID',
  },
  {
    name: 'verify: oversized device name',
    method: 'POST',
    url: '/api/v1/auth/verify',
    json: { challengeId: validId, code: '123456', deviceName: long(65) },
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'verify: blank device name',
    method: 'POST',
    url: '/api/v1/auth/verify',
    json: { challengeId: validId, code: '123456', deviceName: '   ' },
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'password sign-in: password not a string',
    method: 'POST',
    url: '/api/v1/auth/password',
    json: { phone: '+15550001111', password: 12345678, deviceName: 'x' },
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'password sign-in: malformed phone',
    method: 'POST',
    url: '/api/v1/auth/password',
    json: { phone: 'nope', password: 'whatever1', deviceName: 'x' },
    status: 400,
    code: 'INVALID_PHONE',
  },
  { name: 'me: no token', method: 'GET', url: '/api/v1/me', status: 401, code: 'UNAUTHENTICATED' },
  {
    name: 'me: forged token',
    method: 'GET',
    url: '/api/v1/me',
    headers: { authorization: 'Bearer prl_forged' },
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'me: not a bearer',
    method: 'GET',
    url: '/api/v1/me',
    headers: { authorization: 'Basic eDp5' },
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'update me: empty name',
    method: 'PATCH',
    url: '/api/v1/me',
    auth: true,
    json: { displayName: '  ' },
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'update me: name of 65',
    method: 'PATCH',
    url: '/api/v1/me',
    auth: true,
    json: { displayName: long(65) },
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'update me: about of 141',
    method: 'PATCH',
    url: '/api/v1/me',
    auth: true,
    json: { about: long(141) },
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'update me: nothing',
    method: 'PATCH',
    url: '/api/v1/me',
    auth: true,
    json: {},
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'update me: phone is not editable',
    method: 'PATCH',
    url: '/api/v1/me',
    auth: true,
    json: { phone: '+15550009999' },
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'update me: wrong type',
    method: 'PATCH',
    url: '/api/v1/me',
    auth: true,
    json: { displayName: ['a'] },
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'avatar: text posing as PNG',
    method: 'PUT',
    url: '/api/v1/me/avatar',
    auth: true,
    body: 'not an image at all',
    headers: { 'content-type': 'image/png' },
    status: 422,
    code: 'INVALID_IMAGE',
  },
  {
    name: 'avatar: truncated PNG header',
    method: 'PUT',
    url: '/api/v1/me/avatar',
    auth: true,
    body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]),
    headers: { 'content-type': 'image/png' },
    status: 422,
    code: 'INVALID_IMAGE',
  },
  {
    name: 'avatar: SVG',
    method: 'PUT',
    url: '/api/v1/me/avatar',
    auth: true,
    body: '<svg xmlns="http://www.w3.org/2000/svg"/>',
    headers: { 'content-type': 'image/svg+xml' },
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'avatar: over 5 MB',
    method: 'PUT',
    url: '/api/v1/me/avatar',
    auth: true,
    body: Buffer.alloc(5 * 1024 * 1024 + 1),
    headers: { 'content-type': 'image/jpeg' },
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'avatar: empty',
    method: 'PUT',
    url: '/api/v1/me/avatar',
    auth: true,
    body: '',
    headers: { 'content-type': 'image/jpeg' },
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'password: too short',
    method: 'PUT',
    url: '/api/v1/me/password',
    auth: true,
    json: { password: 'short' },
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'password: too long',
    method: 'PUT',
    url: '/api/v1/me/password',
    auth: true,
    json: { password: long(129) },
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'device: malformed id',
    method: 'DELETE',
    url: '/api/v1/devices/not-an-id',
    auth: true,
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'device: unknown id',
    method: 'DELETE',
    url: `/api/v1/devices/${validId}`,
    auth: true,
    status: 404,
    code: 'DEVICE_NOT_FOUND',
  },
  {
    name: 'lookup: missing phone',
    method: 'GET',
    url: '/api/v1/users/lookup',
    auth: true,
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'lookup: malformed phone',
    method: 'GET',
    url: '/api/v1/users/lookup?phone=abcdef',
    auth: true,
    status: 400,
    code: 'INVALID_PHONE',
  },
  {
    name: 'lookup: no token',
    method: 'GET',
    url: '/api/v1/users/lookup?phone=%2B15550001111',
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'blob: no signature',
    method: 'GET',
    url: '/api/v1/blobs/avatars/x/y-96.webp',
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'blob: path traversal',
    method: 'GET',
    url: '/api/v1/blobs/..%2F..%2Fsecret?exp=9999999999&sig=abc',
    status: 403,
    code: 'FORBIDDEN',
  },
  { name: 'unknown route', method: 'GET', url: '/api/v1/nope', status: 404, code: 'ROUTE_NOT_FOUND' },
  { name: 'wrong method', method: 'DELETE', url: '/api/v1/auth/otp', status: 404, code: 'ROUTE_NOT_FOUND' },
];

describe('bad input gets a 4xx with a stable code, and loses nothing', () => {
  let t: TestServer;
  let token: string;
  let counts: () => Promise<number[]>;
  beforeAll(async () => {
    t = await startTestServer('embedded');
    token = (await signIn(t.url)).token;
    const db = t.ctx.database.db;
    counts = async () =>
      Promise.all(
        (['users', 'devices', 'sessions', 'otp_challenges'] as const).map(async (table) =>
          Number((await db.selectFrom(table).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
        ),
      );
  });
  afterAll(() => t?.stop());
  afterEach(() => {
    expect(t.takeProblems()).toEqual([]);
  });

  it.each(cases)('$name -> $status $code', async (c) => {
    const before = await counts();
    const response = await call(t.url, c.method, c.url, {
      token: c.auth ? token : undefined,
      json: c.json,
      body: c.body,
      headers: c.headers,
    });
    expect(response.status).toBe(c.status);
    expect(response.body.error.code).toBe(c.code);
    expect(typeof response.body.error.message).toBe('string');
    expect(JSON.stringify(response.body)).not.toMatch(/at .+\.ts:\d+|node_modules/);
    expect(await counts()).toEqual(before);
    expect((await call(t.url, 'GET', '/healthz')).status).toBe(200);
  });

  it('keeps the previous avatar when a bad one is uploaded', async () => {
    const sharp = (await import('sharp')).default;
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#08f' } })
      .png()
      .toBuffer();
    const good = await call(t.url, 'PUT', '/api/v1/me/avatar', {
      token,
      body: png,
      headers: { 'content-type': 'image/png' },
    });
    const bad = await call(t.url, 'PUT', '/api/v1/me/avatar', {
      token,
      body: 'GIF89a nope',
      headers: { 'content-type': 'image/png' },
    });
    expect(bad.body.error.code).toBe('INVALID_IMAGE');
    const me = await call(t.url, 'GET', '/api/v1/me', { token });
    expect(me.body.avatar).toEqual(good.body.avatar);
    expect((await fetch(t.url + me.body.avatar.small)).status).toBe(200);
  });

  it('refuses a correctly signed key that escapes the blob folder', async () => {
    const { signBlobUrl } = await import('../src/blobs/signed-urls.ts');
    for (const key of ['../secret', 'avatars/../../secret', 'a//b']) {
      const url = signBlobUrl(t.ctx.secret, key, Date.now()).replace(key, encodeURIComponent(key));
      const response = await call(t.url, 'GET', url);
      expect([response.status, response.body.error.code]).toEqual([404, 'NOT_FOUND']);
    }
  });

  it('answers odd Range headers per RFC 9110 and never with a 500', async () => {
    const sharp = (await import('sharp')).default;
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#f80' } })
      .png()
      .toBuffer();
    const me = await call(t.url, 'PUT', '/api/v1/me/avatar', {
      token,
      body: png,
      headers: { 'content-type': 'image/png' },
    });
    const url = t.url + me.body.avatar.small;
    const status = async (range: string, method = 'GET') =>
      (await fetch(url, { method, headers: { range } })).status;
    expect(await status('bytes=5-2')).toBe(200);
    expect(await status('bytes=5-2', 'HEAD')).toBe(200);
    expect(await status('bytes=0-99999999999999999999')).toBe(206);
    expect(await status('bytes=99999999999999999999-')).toBe(416);
    expect(await status('bytes=0-0,5-9')).toBe(200);
  });

  it('refuses a photo over 25 megapixels before decoding it', async () => {
    const sharp = (await import('sharp')).default;
    const huge = await sharp({ create: { width: 6000, height: 6000, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const response = await call(t.url, 'PUT', '/api/v1/me/avatar', {
      token,
      body: huge,
      headers: { 'content-type': 'image/png' },
    });
    expect([response.status, response.body.error.code]).toEqual([422, 'INVALID_IMAGE']);
    expect(response.body.error.message).toMatch(/megapixels/);
  });

  it('answers oversized headers in the error envelope', async () => {
    const response = await call(t.url, 'GET', `/api/v1/me?pad=${'x'.repeat(20_000)}`);
    expect([response.status, response.body.error.code]).toEqual([431, 'HEADERS_TOO_LARGE']);
  });

  it('refuses an unauthenticated upload without waiting for its body', async () => {
    const { request } = await import('node:http');
    const target = new URL(`${t.url}/api/v1/me/avatar`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'PUT',
          headers: { 'content-type': 'image/png', 'content-length': 5_000_000 },
        },
        (res) => {
          resolve(res.statusCode ?? 0);
          req.destroy(); // the rest of the body will never come
        },
      );
      req.on('error', reject);
      req.write(Buffer.alloc(1000)); // then nothing more: a server that waits for the body never answers
    });
    expect(status).toBe(401);
  });

  it('rejects a real GIF: avatars are JPEG, PNG or WebP', async () => {
    const sharp = (await import('sharp')).default;
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#0f0' } })
      .gif()
      .toBuffer();
    const response = await call(t.url, 'PUT', '/api/v1/me/avatar', {
      token,
      body: gif,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect([response.status, response.body.error.code]).toEqual([422, 'INVALID_IMAGE']);
  });
});

describe('codes expire and limits hold', () => {
  let now = Date.UTC(2026, 10, 1, 9);
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('embedded', {
      env: { PARLEY_OTP_PER_IP_PER_HOUR: '4', PARLEY_LOOKUPS_PER_MINUTE: '2' },
      overrides: { clock: () => now },
    });
  });
  afterAll(() => t?.stop());
  afterEach(() => {
    expect(t.takeProblems()).toEqual([]);
  });

  it('refuses a code after ten minutes with OTP_EXPIRED', async () => {
    const phone = uniquePhone();
    const { body: challenge } = await call(t.url, 'POST', '/api/v1/auth/otp', { json: { phone } });
    const { body: sent } = await call(t.url, 'GET', `/api/v1/dev/otp/${phone}`);
    now += 10 * 60 * 1000;
    const late = await call(t.url, 'POST', '/api/v1/auth/verify', {
      json: { challengeId: challenge.challengeId, code: sent.code, deviceName: 'x' },
    });
    expect([late.status, late.body.error.code]).toEqual([400, 'OTP_EXPIRED']);
  });

  it('limits codes per client address across numbers, then lets them through after the hour', async () => {
    now += 2 * 3600 * 1000; // a fresh window for this test
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (await call(t.url, 'POST', '/api/v1/auth/otp', { json: { phone: uniquePhone() } })).status,
      );
    }
    expect(statuses).toEqual([202, 202, 202, 202, 429]);
    now += 3600 * 1000;
    expect((await call(t.url, 'POST', '/api/v1/auth/otp', { json: { phone: uniquePhone() } })).status).toBe(
      202,
    );
  });

  it('limits phone-number lookups per user', async () => {
    now += 2 * 3600 * 1000;
    const { token } = await signIn(t.url);
    const lookup = () =>
      call(t.url, 'GET', `/api/v1/users/lookup?phone=${encodeURIComponent(uniquePhone())}`, { token });
    expect((await lookup()).status).toBe(404);
    expect((await lookup()).status).toBe(404);
    const refused = await lookup();
    expect([refused.status, refused.body.error.code]).toEqual([429, 'RATE_LIMITED']);
  });
});
