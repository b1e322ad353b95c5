import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { type Readable, Transform } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { AppError } from '../errors.ts';

export function uploadTooLarge(maxBytes: number): AppError {
  const megabytes = Math.floor(maxBytes / (1024 * 1024));
  return new AppError('PAYLOAD_TOO_LARGE', `Files can be at most ${megabytes} MB.`);
}

/**
 * Writes an upload to `file` (which must not exist) as it arrives, counting bytes, and resolves
 * with its size. Past `maxBytes`, or when the client goes away, the file is removed and the call
 * fails. The rest of an oversized body is read and discarded: a client still sending then gets the
 * 413 answer rather than a reset connection (what Fastify does for its own body limit).
 */
export async function receiveUpload(source: Readable, file: string, maxBytes: number): Promise<number> {
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > maxBytes ? uploadTooLarge(maxBytes) : null, chunk);
    },
  });
  // pipe() rather than pipeline(): pipeline would destroy the request, and the socket with it,
  // before the 413 could be answered. pipe() does not forward a premature end, so watch for one.
  source.pipe(counter);
  finished(source).catch((error: unknown) =>
    counter.destroy(
      new AppError('VALIDATION_FAILED', 'The upload was interrupted before the whole file arrived.', {
        cause: error,
      }),
    ),
  );
  try {
    await pipeline(counter, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    source.unpipe(counter);
    source.resume();
    await rm(file, { force: true });
    throw error;
  }
  return size;
}
