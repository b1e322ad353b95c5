import type { Attachment } from '@parley/protocol';
import type { AttachmentsTable } from '@parley/storage';
import type { Selectable } from 'kysely';

export type AttachmentRow = Selectable<AttachmentsTable>;

/** An upload not sent in a message within this time is deleted. */
export const unsentAttachmentTtlMs = 24 * 3600 * 1000;

export function attachmentBlobKey(chatId: string, attachmentId: string): string {
  return `attachments/${chatId}/${attachmentId}`;
}

export function thumbnailBlobKey(chatId: string, attachmentId: string): string {
  return `attachments/${chatId}/${attachmentId}-thumb.webp`;
}

/** The protocol's view of a stored attachment. */
export function toAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    contentType: row.content_type,
    size: Number(row.size),
    width: row.width,
    height: row.height,
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
    waveform: row.waveform === null ? null : (JSON.parse(row.waveform) as number[]),
    url: `/api/v1/attachments/${row.id}`,
    thumbnailUrl: row.thumbnail_key === null ? null : `/api/v1/attachments/${row.id}/thumbnail`,
  };
}
