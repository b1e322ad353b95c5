import type { LiveRecording, Recording } from '@parley/protocol';
import { recordingLimits } from '@parley/protocol';
import type { RecordingEventKind, RecordingsTable } from '@parley/storage';
import type { Selectable } from 'kysely';
import { monotonicFactory, ulid } from 'ulid';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { RecordedChunk } from './recorder-messages.ts';
import { activeIntervals, RecordedTimeline } from './timeline.ts';

export type RecordingRow = Selectable<RecordingsTable>;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
/** Events of one millisecond keep their order. */
const nextEventId = monotonicFactory();

const notFound = () =>
  new AppError('RECORDING_NOT_FOUND', 'There is no such recording, or you may not watch it.');

/** The recording a meeting has running (or paused) now, if any. */
export async function liveRecordingOf(ctx: AppContext, meetingId: string): Promise<RecordingRow | undefined> {
  return ctx.database.db
    .selectFrom('recordings')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('state', 'in', ['recording', 'paused'])
    .executeTakeFirst();
}

export function liveState(row: RecordingRow | undefined): LiveRecording {
  return row?.state === 'recording' || row?.state === 'paused' ? row.state : 'off';
}

export async function createRecording(
  ctx: AppContext,
  meeting: { id: string; title: string },
  now: number,
): Promise<RecordingRow> {
  const count = await ctx.database.db
    .selectFrom('recordings')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('meeting_id', '=', meeting.id)
    .executeTakeFirstOrThrow();
  if (Number(count.count) >= recordingLimits.perMeeting) {
    throw new AppError(
      'RECORDING_STATE',
      `This meeting already has ${recordingLimits.perMeeting} recordings. Delete one to record again.`,
    );
  }
  const row: RecordingRow = {
    id: ulid(now),
    meeting_id: meeting.id,
    title: meeting.title,
    state: 'recording',
    shared: 0,
    started_at: now,
    stopped_at: null,
    running_since: now,
    duration_ms: 0,
    chunk_bytes: 0,
    render_progress: 0,
    render_bytes: null,
    render_error: null,
    render_segments: null,
    render_node: null,
    render_lease_until: null,
  };
  await ctx.database.db.insertInto('recordings').values(row).execute();
  await addRecordingEvent(ctx, row.id, 'start', now);
  return row;
}

export async function addRecordingEvent(
  ctx: AppContext,
  recordingId: string,
  kind: RecordingEventKind,
  at: number,
  participantId: string | null = null,
): Promise<void> {
  await ctx.database.db
    .insertInto('recording_events')
    .values({ id: nextEventId(at), recording_id: recordingId, at, kind, participant_id: participantId })
    .execute();
}

export async function recordingEvents(ctx: AppContext, recordingId: string) {
  return ctx.database.db
    .selectFrom('recording_events')
    .select(['at', 'kind', 'participant_id'])
    .where('recording_id', '=', recordingId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** Pauses, resumes or stops: the event, the new state and the recorded time so far. */
export async function changeRecording(
  ctx: AppContext,
  recordingId: string,
  kind: 'pause' | 'resume' | 'stop',
  now: number,
): Promise<void> {
  await addRecordingEvent(ctx, recordingId, kind, now);
  const events = await recordingEvents(ctx, recordingId);
  const duration = new RecordedTimeline(activeIntervals(events, now)).durationMs;
  await ctx.database.db
    .updateTable('recordings')
    .set({
      state: kind === 'pause' ? 'paused' : kind === 'resume' ? 'recording' : 'rendering',
      duration_ms: duration,
      running_since: kind === 'resume' ? now : null,
      ...(kind === 'stop' ? { stopped_at: now, render_progress: 0 } : {}),
    })
    .where('id', '=', recordingId)
    .execute();
}

/** The next sequence number of each track (participant + source), to continue after a restart. */
export async function nextSequences(ctx: AppContext, recordingId: string): Promise<Map<string, number>> {
  const rows = await ctx.database.db
    .selectFrom('recording_chunks')
    .select(['participant_id', 'source', (eb) => eb.fn.max('sequence').as('last')])
    .where('recording_id', '=', recordingId)
    .groupBy(['participant_id', 'source'])
    .execute();
  return new Map(rows.map((row) => [`${row.participant_id}:${row.source}`, Number(row.last) + 1]));
}

/** Stores a finished chunk and indexes it at once: from now on it survives any crash. */
export async function storeChunk(
  ctx: AppContext,
  recordingId: string,
  chunk: RecordedChunk,
  sequence: number,
  displayName: string,
): Promise<void> {
  const id = ulid(chunk.startedAt);
  const blobKey = `recordings/${recordingId}/chunks/${chunk.participantId}-${chunk.source}-${sequence}.webm`;
  await ctx.blobs.put(blobKey, Buffer.from(chunk.bytes), { contentType: 'video/webm' });
  await ctx.database.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('recording_chunks')
      .values({
        id,
        recording_id: recordingId,
        participant_id: chunk.participantId,
        display_name: displayName,
        source: chunk.source,
        kind: chunk.kind,
        sequence,
        started_at: chunk.startedAt,
        duration_ms: chunk.durationMs,
        size: chunk.bytes.byteLength,
        width: chunk.width,
        height: chunk.height,
        blob_key: blobKey,
      })
      .execute();
    await trx
      .updateTable('recordings')
      .set((eb) => ({ chunk_bytes: eb('chunk_bytes', '+', chunk.bytes.byteLength) }))
      .where('id', '=', recordingId)
      .execute();
  });
}

/**
 * A recording this user may see: the meeting's owner always; the meeting's signed-in participants
 * once the owner shares it. `owned` says whether they may also manage it.
 */
export async function findVisibleRecording(
  ctx: AppContext,
  userId: string,
  recordingId: string,
): Promise<{ row: RecordingRow; owned: boolean }> {
  const found = await ctx.database.db
    .selectFrom('recordings')
    .innerJoin('meetings', 'meetings.id', 'recordings.meeting_id')
    .selectAll('recordings')
    .select(['meetings.owner_id', 'meetings.parent_id'])
    .where('recordings.id', '=', recordingId)
    .executeTakeFirst();
  if (!found) throw notFound();
  const { owner_id: ownerId, parent_id: parentId, ...row } = found;
  if (ownerId === userId) return { row, owned: true };
  if (row.shared === 1 && (await attended(ctx, userId, [row.meeting_id, parentId])))
    return { row, owned: false };
  throw notFound();
}

export async function findOwnedRecording(ctx: AppContext, userId: string, recordingId: string) {
  const { row, owned } = await findVisibleRecording(ctx, userId, recordingId);
  if (!owned) throw new AppError('FORBIDDEN', 'Only the meeting’s owner can do that.');
  return row;
}

/** Recordings of the user's meetings, and shared recordings of meetings they took part in. */
export async function listRecordings(ctx: AppContext, userId: string): Promise<Recording[]> {
  const db = ctx.database.db;
  const attendedMeetings = db
    .selectFrom('meeting_participants')
    .select('meeting_id')
    .where('user_id', '=', userId)
    .where('joined_at', 'is not', null);
  const rows = await db
    .selectFrom('recordings')
    .innerJoin('meetings', 'meetings.id', 'recordings.meeting_id')
    .selectAll('recordings')
    .select('meetings.owner_id')
    .where((eb) =>
      eb.or([
        eb('meetings.owner_id', '=', userId),
        eb.and([
          eb('recordings.shared', '=', 1),
          eb.or([
            eb('recordings.meeting_id', 'in', attendedMeetings),
            eb('meetings.parent_id', 'in', attendedMeetings),
          ]),
        ]),
      ]),
    )
    .orderBy('recordings.started_at', 'desc')
    .limit(200)
    .execute();
  return rows.map(({ owner_id: ownerId, ...row }) => toRecording(row, ownerId === userId, ctx.clock()));
}

export function toRecording(row: RecordingRow, owned: boolean, now: number): Recording {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    title: row.title,
    state: row.state,
    shared: row.shared === 1,
    owned,
    startedAt: new Date(row.started_at).toISOString(),
    stoppedAt: iso(row.stopped_at),
    // A running recording's time grows from `running_since` on; the row holds what came before.
    durationMs:
      Number(row.duration_ms) + (row.running_since === null ? 0 : Math.max(0, now - row.running_since)),
    sizeBytes: Number(row.chunk_bytes) + Number(row.render_bytes ?? 0),
    renderProgress: row.render_progress,
    renderError: row.render_error,
  };
}

/** Deletes the recording and everything stored for it. */
export async function deleteRecording(ctx: AppContext, row: RecordingRow): Promise<void> {
  if (row.state === 'recording' || row.state === 'paused') {
    throw new AppError('RECORDING_STATE', 'This recording is still running. Stop it before deleting it.');
  }
  const keys = await recordingBlobKeys(ctx, row.id);
  await ctx.database.db.deleteFrom('recordings').where('id', '=', row.id).execute();
  await Promise.allSettled(keys.map((key) => ctx.blobs.delete(key)));
}

/** Every blob of a recording: its chunks, and what rendering made (the video, transcripts, segments). */
export async function recordingBlobKeys(ctx: AppContext, recordingId: string): Promise<string[]> {
  const chunks = await ctx.database.db
    .selectFrom('recording_chunks')
    .select('blob_key')
    .where('recording_id', '=', recordingId)
    .execute();
  const row = await ctx.database.db
    .selectFrom('recordings')
    .select('render_segments')
    .where('id', '=', recordingId)
    .executeTakeFirst();
  const segments = Array.from({ length: row?.render_segments ?? 0 }, (_, index) =>
    recordingKeys.segment(recordingId, index),
  );
  return [
    ...chunks.map((chunk) => chunk.blob_key),
    recordingKeys.video(recordingId),
    recordingKeys.transcriptText(recordingId),
    recordingKeys.transcriptJson(recordingId),
    ...segments,
  ];
}

export const recordingKeys = {
  video: (id: string) => `recordings/${id}/recording.mp4`,
  transcriptText: (id: string) => `recordings/${id}/transcript.txt`,
  transcriptJson: (id: string) => `recordings/${id}/transcript.json`,
  segment: (id: string, index: number) => `recordings/${id}/render/segment-${index}.mkv`,
};

async function attended(ctx: AppContext, userId: string, meetingIds: (string | null)[]): Promise<boolean> {
  const ids = meetingIds.filter((id): id is string => id !== null);
  const row = await ctx.database.db
    .selectFrom('meeting_participants')
    .select('id')
    .where('user_id', '=', userId)
    .where('meeting_id', 'in', ids)
    .where('joined_at', 'is not', null)
    .executeTakeFirst();
  return row !== undefined;
}
