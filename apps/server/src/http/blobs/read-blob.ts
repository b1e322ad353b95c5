import { assertValidBlobKey, type BlobRange, BlobRangeError } from '@parley/storage';
import { z } from 'zod';
import { blobRoutePrefix, verifyBlobSignature } from '../../blobs/signed-urls.ts';
import { AppError } from '../../errors.ts';
import { defineOperation } from '../operation.ts';

/**
 * Parses a single `bytes=a-b` / `bytes=a-` / `bytes=-n` range. Headers we may ignore (malformed,
 * multi-range, or last < first, per RFC 9110) get the whole blob; unsatisfiable ones throw.
 */
export function parseRange(header: string | undefined, size: number): BlobRange | undefined {
  const match = header?.match(/^bytes=(\d*)-(\d*)$/);
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const first = match[1] === '' ? undefined : Number(match[1]);
  const last = match[2] === '' ? undefined : Number(match[2]);
  if (first === undefined) {
    if (last === 0) throw new BlobRangeError(size);
    // A suffix longer than the blob (however long) is the whole blob.
    return { start: Number.isSafeInteger(last) ? Math.max(0, size - (last as number)) : 0 };
  }
  if (!Number.isSafeInteger(first) || first >= size) throw new BlobRangeError(size);
  if (last === undefined) return { start: first };
  if (!Number.isSafeInteger(last)) return { start: first }; // an end past any file: to the end
  if (last < first) return undefined;
  return { start: first, end: Math.min(last, size - 1) };
}

export const readBlobOperation = defineOperation({
  method: 'GET',
  url: `${blobRoutePrefix}*`,
  summary: 'Read a blob through a signed URL (as given in profiles); supports Range requests',
  tag: 'blobs',
  auth: false,
  params: z.object({ '*': z.string().min(1).max(512) }),
  query: z.object({ exp: z.coerce.number().int().positive(), sig: z.string().min(1).max(128) }),
  response: { status: 200, description: 'The bytes (206 for a range)' },
  errors: ['FORBIDDEN', 'NOT_FOUND', 'RANGE_NOT_SATISFIABLE'],
  handler: async (ctx, { params, query, request, reply }) => {
    const key = params['*'];
    if (!verifyBlobSignature(ctx.secret, key, query.exp, query.sig, ctx.clock())) {
      throw new AppError('FORBIDDEN', 'This link is invalid or has expired.');
    }
    try {
      assertValidBlobKey(key);
    } catch (error) {
      throw new AppError('NOT_FOUND', 'This file does not exist.', { cause: error });
    }
    const info = await ctx.blobs.head(key);
    if (!info) throw new AppError('NOT_FOUND', 'This file no longer exists.');
    let blob: Awaited<ReturnType<typeof ctx.blobs.get>>;
    try {
      blob = await ctx.blobs.get(key, parseRange(request.headers.range, info.size));
    } catch (error) {
      if (!(error instanceof BlobRangeError)) throw error;
      reply.header('content-range', `bytes */${error.size}`);
      throw new AppError('RANGE_NOT_SATISFIABLE', 'The requested range is outside the file.', {
        cause: error,
      });
    }
    if (!blob) throw new AppError('NOT_FOUND', 'This file no longer exists.');
    reply
      .header('content-type', blob.contentType)
      .header('accept-ranges', 'bytes')
      .header('x-content-type-options', 'nosniff')
      .header(
        'cache-control',
        `private, max-age=${Math.max(0, query.exp - Math.floor(ctx.clock() / 1000))}, immutable`,
      );
    if (blob.range) {
      reply
        .code(206)
        .header('content-range', `bytes ${blob.range.start}-${blob.range.end}/${blob.size}`)
        .header('content-length', blob.range.end - blob.range.start + 1);
    } else {
      reply.code(200).header('content-length', blob.size);
    }
    return reply.send(blob.stream);
  },
});
