import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobRangeError, type BlobStore } from './blob-store.ts';

/** A store for a whole suite, and how to get rid of it. */
export interface BlobStoreFixture {
  store: BlobStore;
  dispose(): Promise<void>;
}

const INVALID_KEYS = [
  '',
  '../x',
  'a/../../x',
  '/abs',
  'a//b',
  'a/',
  './x',
  'a/./b',
  '..',
  'a b',
  'a\\b',
  'é',
];

/** The behaviour every BlobStore adapter shares. Tests use their own keys in one store. */
export function describeBlobStoreContract(name: string, open: () => Promise<BlobStoreFixture>): void {
  describe(`BlobStore contract: ${name}`, () => {
    let fixture: BlobStoreFixture;
    let store: BlobStore;
    beforeAll(async () => {
      fixture = await open();
      store = fixture.store;
    });
    afterAll(() => fixture?.dispose());
    const newKey = (suffix = 'blob.bin') => `tests/${randomUUID()}/${suffix}`;

    it('stores a buffer and reads it back with its size and content type', async () => {
      const key = newKey();
      const body = Buffer.from('hello, parley');
      expect(await store.put(key, body, { contentType: 'text/plain' })).toEqual({
        size: body.length,
        contentType: 'text/plain',
      });
      const read = await store.get(key);
      expect(read && { size: read.size, contentType: read.contentType, range: read.range }).toEqual({
        size: body.length,
        contentType: 'text/plain',
        range: undefined,
      });
      expect(await readAll(read?.stream)).toEqual(body);
    });

    it('stores a stream of a few MB, byte for byte', async () => {
      const key = newKey('recording/chunk-0001.webm');
      const chunks = Array.from({ length: 48 }, () => randomBytes(64 * 1024 + 7));
      const whole = Buffer.concat(chunks);
      const info = await store.put(key, Readable.from(chunks), { contentType: 'video/webm' });
      expect(info).toEqual({ size: whole.length, contentType: 'video/webm' });
      expect(await store.head(key)).toEqual(info);
      const read = await store.get(key);
      expect(sha256(await readAll(read?.stream))).toBe(sha256(whole));
    });

    it('stores an empty blob', async () => {
      const key = newKey();
      await store.put(key, Buffer.alloc(0), { contentType: 'application/octet-stream' });
      const read = await store.get(key);
      expect(read?.size).toBe(0);
      expect(await readAll(read?.stream)).toEqual(Buffer.alloc(0));
      await expect(store.get(key, { start: 0 })).rejects.toEqual(new BlobRangeError(0));
    });

    it('replaces a blob and its content type', async () => {
      const key = newKey();
      await store.put(key, Buffer.from('first'), { contentType: 'text/plain' });
      await store.put(key, Buffer.from('second!'), { contentType: 'application/json' });
      expect(await store.head(key)).toEqual({ size: 7, contentType: 'application/json' });
      expect((await readAll((await store.get(key))?.stream)).toString()).toBe('second!');
    });

    it('serves ranges: from a start, between bounds, clamped at the end', async () => {
      const key = newKey();
      const body = Buffer.from('0123456789abcdef');
      await store.put(key, body, { contentType: 'application/octet-stream' });

      const tail = await store.get(key, { start: 10 });
      expect(tail && { size: tail.size, range: tail.range }).toEqual({
        size: 16,
        range: { start: 10, end: 15 },
      });
      expect((await readAll(tail?.stream)).toString()).toBe('abcdef');

      const middle = await store.get(key, { start: 2, end: 5 });
      expect(middle?.range).toEqual({ start: 2, end: 5 });
      expect((await readAll(middle?.stream)).toString()).toBe('2345');

      const single = await store.get(key, { start: 15, end: 15 });
      expect((await readAll(single?.stream)).toString()).toBe('f');

      const clamped = await store.get(key, { start: 12, end: 1000 });
      expect(clamped?.range).toEqual({ start: 12, end: 15 });
      expect((await readAll(clamped?.stream)).toString()).toBe('cdef');
    });

    it('throws BlobRangeError, carrying the size, for a range that starts beyond the blob', async () => {
      const key = newKey();
      await store.put(key, Buffer.alloc(16), { contentType: 'application/octet-stream' });
      for (const range of [{ start: 16 }, { start: 100, end: 200 }]) {
        const error = await store.get(key, range).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(BlobRangeError);
        expect((error as BlobRangeError).size).toBe(16);
      }
    });

    it('rejects a malformed range as a caller error', async () => {
      const key = newKey();
      await store.put(key, Buffer.alloc(16), { contentType: 'application/octet-stream' });
      await expect(store.get(key, { start: 5, end: 4 })).rejects.toBeInstanceOf(RangeError);
      await expect(store.get(key, { start: -1 })).rejects.toBeInstanceOf(RangeError);
      await expect(store.get(key, { start: 1.5 })).rejects.toBeInstanceOf(RangeError);
    });

    it('answers undefined for a missing key, and deletes idempotently', async () => {
      const key = newKey();
      expect(await store.get(key)).toBeUndefined();
      expect(await store.get(key, { start: 0 })).toBeUndefined();
      expect(await store.head(key)).toBeUndefined();
      await store.delete(key);

      await store.put(key, Buffer.from('x'), { contentType: 'text/plain' });
      await store.delete(key);
      expect(await store.head(key)).toBeUndefined();
      expect(await store.get(key)).toBeUndefined();
      await store.delete(key);
    });

    it('treats a key prefix of other blobs as missing', async () => {
      const key = newKey('folder/inner.bin');
      await store.put(key, Buffer.from('x'), { contentType: 'text/plain' });
      const folder = key.slice(0, key.lastIndexOf('/'));
      expect(await store.head(folder)).toBeUndefined();
      expect(await store.get(folder)).toBeUndefined();
      await store.delete(folder);
      expect(await store.head(key)).toEqual({ size: 1, contentType: 'text/plain' });
    });

    it.each(INVALID_KEYS)('rejects the invalid key %j in every operation', async (key) => {
      await expect(store.put(key, Buffer.from('x'), { contentType: 'text/plain' })).rejects.toThrow(
        /invalid blob key/,
      );
      await expect(store.get(key)).rejects.toThrow(/invalid blob key/);
      await expect(store.head(key)).rejects.toThrow(/invalid blob key/);
      await expect(store.delete(key)).rejects.toThrow(/invalid blob key/);
    });

    it('leaves nothing behind when the source stream fails, and keeps the previous blob', async () => {
      const fresh = newKey();
      await expect(
        store.put(fresh, failingStream(), { contentType: 'application/octet-stream' }),
      ).rejects.toThrow('source broke');
      expect(await store.head(fresh)).toBeUndefined();

      const existing = newKey();
      await store.put(existing, Buffer.from('kept'), { contentType: 'text/plain' });
      await expect(
        store.put(existing, failingStream(), { contentType: 'application/octet-stream' }),
      ).rejects.toThrow('source broke');
      expect(await store.head(existing)).toEqual({ size: 4, contentType: 'text/plain' });
      expect((await readAll((await store.get(existing))?.stream)).toString()).toBe('kept');
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}

/** The whole content of a stream; fails the test when there is no stream. */
export async function readAll(stream: Readable | undefined): Promise<Buffer> {
  if (!stream) throw new Error('expected a blob, got none');
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

/** A source that yields some bytes, then fails, as an upload cut off mid-way. */
export function failingStream(): Readable {
  return Readable.from(
    (async function* () {
      yield randomBytes(256 * 1024);
      throw new Error('source broke');
    })(),
  );
}

function sha256(buffer: Buffer): string {
  return createHash('sha256').update(buffer).digest('hex');
}
