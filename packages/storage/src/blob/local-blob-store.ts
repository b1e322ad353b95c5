import { randomBytes } from 'node:crypto';
import { constants, createWriteStream } from 'node:fs';
import { access, type FileHandle, mkdir, open, rename, rm, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertValidBlobKey, assertValidRange, resolveRange } from './blob-key.ts';
import type { BlobInfo, BlobRange, BlobRead, BlobStore } from './blob-store.ts';
import { encodeHeader, readHeader } from './local-blob-header.ts';

/** Error codes that mean "no blob at this key". */
const MISSING = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

/**
 * Blobs as files under one folder (embedded mode). A key is a relative path in the folder; each
 * file carries its content type in a small header. Puts write a temporary file next to the target
 * and rename it over, so readers see the old blob or the new one, never a part.
 */
export class LocalBlobStore implements BlobStore {
  readonly #directory: string;

  constructor(options: { directory: string }) {
    this.#directory = resolve(options.directory);
  }

  async put(key: string, body: Readable | Buffer, options: { contentType: string }): Promise<BlobInfo> {
    const path = this.#pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    // '~' cannot appear in a key, so a temporary file never shadows or collides with a blob.
    const temporary = join(dirname(path), `.${basename(path)}~${randomBytes(8).toString('hex')}.tmp`);
    let size = 0;
    async function* chunks(): AsyncGenerator<Buffer> {
      yield encodeHeader({ contentType: options.contentType });
      if (Buffer.isBuffer(body)) {
        size = body.length;
        yield body;
        return;
      }
      for await (const chunk of body) {
        const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
        size += buffer.length;
        yield buffer;
      }
    }
    try {
      await pipeline(Readable.from(chunks()), createWriteStream(temporary, { flags: 'wx' }));
      // Flush before the rename: after a crash the key holds the old blob or the whole new one.
      const file = await open(temporary, 'r+');
      try {
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return { size, contentType: options.contentType };
  }

  async get(key: string, range?: BlobRange): Promise<BlobRead | undefined> {
    if (range) assertValidRange(range);
    const opened = await this.#open(key);
    if (!opened) return undefined;
    const { file, offset, size, contentType } = opened;
    try {
      if (!range) return { size, contentType, stream: file.createReadStream({ start: offset }) };
      const served = resolveRange(range, size);
      const stream = file.createReadStream({ start: offset + served.start, end: offset + served.end });
      return { size, contentType, stream, range: served };
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  async head(key: string): Promise<BlobInfo | undefined> {
    const opened = await this.#open(key);
    if (!opened) return undefined;
    await opened.file.close();
    return { size: opened.size, contentType: opened.contentType };
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.#pathOf(key));
    } catch (error) {
      if (!MISSING.has(errorCode(error))) throw error;
    }
  }

  async ping(): Promise<void> {
    await mkdir(this.#directory, { recursive: true });
    await access(this.#directory, constants.R_OK | constants.W_OK);
  }

  async close(): Promise<void> {}

  #pathOf(key: string): string {
    assertValidBlobKey(key);
    const path = join(this.#directory, ...key.split('/'));
    // assertValidBlobKey already forbids '..'; this guards against a future change to it.
    if (!path.startsWith(this.#directory + sep)) throw new Error(`invalid blob key ${JSON.stringify(key)}`);
    return path;
  }

  /** Opens the blob's file; the caller closes it (or hands it to a stream, which does). */
  async #open(
    key: string,
  ): Promise<{ file: FileHandle; offset: number; size: number; contentType: string } | undefined> {
    let file: FileHandle;
    try {
      file = await open(this.#pathOf(key), 'r');
    } catch (error) {
      if (MISSING.has(errorCode(error))) return undefined;
      throw error;
    }
    try {
      const stats = await file.stat();
      if (!stats.isFile()) {
        await file.close();
        return undefined;
      }
      const { offset, contentType } = await readHeader(file);
      return { file, offset, size: stats.size - offset, contentType };
    } catch (error) {
      await file.close();
      throw error;
    }
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}
