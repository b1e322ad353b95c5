import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { attachmentSchema } from '@parley/protocol';
import sharp from 'sharp';
import { ulid } from 'ulid';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  deleteMessageAttachments,
  linkAttachments,
  releaseAttachments,
  resolveAttachments,
  sweepAttachments,
  uploadDirectory,
} from '../src/attachments/index.ts';
import { mediaToolPath } from '../src/media-tools/media-tools.ts';
import { call, signIn, startTestServer, storageModes, type TestServer } from './harness.ts';

const modes = await storageModes();
const runFile = promisify(execFile);
const hour = 3600 * 1000;

/** Real media, made once with ffmpeg and sharp: known dimensions and durations. */
interface Media {
  photo: Buffer; // 1280x720 JPEG, EXIF orientation 6 (shown as 720x1280)
  gif: Buffer; // 100x50
  png: Buffer; // 400x300
  mp4: Buffer; // 2 s, 320x240, H.264 + AAC
  webm: Buffer; // 2 s, 320x240, VP8
  truncatedMp4: Buffer;
  voiceOgg: Buffer; // 1.5 s Opus in Ogg
  voiceWebm: Buffer; // 1.5 s Opus in audio-only WebM, as browsers record
  wav: Buffer; // 2 s: one second of silence, then one of a tone
}

async function makeMedia(): Promise<Media> {
  const directory = await mkdtemp(path.join(tmpdir(), 'parley-media-'));
  const ffmpeg = async (name: string, args: string[]) => {
    const file = path.join(directory, name);
    await runFile(mediaToolPath('ffmpeg'), ['-nostdin', '-v', 'error', '-y', ...args, file]);
    return readFile(file);
  };
  const video = ['-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25:duration=2'];
  const tone = ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1.5'];
  try {
    const mp4 = await ffmpeg('v.mp4', [
      ...video,
      ...['-f', 'lavfi', '-i', 'sine=frequency=440:duration=2'],
      ...['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest'],
    ]);
    const canvas = (width: number, height: number) =>
      sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } });
    return {
      photo: await canvas(1280, 720).jpeg().withMetadata({ orientation: 6 }).toBuffer(),
      gif: await canvas(100, 50).gif().toBuffer(),
      png: await canvas(400, 300).png().toBuffer(),
      mp4,
      webm: await ffmpeg('v.webm', [...video, '-c:v', 'libvpx', '-b:v', '200k']),
      truncatedMp4: mp4.subarray(0, Math.floor(mp4.length / 2)),
      voiceOgg: await ffmpeg('voice.ogg', [...tone, '-c:a', 'libopus']),
      voiceWebm: await ffmpeg('voice.webm', [...tone, '-c:a', 'libopus', '-f', 'webm']),
      wav: await ffmpeg('a.wav', [
        ...['-f', 'lavfi', '-i', "aevalsrc=exprs='if(gte(t,1),0.8*sin(2*PI*440*t),0)':d=2:s=44100"],
      ]),
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

const media = await makeMedia();

type Person = Awaited<ReturnType<typeof signIn>>;

/** A group chat of these people, made through the chat API by the first of them. */
async function createChat(t: TestServer, members: Person[]): Promise<string> {
  const [creator, ...others] = members;
  const response = await call(t.url, 'POST', '/api/v1/chats/groups', {
    token: creator?.token,
    json: { title: 'Attachments', memberIds: others.map((member) => member.user.id) },
  });
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
  return response.body.id;
}

function upload(
  t: TestServer,
  who: Person,
  chatId: string,
  body: Buffer,
  options: { name?: string; voice?: boolean; type?: string } = {},
) {
  const query = new URLSearchParams();
  if (options.name !== undefined) query.set('name', options.name);
  if (options.voice) query.set('voice', '1');
  return call(t.url, 'POST', `/api/v1/chats/${chatId}/attachments?${query}`, {
    token: who.token,
    body,
    headers: { 'content-type': options.type ?? 'application/octet-stream' },
  });
}

async function download(t: TestServer, who: Person, url: string, headers: Record<string, string> = {}) {
  const response = await fetch(t.url + url, {
    headers: { authorization: `Bearer ${who.token}`, ...headers },
  });
  return {
    status: response.status,
    headers: response.headers,
    body: Buffer.from(await response.arrayBuffer()),
  };
}

function errorCode(body: Buffer): string {
  return JSON.parse(body.toString('utf8')).error.code;
}

/** What the messaging side does when it sends a message with these attachments. */
async function send(t: TestServer, attachmentIds: string[], recipients: Person[]): Promise<string> {
  const messageId = ulid();
  await t.ctx.database.db.transaction().execute((trx) =>
    linkAttachments(trx, {
      messageId,
      attachmentIds,
      recipientDeviceIds: recipients.map((r) => r.device.id),
      expiresAt: t.ctx.clock() + t.ctx.config.limits.messageTtlMs,
    }),
  );
  return messageId;
}

/** The message's body, queued for its recipients, as messaging stores it until every delivery is acked. */
async function queueBody(t: TestServer, messageId: string): Promise<void> {
  const now = t.ctx.clock();
  await t.ctx.database.db
    .insertInto('events')
    .values({
      id: ulid(),
      type: 'message',
      payload: '{}',
      message_id: messageId,
      created_at: now,
      expires_at: now + hour,
    })
    .execute();
}

async function dropBody(t: TestServer, messageId: string): Promise<void> {
  await t.ctx.database.db.deleteFrom('events').where('message_id', '=', messageId).execute();
}

function pendingDownloads(t: TestServer, attachmentId: string): Promise<string[]> {
  return t.ctx.database.db
    .selectFrom('attachment_downloads')
    .select('device_id')
    .where('attachment_id', '=', attachmentId)
    .execute()
    .then((rows) => rows.map((row) => row.device_id).sort());
}

/** Whether the attachment's row and blobs still exist. */
async function stored(t: TestServer, chatId: string, id: string) {
  const row = await t.ctx.database.db
    .selectFrom('attachments')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  return {
    row: row !== undefined,
    blob: (await t.ctx.blobs.head(`attachments/${chatId}/${id}`)) !== undefined,
  };
}

const gone = { row: false, blob: false };
const kept = { row: true, blob: true };

describe.each(modes)('attachments (%s storage)', (mode) => {
  let t: TestServer;
  let now = Date.now();
  beforeAll(async () => {
    t = await startTestServer(mode, { overrides: { clock: () => now } });
  });
  afterAll(() => t?.stop());
  afterEach(() => {
    expect(t.takeProblems()).toEqual([]);
  });

  it('measures photos: upright dimensions and a WebP thumbnail at most 320 px on its longest side', async () => {
    const ada = await signIn(t.url);
    const chatId = await createChat(t, [ada]);

    const photo = await upload(t, ada, chatId, media.photo, { name: 'IMG_0001.jpg', type: 'image/jpeg' });
    expect(photo.status).toBe(201);
    expect(attachmentSchema.parse(photo.body)).toEqual({
      id: photo.body.id,
      kind: 'image',
      name: 'IMG_0001.jpg',
      contentType: 'image/jpeg',
      size: media.photo.length,
      width: 720,
      height: 1280,
      durationMs: null,
      waveform: null,
      url: `/api/v1/attachments/${photo.body.id}`,
      thumbnailUrl: `/api/v1/attachments/${photo.body.id}/thumbnail`,
    });
    const thumbnail = await download(t, ada, photo.body.thumbnailUrl);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');
    expect(await sharp(thumbnail.body).metadata()).toMatchObject({ format: 'webp', width: 180, height: 320 });

    // Declared type and name do not matter; a small image is not enlarged.
    const gif = await upload(t, ada, chatId, media.gif, { name: 'reaction.png', type: 'image/png' });
    expect(gif.body).toMatchObject({ kind: 'image', contentType: 'image/gif', width: 100, height: 50 });
    const gifThumbnail = await download(t, ada, gif.body.thumbnailUrl);
    expect(await sharp(gifThumbnail.body).metadata()).toMatchObject({
      format: 'webp',
      width: 100,
      height: 50,
    });

    const png = await upload(t, ada, chatId, media.png);
    expect(png.body).toMatchObject({ kind: 'image', contentType: 'image/png', width: 400, height: 300 });
    expect(png.body.name).toBe('file.png');
    const pngThumbnail = await download(t, ada, png.body.thumbnailUrl);
    expect(await sharp(pngThumbnail.body).metadata()).toMatchObject({ width: 320, height: 240 });
  });

  it('measures MP4 and WebM videos: dimensions, duration and a poster frame', async () => {
    const ada = await signIn(t.url);
    const chatId = await createChat(t, [ada]);
    for (const [bytes, contentType] of [
      [media.mp4, 'video/mp4'],
      [media.webm, 'video/webm'],
    ] as const) {
      const video = await upload(t, ada, chatId, bytes, { name: 'clip', type: 'video/x-whatever' });
      expect(video.status).toBe(201);
      expect(video.body).toMatchObject({
        kind: 'video',
        contentType,
        width: 320,
        height: 240,
        waveform: null,
      });
      expect(Math.abs(video.body.durationMs - 2000)).toBeLessThanOrEqual(100);
      const poster = await download(t, ada, video.body.thumbnailUrl);
      expect(await sharp(poster.body).metadata()).toMatchObject({ format: 'webp', width: 320, height: 240 });
    }
  });

  it('measures voice messages and audio: duration and 64 waveform levels', async () => {
    const ada = await signIn(t.url);
    const chatId = await createChat(t, [ada]);
    for (const [bytes, contentType] of [
      [media.voiceOgg, 'audio/ogg; codecs=opus'],
      [media.voiceWebm, 'audio/webm'],
    ] as const) {
      const voice = await upload(t, ada, chatId, bytes, { voice: true, type: 'audio/webm;codecs=opus' });
      expect(voice.status).toBe(201);
      expect(voice.body).toMatchObject({ kind: 'voice', contentType, width: null, thumbnailUrl: null });
      expect(voice.body.name).toMatch(/^voice-message\.(opus|webm)$/);
      expect(Math.abs(voice.body.durationMs - 1500)).toBeLessThanOrEqual(100);
      expect(voice.body.waveform).toHaveLength(64);
      expect(Math.max(...voice.body.waveform)).toBe(255);
    }

    // Silence then a tone: the bars say so.
    const wav = await upload(t, ada, chatId, media.wav, { name: 'tone.wav' });
    expect(wav.body).toMatchObject({ kind: 'audio', contentType: 'audio/wav', thumbnailUrl: null });
    expect(Math.abs(wav.body.durationMs - 2000)).toBeLessThanOrEqual(100);
    const levels: number[] = wav.body.waveform;
    expect(levels).toHaveLength(64);
    expect(Math.max(...levels.slice(0, 30))).toBeLessThan(10);
    expect(Math.min(...levels.slice(34))).toBeGreaterThan(200);
  });

  it('keeps undecodable media and unknown bytes as plain files under a safe name', async () => {
    const ada = await signIn(t.url);
    const chatId = await createChat(t, [ada]);
    const text = Buffer.from('not a photo at all\n');
    const renamed = await upload(t, ada, chatId, text, {
      name: 'C:\\Users\\ada\\photo.jpg',
      type: 'image/jpeg',
    });
    expect(renamed.status).toBe(201);
    expect(renamed.body).toMatchObject({
      kind: 'file',
      name: 'photo.jpg',
      contentType: 'application/octet-stream',
      size: text.length,
      width: null,
      thumbnailUrl: null,
    });

    const truncated = await upload(t, ada, chatId, media.truncatedMp4, { name: 'broken.mp4' });
    expect(truncated.body).toMatchObject({ kind: 'file', contentType: 'video/mp4', durationMs: null });

    const tricky = await upload(t, ada, chatId, text, { name: '../../evil\u202Egpj.exe\n' });
    expect(tricky.body.name).toBe('evilgpj.exe');
    const long = await upload(t, ada, chatId, text, { name: `${'a'.repeat(300)}.pdf` });
    expect(long.body.name).toBe(`${'a'.repeat(251)}.pdf`);

    const file = await download(t, ada, renamed.body.url);
    expect(file.status).toBe(200);
    expect(file.body).toEqual(text);
    expect(file.headers.get('content-type')).toBe('application/octet-stream');
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="photo.jpg"; filename*=UTF-8''photo.jpg`,
    );
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    const noThumbnail = await download(t, ada, `${renamed.body.url}/thumbnail`);
    expect([noThumbnail.status, errorCode(noThumbnail.body)]).toEqual([404, 'ATTACHMENT_NOT_FOUND']);
  });

  it('refuses a voice message that is not audio it can decode', async () => {
    const ada = await signIn(t.url);
    const chatId = await createChat(t, [ada]);
    for (const bytes of [media.png, media.mp4, media.truncatedMp4, Buffer.from('hello')]) {
      const refused = await upload(t, ada, chatId, bytes, { voice: true });
      expect([refused.status, refused.body.error.code]).toEqual([422, 'INVALID_ATTACHMENT']);
    }
    const rows = await t.ctx.database.db
      .selectFrom('attachments')
      .select('id')
      .where('chat_id', '=', chatId)
      .execute();
    expect(rows).toEqual([]);
  });

  it('lets only members of the chat upload and download, and others only once it is sent', async () => {
    const [ada, bob, eve] = [await signIn(t.url), await signIn(t.url), await signIn(t.url)];
    const chatId = await createChat(t, [ada, bob]);

    const outsider = await upload(t, eve, chatId, media.png);
    expect([outsider.status, outsider.body.error.code]).toEqual([404, 'CHAT_NOT_FOUND']);
    const anonymous = await call(t.url, 'POST', `/api/v1/chats/${chatId}/attachments`, { body: media.png });
    expect(anonymous.status).toBe(401);

    const { body: photo } = await upload(t, ada, chatId, media.png);
    // Not sent yet: only the uploader sees it.
    expect((await download(t, ada, photo.url)).status).toBe(200);
    const early = await download(t, bob, photo.url);
    expect([early.status, errorCode(early.body)]).toEqual([404, 'ATTACHMENT_NOT_FOUND']);

    await send(t, [photo.id], [bob]);
    expect((await download(t, bob, photo.thumbnailUrl)).status).toBe(200);
    for (const url of [photo.url, photo.thumbnailUrl, `/api/v1/attachments/${ulid()}`]) {
      const refused = await download(t, eve, url);
      expect([refused.status, errorCode(refused.body)]).toEqual([404, 'ATTACHMENT_NOT_FOUND']);
    }
    const marked = await call(t.url, 'POST', `${photo.url}/downloaded`, { token: eve.token });
    expect([marked.status, marked.body.error.code]).toEqual([404, 'ATTACHMENT_NOT_FOUND']);
    expect(await pendingDownloads(t, photo.id)).toEqual([bob.device.id]);
  });

  it('stops serving a member as soon as they are removed from the chat', async () => {
    const [ada, bob] = [await signIn(t.url), await signIn(t.url)];
    const chatId = await createChat(t, [ada, bob]);
    const { body: photo } = await upload(t, ada, chatId, media.png);
    await send(t, [photo.id], [bob]);
    expect((await download(t, bob, photo.thumbnailUrl)).status).toBe(200);

    await t.ctx.database.db
      .deleteFrom('chat_members')
      .where('chat_id', '=', chatId)
      .where('user_id', '=', bob.user.id)
      .execute();
    for (const url of [photo.url, photo.thumbnailUrl]) {
      const refused = await download(t, bob, url);
      expect([refused.status, errorCode(refused.body)]).toEqual([404, 'ATTACHMENT_NOT_FOUND']);
    }
  });

  it('serves byte ranges, which do not count as a download until the device says so', async () => {
    const [ada, bob] = [await signIn(t.url), await signIn(t.url)];
    const chatId = await createChat(t, [ada, bob]);
    const { body: video } = await upload(t, ada, chatId, media.mp4, { name: 'clip.mp4' });
    await send(t, [video.id], [bob]);
    const size = media.mp4.length;

    const head = await fetch(t.url + video.url, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${bob.token}` },
    });
    expect([head.status, head.headers.get('content-length')]).toEqual([200, String(size)]);
    const first = await download(t, bob, video.url, { range: 'bytes=0-99' });
    expect(first.status).toBe(206);
    expect(first.headers.get('content-range')).toBe(`bytes 0-99/${size}`);
    expect(first.headers.get('content-type')).toBe('video/mp4');
    expect(first.body).toEqual(media.mp4.subarray(0, 100));
    const rest = await download(t, bob, video.url, { range: 'bytes=100-' });
    expect(rest.status).toBe(206);
    expect(Buffer.concat([first.body, rest.body])).toEqual(media.mp4);
    const tail = await download(t, bob, video.url, { range: 'bytes=-10' });
    expect(tail.body).toEqual(media.mp4.subarray(size - 10));
    const beyond = await download(t, bob, video.url, { range: `bytes=${size}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${size}`);
    expect(await pendingDownloads(t, video.id)).toEqual([bob.device.id]);

    const done = await call(t.url, 'POST', `${video.url}/downloaded`, { token: bob.token });
    expect(done.status).toBe(204);
    expect(await pendingDownloads(t, video.id)).toEqual([]);
  });

  it('deletes an attachment once its message body is gone and every device has downloaded it', async () => {
    const [ada, bob, cy] = [await signIn(t.url), await signIn(t.url), await signIn(t.url)];
    const chatId = await createChat(t, [ada, bob, cy]);
    const { body: first } = await upload(t, ada, chatId, media.png);
    const { body: second } = await upload(t, ada, chatId, media.gif);
    const messageId = await send(t, [first.id, second.id], [bob, cy]);
    await queueBody(t, messageId);

    // Bob downloads both whole; Cy has only the first.
    for (const attachment of [first, second]) {
      expect((await download(t, bob, attachment.url)).status).toBe(200);
      await vi.waitFor(async () => expect(await pendingDownloads(t, attachment.id)).toEqual([cy.device.id]));
    }
    expect((await download(t, cy, first.url)).status).toBe(200);
    await vi.waitFor(async () => expect(await pendingDownloads(t, first.id)).toEqual([]));
    // Every download done, but the body is still queued: the server keeps the file.
    expect(await stored(t, chatId, first.id)).toEqual(kept);

    await dropBody(t, messageId);
    await releaseAttachments(t.ctx, [messageId]);
    expect(await stored(t, chatId, first.id)).toEqual(gone);
    expect(await t.ctx.blobs.head(`attachments/${chatId}/${first.id}-thumb.webp`)).toBeUndefined();
    // Cy has yet to download the second: it stays until they do, then goes at once.
    expect(await stored(t, chatId, second.id)).toEqual(kept);
    expect((await download(t, cy, second.url)).status).toBe(200);
    await vi.waitFor(async () => expect(await stored(t, chatId, second.id)).toEqual(gone));
  });

  it('resolves only own unsent uploads of the chat, in the order given, and links each once', async () => {
    const [ada, bob] = [await signIn(t.url), await signIn(t.url)];
    const chatId = await createChat(t, [ada, bob]);
    const otherChatId = await createChat(t, [ada]);
    const { body: a } = await upload(t, ada, chatId, media.png);
    const { body: b } = await upload(t, ada, chatId, media.gif);
    const { body: bobs } = await upload(t, bob, chatId, media.png);
    const { body: elsewhere } = await upload(t, ada, otherChatId, media.png);

    const resolve = (ids: string[]) => resolveAttachments(t.ctx, { chatId, uploaderId: ada.user.id, ids });
    expect(await resolve([b.id, a.id])).toEqual([b, a]);
    for (const ids of [[a.id, bobs.id], [elsewhere.id], [ulid()]]) {
      await expect(resolve(ids)).rejects.toMatchObject({ code: 'ATTACHMENT_NOT_FOUND' });
    }
    await expect(resolve([a.id, a.id])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });

    await send(t, [a.id], [bob]);
    await expect(resolve([a.id])).rejects.toMatchObject({ code: 'ATTACHMENT_NOT_FOUND' });
    await expect(send(t, [a.id, b.id], [bob])).rejects.toMatchObject({ code: 'ATTACHMENT_NOT_FOUND' });
    // The failed send rolled back: b is still free to send.
    expect(await resolve([b.id])).toEqual([b]);
  });

  it('deletes a message’s attachments at once when it is deleted for everyone', async () => {
    const [ada, bob] = [await signIn(t.url), await signIn(t.url)];
    const chatId = await createChat(t, [ada, bob]);
    const { body: photo } = await upload(t, ada, chatId, media.png);
    const messageId = await send(t, [photo.id], [bob]);
    await queueBody(t, messageId);

    await deleteMessageAttachments(t.ctx, messageId);
    expect(await stored(t, chatId, photo.id)).toEqual(gone);
    expect(await pendingDownloads(t, photo.id)).toEqual([]);
    expect((await download(t, bob, photo.url)).status).toBe(404);
  });

  it('sweeps unsent uploads after a day and sent ones after the message TTL, even with a blob gone', async () => {
    const [ada, bob] = [await signIn(t.url), await signIn(t.url)];
    const chatId = await createChat(t, [ada, bob]);
    const { body: unsent } = await upload(t, ada, chatId, media.png);
    const { body: sent } = await upload(t, ada, chatId, media.mp4);
    const messageId = await send(t, [sent.id], [bob]);
    await queueBody(t, messageId);

    now += 24 * hour - 1;
    await sweepAttachments(t.ctx);
    expect(await stored(t, chatId, unsent.id)).toEqual(kept);
    now += 1;
    expect(await sweepAttachments(t.ctx)).toBeGreaterThanOrEqual(1);
    expect(await stored(t, chatId, unsent.id)).toEqual(gone);
    expect(await stored(t, chatId, sent.id)).toEqual(kept);

    await t.ctx.blobs.delete(`attachments/${chatId}/${sent.id}`);
    now += t.ctx.config.limits.messageTtlMs;
    await sweepAttachments(t.ctx);
    expect(await stored(t, chatId, sent.id)).toEqual(gone);
    expect(await pendingDownloads(t, sent.id)).toEqual([]);
  });
});

describe.each(modes)('attachment size limit (%s storage)', (mode) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(mode, { env: { PARLEY_MAX_UPLOAD_MB: '1' } });
  });
  afterAll(() => t?.stop());
  afterEach(() => {
    expect(t.takeProblems()).toEqual([]);
  });

  it('refuses a file over the limit, declared or streamed, and keeps nothing of it', async () => {
    const ada = await signIn(t.url);
    const chatId = await createChat(t, [ada]);
    const put = vi.spyOn(t.ctx.blobs, 'put');
    const url = `${t.url}/api/v1/chats/${chatId}/attachments?name=big.bin`;
    const headers = { authorization: `Bearer ${ada.token}`, 'content-type': 'application/octet-stream' };
    const tooBig = 1024 * 1024 + 1;

    const declared = await fetch(url, { method: 'POST', headers, body: Buffer.alloc(tooBig, 7) });
    expect([declared.status, ((await declared.json()) as any).error.code]).toEqual([
      413,
      'PAYLOAD_TOO_LARGE',
    ]);

    // Chunked, with no length announced: the server counts as it receives.
    const chunk = Buffer.alloc(64 * 1024, 7);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 2 * tooBig) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const streamed = await fetch(url, { method: 'POST', headers, body, duplex: 'half' } as RequestInit);
    expect([streamed.status, ((await streamed.json()) as any).error.code]).toEqual([
      413,
      'PAYLOAD_TOO_LARGE',
    ]);

    // Just under the limit is fine, and the connection is still usable after the refusals.
    const fits = await fetch(url, { method: 'POST', headers, body: Buffer.alloc(tooBig - 1, 7) });
    expect(fits.status).toBe(201);
    const rows = await t.ctx.database.db
      .selectFrom('attachments')
      .select('size')
      .where('chat_id', '=', chatId)
      .execute();
    expect(rows.map((row) => Number(row.size))).toEqual([tooBig - 1]);
    expect(put).toHaveBeenCalledTimes(1);
    expect(await readdir(uploadDirectory(t.ctx))).toEqual([]);
    put.mockRestore();
  });
});
