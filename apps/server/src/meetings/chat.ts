import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { MeetingChatMessage, MeetingFile } from '@parley/protocol';
import type { MeetingFilesTable, MeetingMessagesTable } from '@parley/storage';
import type { Selectable } from 'kysely';
import { monotonicFactory, ulid } from 'ulid';
import { sanitizeFileName } from '../attachments/file-name.ts';
import { receiveUpload, uploadTooLarge } from '../attachments/receive-upload.ts';
import { uploadDirectory } from '../attachments/upload-attachment.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';

export interface ChatPerson {
  participantId: string;
  displayName: string;
}

type FileRow = Selectable<MeetingFilesTable>;
type MessageRow = Selectable<MeetingMessagesTable>;

/**
 * Chat ids order the chat (after the time): monotonic, so two messages in one millisecond keep the
 * order they were sent in. One node stores all of a meeting's chat (the node hosting it).
 */
const nextMessageId = monotonicFactory();

const fileNotFound = () => new AppError('FILE_NOT_FOUND', 'That file is not in this meeting.');

/**
 * Stores a chat message (and the file it carries, uploaded by the same sender) with the meeting.
 * Files belong to `filesMeetingId`: a breakout room's chat carries files uploaded to its main meeting.
 */
export async function storeChatMessage(
  ctx: AppContext,
  meetingId: string,
  from: ChatPerson,
  to: ChatPerson | null,
  text: string,
  fileId: string | undefined,
  filesMeetingId = meetingId,
): Promise<MeetingChatMessage> {
  let file: FileRow | undefined;
  if (fileId !== undefined) {
    file = await ctx.database.db
      .selectFrom('meeting_files')
      .selectAll()
      .where('id', '=', fileId)
      .where('meeting_id', '=', filesMeetingId)
      .where('participant_id', '=', from.participantId)
      .executeTakeFirst();
    if (!file) throw fileNotFound();
  }
  if (text === '' && !file) throw new AppError('VALIDATION_FAILED', 'The message is empty.');
  const now = ctx.clock();
  const row: MessageRow = {
    id: nextMessageId(now),
    meeting_id: meetingId,
    from_participant_id: from.participantId,
    from_name: from.displayName,
    to_participant_id: to?.participantId ?? null,
    to_name: to?.displayName ?? null,
    text,
    file_id: file?.id ?? null,
    sent_at: now,
  };
  await ctx.database.db.insertInto('meeting_messages').values(row).execute();
  return toChatMessage(row, file);
}

/** The chat as one participant may see it (everyone's messages and their own private ones), or all of it. */
export async function chatHistory(
  ctx: AppContext,
  meetingId: string,
  participantId: string | null,
): Promise<MeetingChatMessage[]> {
  let query = ctx.database.db
    .selectFrom('meeting_messages')
    .leftJoin('meeting_files', 'meeting_files.id', 'meeting_messages.file_id')
    .selectAll('meeting_messages')
    .select([
      'meeting_files.name as file_name',
      'meeting_files.size as file_size',
      'meeting_files.content_type as file_content_type',
    ])
    .where('meeting_messages.meeting_id', '=', meetingId);
  if (participantId !== null) {
    query = query.where((eb) =>
      eb.or([
        eb('to_participant_id', 'is', null),
        eb('to_participant_id', '=', participantId),
        eb('from_participant_id', '=', participantId),
      ]),
    );
  }
  const rows = await query.orderBy('sent_at').orderBy('meeting_messages.id').limit(5000).execute();
  return rows.map((row) =>
    toChatMessage(
      row,
      row.file_id && row.file_name !== null
        ? {
            id: row.file_id,
            name: row.file_name,
            size: Number(row.file_size),
            content_type: row.file_content_type ?? '',
          }
        : undefined,
    ),
  );
}

export interface MeetingUpload {
  meetingId: string;
  participantId: string;
  name: string | undefined;
  contentType: string | undefined;
  body: Readable;
  declaredBytes: number | undefined;
}

/** Receives a file for the meeting chat; it is sent with a `chat` frame and kept with the meeting. */
export async function uploadMeetingFile(ctx: AppContext, upload: MeetingUpload): Promise<MeetingFile> {
  const maxBytes = ctx.config.limits.maxUploadBytes;
  if (upload.declaredBytes !== undefined && upload.declaredBytes > maxBytes) throw uploadTooLarge(maxBytes);
  const directory = uploadDirectory(ctx);
  await mkdir(directory, { recursive: true });
  const temporary = path.join(directory, `${randomUUID()}.part`);
  try {
    const size = await receiveUpload(upload.body, temporary, maxBytes);
    if (size === 0) throw new AppError('VALIDATION_FAILED', 'The file is empty.');
    const now = ctx.clock();
    const id = ulid(now);
    // Served only as a download (Content-Disposition: attachment), so the declared type is harmless.
    const contentType = /^[\w.+-]+\/[\w.+-]+$/.test(upload.contentType ?? '')
      ? (upload.contentType as string)
      : 'application/octet-stream';
    const row: FileRow = {
      id,
      meeting_id: upload.meetingId,
      participant_id: upload.participantId,
      name: sanitizeFileName(upload.name, 'file'),
      content_type: contentType,
      size,
      blob_key: `meetings/${upload.meetingId}/files/${id}`,
      created_at: now,
    };
    await ctx.blobs.put(row.blob_key, createReadStream(temporary), { contentType });
    await ctx.database.db.insertInto('meeting_files').values(row).execute();
    return toFile(row);
  } finally {
    await rm(temporary, { force: true });
  }
}

/**
 * A file the viewer may download: one they sent, or one in a message they can see (to everyone,
 * or privately to or from them). `participantId` null means the meeting's owner, who keeps it all.
 */
export async function findMeetingFile(
  ctx: AppContext,
  meetingId: string,
  fileId: string,
  participantId: string | null,
): Promise<FileRow> {
  const file = await ctx.database.db
    .selectFrom('meeting_files')
    .selectAll()
    .where('id', '=', fileId)
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  if (!file) throw fileNotFound();
  if (participantId === null || file.participant_id === participantId) return file;
  const visible = await ctx.database.db
    .selectFrom('meeting_messages')
    .select('id')
    .where('file_id', '=', fileId)
    .where((eb) =>
      eb.or([
        eb('to_participant_id', 'is', null),
        eb('to_participant_id', '=', participantId),
        eb('from_participant_id', '=', participantId),
      ]),
    )
    .executeTakeFirst();
  if (!visible) throw fileNotFound();
  return file;
}

function toFile(row: Pick<FileRow, 'id' | 'name' | 'size' | 'content_type'>): MeetingFile {
  return { id: row.id, name: row.name, size: Number(row.size), contentType: row.content_type };
}

function toChatMessage(
  row: MessageRow,
  file: Pick<FileRow, 'id' | 'name' | 'size' | 'content_type'> | undefined,
): MeetingChatMessage {
  return {
    id: row.id,
    from: { participantId: row.from_participant_id, displayName: row.from_name },
    to:
      row.to_participant_id === null
        ? null
        : { participantId: row.to_participant_id, displayName: row.to_name ?? '' },
    text: row.text,
    file: file ? toFile(file) : null,
    sentAt: new Date(Number(row.sent_at)).toISOString(),
  };
}
