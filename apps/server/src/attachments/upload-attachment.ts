import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Attachment } from '@parley/protocol';
import { ulid } from 'ulid';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { requireMember } from '../messaging/membership.ts';
import { sanitizeFileName } from './file-name.ts';
import { type Inspection, inspectUpload } from './inspect-upload.ts';
import { receiveUpload, uploadTooLarge } from './receive-upload.ts';
import {
  type AttachmentRow,
  attachmentBlobKey,
  thumbnailBlobKey,
  toAttachment,
  unsentAttachmentTtlMs,
} from './records.ts';

export interface UploadRequest {
  chatId: string;
  uploaderId: string;
  /** The name the client gave, untrusted. */
  name: string | undefined;
  /** Asked for as a voice message: must then be decodable audio. */
  voice: boolean;
  /** The request body, unread. */
  body: Readable;
  /** The Content-Length header, when the client sent one. */
  declaredBytes: number | undefined;
}

/** Where uploads are received before they are inspected and stored (never left behind). */
export function uploadDirectory(ctx: AppContext): string {
  return path.join(ctx.config.dataDir, 'uploads');
}

/**
 * Receives a file into a chat. The body streams to a temporary file (memory stays flat whatever the
 * size, and ffmpeg and sharp need a file anyway), is inspected, then stored in the blob store with
 * its thumbnail and recorded. It is kept for a day unless a message sends it.
 */
export async function uploadAttachment(ctx: AppContext, upload: UploadRequest): Promise<Attachment> {
  await requireMember(ctx, upload.chatId, upload.uploaderId);
  const maxBytes = ctx.config.limits.maxUploadBytes;
  // Refused before a byte is received when the client says up front that it is too large.
  if (upload.declaredBytes !== undefined && upload.declaredBytes > maxBytes) throw uploadTooLarge(maxBytes);

  const directory = uploadDirectory(ctx);
  await mkdir(directory, { recursive: true });
  const file = path.join(directory, `${randomUUID()}.part`);
  try {
    const size = await receiveUpload(upload.body, file, maxBytes);
    if (size === 0) throw new AppError('VALIDATION_FAILED', 'The file is empty.');
    const logger = ctx.logger.child({ module: 'attachments', chatId: upload.chatId });
    const inspection = await inspectUpload(file, { voice: upload.voice, logger });
    const attachment = await storeAttachment(ctx, upload, file, size, inspection);
    logger.info({ attachmentId: attachment.id, kind: attachment.kind, size }, 'attachment uploaded');
    return attachment;
  } finally {
    await rm(file, { force: true });
  }
}

/** Blobs first, then the row: a row never points at missing bytes, and a failure leaves neither. */
async function storeAttachment(
  ctx: AppContext,
  upload: UploadRequest,
  file: string,
  size: number,
  inspection: Inspection,
): Promise<Attachment> {
  const now = ctx.clock();
  const id = ulid(now);
  const fallbackName = `${inspection.kind === 'voice' ? 'voice-message' : 'file'}${
    inspection.extension ? `.${inspection.extension}` : ''
  }`;
  const row: AttachmentRow = {
    id,
    chat_id: upload.chatId,
    uploader_id: upload.uploaderId,
    message_id: null,
    kind: inspection.kind,
    name: sanitizeFileName(upload.name, fallbackName),
    content_type: inspection.contentType,
    size,
    width: inspection.width,
    height: inspection.height,
    duration_ms: inspection.durationMs,
    waveform: inspection.waveform && JSON.stringify(inspection.waveform),
    blob_key: attachmentBlobKey(upload.chatId, id),
    thumbnail_key: inspection.thumbnail ? thumbnailBlobKey(upload.chatId, id) : null,
    created_at: now,
    expires_at: now + unsentAttachmentTtlMs,
  };
  const written: string[] = [];
  try {
    await ctx.blobs.put(row.blob_key, createReadStream(file), { contentType: row.content_type });
    written.push(row.blob_key);
    if (row.thumbnail_key && inspection.thumbnail) {
      await ctx.blobs.put(row.thumbnail_key, inspection.thumbnail, { contentType: 'image/webp' });
      written.push(row.thumbnail_key);
    }
    await ctx.database.db.insertInto('attachments').values(row).execute();
  } catch (error) {
    await Promise.allSettled(written.map((key) => ctx.blobs.delete(key)));
    throw error;
  }
  return toAttachment(row);
}
