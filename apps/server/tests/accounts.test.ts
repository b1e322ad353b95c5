import { readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, signIn, startTestServer, storageModes, type TestServer, uniquePhone } from './harness.ts';

const modes = await storageModes();

async function pngOf(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 90 } } })
    .png()
    .toBuffer();
}

describe.each(modes)('accounts (%s storage)', (mode) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(mode);
  });
  afterAll(() => t?.stop());
  afterEach(() => {
    expect(t.takeProblems()).toEqual([]);
  });

  it('signs up a new number, sets a name, and signs in again as the same user on a second device', async () => {
    const phone = uniquePhone();
    const first = await signIn(t.url, phone, 'Chrome on Linux');
    expect(first.isNewUser).toBe(true);
    expect(first.user).toMatchObject({
      phone,
      displayName: null,
      about: '',
      avatar: null,
      hasPassword: false,
    });
    expect(first.token).toMatch(/^prl_/);

    const named = await call(t.url, 'PATCH', '/api/v1/me', {
      token: first.token,
      json: { displayName: ' Ada ', about: 'Hi' },
    });
    expect(named.status).toBe(200);
    expect(named.body).toMatchObject({ displayName: 'Ada', about: 'Hi' });

    const second = await signIn(t.url, phone, 'Firefox on Mac');
    expect(second.isNewUser).toBe(false);
    expect(second.user.id).toBe(first.user.id);
    expect(second.device.id).not.toBe(first.device.id);

    const devices = await call(t.url, 'GET', '/api/v1/devices', { token: second.token });
    expect(
      devices.body.devices.map((d: { name: string; current: boolean }) => [d.name, d.current]).sort(),
    ).toEqual([
      ['Chrome on Linux', false],
      ['Firefox on Mac', true],
    ]);
  });

  it('answers the same for known and unknown numbers', async () => {
    const known = (await signIn(t.url)).user.phone;
    const a = await call(t.url, 'POST', '/api/v1/auth/otp', { json: { phone: known } });
    const b = await call(t.url, 'POST', '/api/v1/auth/otp', { json: { phone: uniquePhone() } });
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(Object.keys(a.body).sort()).toEqual(Object.keys(b.body).sort());
  });

  it('counts wrong codes and locks the challenge after five', async () => {
    const phone = uniquePhone();
    const { body: challenge } = await call(t.url, 'POST', '/api/v1/auth/otp', { json: { phone } });
    const { body: sent } = await call(t.url, 'GET', `/api/v1/dev/otp/${phone}`);
    const wrong = sent.code === '000000' ? '111111' : '000000';
    const verify = (code: string) =>
      call(t.url, 'POST', '/api/v1/auth/verify', {
        json: { challengeId: challenge.challengeId, code, deviceName: 'x' },
      });

    const firstTry = await verify(wrong);
    expect(firstTry.status).toBe(400);
    expect(firstTry.body.error.code).toBe('OTP_INVALID');
    expect(firstTry.body.error.message).toContain('4 tries left');
    for (let i = 0; i < 3; i++) expect((await verify(wrong)).body.error.code).toBe('OTP_INVALID');
    expect((await verify(wrong)).body.error.code).toBe('OTP_TOO_MANY_ATTEMPTS');
    const right = await verify(sent.code);
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('OTP_TOO_MANY_ATTEMPTS');
  });

  it('does not accept a code twice, nor a code superseded by a newer one', async () => {
    const phone = uniquePhone();
    const { body: old } = await call(t.url, 'POST', '/api/v1/auth/otp', { json: { phone } });
    const { body: oldCode } = await call(t.url, 'GET', `/api/v1/dev/otp/${phone}`);
    const { body: fresh } = await call(t.url, 'POST', '/api/v1/auth/otp', { json: { phone } });
    const { body: freshCode } = await call(t.url, 'GET', `/api/v1/dev/otp/${phone}`);

    const stale = await call(t.url, 'POST', '/api/v1/auth/verify', {
      json: { challengeId: old.challengeId, code: oldCode.code, deviceName: 'x' },
    });
    expect(stale.body.error.code).toBe('OTP_INVALID');
    const ok = await call(t.url, 'POST', '/api/v1/auth/verify', {
      json: { challengeId: fresh.challengeId, code: freshCode.code, deviceName: 'x' },
    });
    expect(ok.status).toBe(200);
    const replay = await call(t.url, 'POST', '/api/v1/auth/verify', {
      json: { challengeId: fresh.challengeId, code: freshCode.code, deviceName: 'x' },
    });
    expect(replay.body.error.code).toBe('OTP_INVALID');
  });

  it('lets exactly one of several simultaneous right answers sign in', async () => {
    const phone = uniquePhone();
    const { body: challenge } = await call(t.url, 'POST', '/api/v1/auth/otp', { json: { phone } });
    const { body: sent } = await call(t.url, 'GET', `/api/v1/dev/otp/${phone}`);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        call(t.url, 'POST', '/api/v1/auth/verify', {
          json: { challengeId: challenge.challengeId, code: sent.code, deviceName: 'x' },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400, 400, 400]);
  });

  it('caps code guesses per number across its challenges', async () => {
    const phone = uniquePhone();
    const statuses: number[] = [];
    for (let round = 0; round < 3; round++) {
      const { body: challenge } = await call(t.url, 'POST', '/api/v1/auth/otp', { json: { phone } });
      for (let i = 0; i < 4; i++) {
        const guess = await call(t.url, 'POST', '/api/v1/auth/verify', {
          json: { challengeId: challenge.challengeId, code: String(100000 + i), deviceName: 'x' },
        });
        statuses.push(guess.status);
      }
    }
    expect(statuses.slice(0, 10).every((status) => status === 400)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('rate-limits codes per number with Retry-After', async () => {
    const phone = uniquePhone();
    for (let i = 0; i < 5; i++)
      expect((await call(t.url, 'POST', '/api/v1/auth/otp', { json: { phone } })).status).toBe(202);
    const refused = await call(t.url, 'POST', '/api/v1/auth/otp', { json: { phone } });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('signs in with an optional password, and answers wrong passwords and unknown numbers alike', async () => {
    const me = await signIn(t.url);
    const set = await call(t.url, 'PUT', '/api/v1/me/password', {
      token: me.token,
      json: { password: 'correct horse' },
    });
    expect(set.status).toBe(204);
    expect((await call(t.url, 'GET', '/api/v1/me', { token: me.token })).body.hasPassword).toBe(true);

    const ok = await call(t.url, 'POST', '/api/v1/auth/password', {
      json: { phone: me.user.phone, password: 'correct horse', deviceName: 'Laptop' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.user.id).toBe(me.user.id);

    const wrong = await call(t.url, 'POST', '/api/v1/auth/password', {
      json: { phone: me.user.phone, password: 'wrong horse', deviceName: 'Laptop' },
    });
    const unknown = await call(t.url, 'POST', '/api/v1/auth/password', {
      json: { phone: uniquePhone(), password: 'correct horse', deviceName: 'Laptop' },
    });
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    expect([unknown.status, unknown.body]).toEqual([401, wrong.body]);

    const change = await call(t.url, 'PUT', '/api/v1/me/password', {
      token: me.token,
      json: { password: 'battery staple', currentPassword: 'nope' },
    });
    expect(change.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('stores an avatar re-encoded to 512 and 96 px WebP behind signed URLs, with range reads', async () => {
    const me = await signIn(t.url);
    const uploaded = await call(t.url, 'PUT', '/api/v1/me/avatar', {
      token: me.token,
      body: await pngOf(1200, 800),
      headers: { 'content-type': 'image/png' },
    });
    expect(uploaded.status).toBe(200);
    const { large, small } = uploaded.body.avatar;

    for (const [url, px] of [
      [large, 512],
      [small, 96],
    ] as const) {
      const response = await fetch(t.url + url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/webp');
      const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', px, px]);
    }

    const partial = await fetch(t.url + small, { headers: { range: 'bytes=0-9' } });
    expect(partial.status).toBe(206);
    expect((await partial.arrayBuffer()).byteLength).toBe(10);
    expect(partial.headers.get('content-range')).toMatch(/^bytes 0-9\/\d+$/);

    const forged = await call(t.url, 'GET', small.replace(/sig=[^&]+/, 'sig=AAAA'));
    expect([forged.status, forged.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const otherKey = await call(t.url, 'GET', small.replace('-96.webp', '-512.webp'));
    expect(otherKey.body.error.code).toBe('FORBIDDEN');
  });

  it('replaces and removes avatars without leaving old files behind', async () => {
    const me = await signIn(t.url);
    const put = (body: Buffer) =>
      call(t.url, 'PUT', '/api/v1/me/avatar', {
        token: me.token,
        body,
        headers: { 'content-type': 'application/octet-stream' },
      });
    const first = (await put(await pngOf(300, 300))).body.avatar;
    const second = (await put(await pngOf(200, 400))).body.avatar;
    expect(second.small).not.toBe(first.small);
    expect((await fetch(t.url + first.small)).status).toBe(404);
    expect((await fetch(t.url + second.small)).status).toBe(200);

    const removed = await call(t.url, 'DELETE', '/api/v1/me/avatar', { token: me.token });
    expect(removed.body.avatar).toBeNull();
    expect((await fetch(t.url + second.large)).status).toBe(404);
  });

  it('keeps exactly the winning avatar when uploads race', async () => {
    const me = await signIn(t.url);
    const uploads = await Promise.all(
      [100, 140, 180, 220].map(async (size) =>
        call(t.url, 'PUT', '/api/v1/me/avatar', {
          token: me.token,
          body: await pngOf(size, size),
          headers: { 'content-type': 'image/png' },
        }),
      ),
    );
    expect(uploads.map((u) => u.status)).toEqual([200, 200, 200, 200]);
    const final = (await call(t.url, 'GET', '/api/v1/me', { token: me.token })).body.avatar;
    // Each answer shows the avatar current when it was sent, so some name a loser: only the final
    // one may still be served.
    const named = [...new Set(uploads.flatMap((u) => [u.body.avatar.small, u.body.avatar.large]))];
    const served: string[] = [];
    for (const url of named) if ((await fetch(t.url + url)).status === 200) served.push(url);
    expect(served.sort()).toEqual([final.small, final.large].sort());
    if (mode === 'embedded') {
      // Every losing upload's files are gone too, including those no answer named.
      const folder = path.join(t.ctx.config.dataDir, 'blobs', 'avatars', me.user.id);
      expect((await readdir(folder)).filter((name) => name.endsWith('.webp'))).toHaveLength(2);
    }
  });

  it('looks up registered numbers only', async () => {
    const alice = await signIn(t.url);
    const bob = await signIn(t.url);
    await call(t.url, 'PATCH', '/api/v1/me', { token: bob.token, json: { displayName: 'Bob' } });
    const found = await call(
      t.url,
      'GET',
      `/api/v1/users/lookup?phone=${encodeURIComponent(bob.user.phone)}`,
      {
        token: alice.token,
      },
    );
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ id: bob.user.id, displayName: 'Bob', phone: bob.user.phone });
    expect(found.body).not.toHaveProperty('hasPassword');

    const missing = await call(
      t.url,
      'GET',
      `/api/v1/users/lookup?phone=${encodeURIComponent(uniquePhone())}`,
      {
        token: alice.token,
      },
    );
    expect([missing.status, missing.body.error.code]).toEqual([404, 'USER_NOT_FOUND']);
  });

  it('signs out one device, all others, or itself; signed-out tokens stop working at once', async () => {
    const phone = uniquePhone();
    const a = await signIn(t.url, phone, 'A');
    const b = await signIn(t.url, phone, 'B');
    const c = await signIn(t.url, phone, 'C');
    const stranger = await signIn(t.url);

    const foreign = await call(t.url, 'DELETE', `/api/v1/devices/${a.device.id}`, { token: stranger.token });
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'DEVICE_NOT_FOUND']);
    expect((await call(t.url, 'GET', '/api/v1/me', { token: a.token })).status).toBe(200);

    expect((await call(t.url, 'DELETE', `/api/v1/devices/${b.device.id}`, { token: a.token })).status).toBe(
      204,
    );
    const gone = await call(t.url, 'GET', '/api/v1/me', { token: b.token });
    expect([gone.status, gone.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);

    expect((await call(t.url, 'DELETE', '/api/v1/devices', { token: a.token })).status).toBe(204);
    expect((await call(t.url, 'GET', '/api/v1/me', { token: c.token })).status).toBe(401);
    const left = await call(t.url, 'GET', '/api/v1/devices', { token: a.token });
    expect(left.body.devices.map((d: { id: string }) => d.id)).toEqual([a.device.id]);

    expect((await call(t.url, 'POST', '/api/v1/auth/sign-out', { token: a.token })).status).toBe(204);
    expect((await call(t.url, 'GET', '/api/v1/me', { token: a.token })).status).toBe(401);
  });
});
