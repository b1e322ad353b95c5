import { BlobRangeError } from '@parley/storage';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { parseRange } from '../blobs/read-blob.ts';

export interface AttachmentBlob {
  key: string;
  contentType: string;
  contentDisposition: string;
  /** Known from the record for the file itself; asked of the store otherwise. */
  size: number | undefined;
}

function gone(cause?: unknown): AppError {
  return new AppError('ATTACHMENT_NOT_FOUND', 'That file is no longer available.', { cause });
}

/**
 * Sends an attachment's bytes, or the requested range of them. `onComplete` runs once a whole-file
 * GET has been handed to the network (not for ranges, HEAD, or a client that went away mid-way).
 */
export async function sendAttachmentBlob(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  blob: AttachmentBlob,
  onComplete?: () => void,
): Promise<FastifyReply> {
  const size = blob.size ?? (await ctx.blobs.head(blob.key))?.size;
  if (size === undefined) throw gone();
  let read: Awaited<ReturnType<typeof ctx.blobs.get>>;
  try {
    read = await ctx.blobs.get(blob.key, parseRange(request.headers.range, size));
  } catch (error) {
    if (!(error instanceof BlobRangeError)) throw error;
    reply.header('content-range', `bytes */${error.size}`);
    throw new AppError('RANGE_NOT_SATISFIABLE', 'The requested range is outside the file.', { cause: error });
  }
  if (!read) throw gone();
  reply
    .header('content-type', blob.contentType)
    .header('content-disposition', blob.contentDisposition)
    // Uploaded bytes are never to be run as a page: no sniffing, no scripts even if opened directly.
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "sandbox; default-src 'none'")
    .header('accept-ranges', 'bytes')
    // Members can be removed and files deleted: no shared or lasting copies.
    .header('cache-control', 'private, no-store');
  if (read.range) {
    reply
      .code(206)
      .header('content-range', `bytes ${read.range.start}-${read.range.end}/${read.size}`)
      .header('content-length', read.range.end - read.range.start + 1);
  } else {
    reply.code(200).header('content-length', read.size);
    if (onComplete && request.method === 'GET') reply.raw.once('finish', onComplete);
  }
  return reply.send(read.stream);
}
