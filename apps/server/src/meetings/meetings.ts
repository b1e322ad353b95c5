import type { CreateMeeting, Meeting, MeetingPreview } from '@parley/protocol';
import type { DatabaseSchema, MeetingsTable } from '@parley/storage';
import type { ExpressionBuilder, Selectable } from 'kysely';
import { ulid } from 'ulid';
import { clientKey, enforceRateLimit, hourSeconds } from '../accounts/rate-limits.ts';
import type { Session } from '../accounts/sessions.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { liveRecordingOf, liveState } from '../recording/recordings.ts';
import { newJoinToken, newMeetingCode } from './codes.ts';

export type MeetingRow = Selectable<MeetingsTable>;

function notACallRoom(eb: ExpressionBuilder<DatabaseSchema, 'meetings'>) {
  return eb(
    'meetings.id',
    'not in',
    eb.selectFrom('calls').select('calls.meeting_id').where('calls.meeting_id', 'is not', null),
  );
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function joinUrl(ctx: AppContext, row: Pick<MeetingRow, 'code' | 'join_token'>): string {
  return `${ctx.config.publicUrl}/j/${row.code}?t=${row.join_token}`;
}

export async function createMeeting(
  ctx: AppContext,
  session: Session,
  input: CreateMeeting & { waitingRoom: boolean; allowGuests: boolean },
): Promise<Meeting> {
  const now = ctx.clock();
  if (input.scheduledFor !== undefined && Date.parse(input.scheduledFor) < now - 60_000) {
    throw new AppError('VALIDATION_FAILED', 'A scheduled meeting must start in the future.', {
      details: { issues: [{ path: 'scheduledFor', message: 'must be in the future' }] },
    });
  }
  const base = {
    id: ulid(now),
    title: input.title,
    passcode: input.passcode ?? null,
    join_token: newJoinToken(),
    owner_id: session.userId,
    parent_id: null,
    waiting_room: input.waitingRoom ? 1 : 0,
    allow_guests: input.allowGuests ? 1 : 0,
    scheduled_for: input.scheduledFor === undefined ? null : Date.parse(input.scheduledFor),
    duration_minutes: input.durationMinutes ?? null,
    created_at: now,
    started_at: null,
    ended_at: null,
    host_node: null,
    host_lease_until: null,
  };
  // Ten-digit ids first; a few collisions in a row mean they are getting scarce.
  for (let attempt = 0; attempt < 8; attempt++) {
    const row: MeetingRow = { ...base, code: newMeetingCode(attempt < 4 ? 10 : 11) };
    const inserted = await ctx.database.db
      .insertInto('meetings')
      .values(row)
      .onConflict((conflict) => conflict.column('code').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1)
      return toMeeting(ctx, row, session.userId, null);
  }
  throw new AppError('CONFLICT', 'Could not allocate a meeting id. Please try again.');
}

/** Meetings the user owns or took part in as themselves. */
export async function listMeetings(
  ctx: AppContext,
  session: Session,
): Promise<{ upcoming: Meeting[]; past: Meeting[] }> {
  const meetings = await visibleMeetings(ctx, session.userId);
  const startsAt = (m: Meeting) => Date.parse(m.scheduledFor ?? m.createdAt);
  return {
    upcoming: meetings.filter((m) => m.endedAt === null).sort((a, b) => startsAt(a) - startsAt(b)),
    past: meetings
      .filter((m) => m.endedAt !== null)
      .sort((a, b) => Date.parse(b.endedAt ?? '') - Date.parse(a.endedAt ?? '')),
  };
}

export async function getMeeting(ctx: AppContext, session: Session, meetingId: string): Promise<Meeting> {
  const [found] = await visibleMeetings(ctx, session.userId, meetingId);
  if (!found) throw new AppError('MEETING_NOT_FOUND', 'There is no such meeting, or it is not yours.');
  return found;
}

async function visibleMeetings(ctx: AppContext, userId: string, meetingId?: string): Promise<Meeting[]> {
  let query = ctx.database.db
    .selectFrom('meetings')
    .leftJoin('meeting_metrics', 'meeting_metrics.meeting_id', 'meetings.id')
    .selectAll('meetings')
    .select([
      'meeting_metrics.max_participants',
      'meeting_metrics.avg_participants',
      'meeting_metrics.duration_seconds',
      'meeting_metrics.chat_messages',
    ])
    .where('meetings.parent_id', 'is', null)
    // A call's SFU room is the call's, shown in the chat and the call history, not here.
    .where(notACallRoom)
    .where((eb) =>
      eb.or([
        eb('meetings.owner_id', '=', userId),
        eb(
          'meetings.id',
          'in',
          eb
            .selectFrom('meeting_participants')
            .select('meeting_id')
            .where('user_id', '=', userId)
            .where('joined_at', 'is not', null),
        ),
      ]),
    )
    .orderBy('meetings.created_at', 'desc')
    .limit(500);
  if (meetingId !== undefined) query = query.where('meetings.id', '=', meetingId);
  const rows = await query.execute();
  return rows.map((row) =>
    toMeeting(
      ctx,
      row,
      userId,
      row.max_participants === null
        ? null
        : {
            maxParticipants: Number(row.max_participants),
            avgParticipants: Number(row.avg_participants),
            durationSeconds: Number(row.duration_seconds),
            chatMessages: Number(row.chat_messages),
          },
    ),
  );
}

/** The owner deletes a meeting that is not running (live meetings are ended first). */
export async function deleteMeeting(ctx: AppContext, session: Session, meetingId: string): Promise<void> {
  const row = await findOwned(ctx, session, meetingId);
  if (row.started_at !== null && row.ended_at === null) {
    throw new AppError('CONFLICT', 'The meeting is in progress. End it before deleting it.');
  }
  const files = await ctx.database.db
    .selectFrom('meeting_files')
    .select('blob_key')
    .where('meeting_id', '=', row.id)
    .execute();
  await ctx.database.db.deleteFrom('meetings').where('id', '=', row.id).execute();
  await Promise.allSettled(files.map((file) => ctx.blobs.delete(file.blob_key)));
}

export async function findOwned(ctx: AppContext, session: Session, meetingId: string): Promise<MeetingRow> {
  const row = await ctx.database.db
    .selectFrom('meetings')
    .selectAll()
    .where('id', '=', meetingId)
    .executeTakeFirst();
  if (!row || row.owner_id !== session.userId) {
    throw new AppError('MEETING_NOT_FOUND', 'There is no such meeting, or it is not yours.');
  }
  return row;
}

export async function findMeeting(ctx: AppContext, meetingId: string): Promise<MeetingRow | undefined> {
  return ctx.database.db.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirst();
}

/**
 * The meeting a link token or an id + passcode opens. Wrong passcodes and unknown ids get
 * different answers on purpose: the id is not secret (it is read out loud), the passcode is; so
 * id + passcode attempts are counted per client address (a link token is 128 random bits).
 */
export async function findByCredentials(
  ctx: AppContext,
  credentials: { token: string } | { code: string; passcode?: string | undefined },
  clientIp: string,
): Promise<MeetingRow> {
  if ('token' in credentials) {
    const row = await ctx.database.db
      .selectFrom('meetings')
      .selectAll()
      .where('join_token', '=', credentials.token)
      // Breakout rooms are entered from their main meeting only, call rooms from their chat.
      .where('parent_id', 'is', null)
      .where(notACallRoom)
      .executeTakeFirst();
    if (!row)
      throw new AppError('INVALID_JOIN_TOKEN', 'This meeting link is not valid. Ask the host for a new one.');
    return row;
  }
  await enforceRateLimit(
    ctx,
    `meeting-code:ip:${clientKey(clientIp)}`,
    ctx.config.limits.meetingCodeAttemptsPerHour,
    hourSeconds,
  );
  const row = await ctx.database.db
    .selectFrom('meetings')
    .selectAll()
    .where('code', '=', credentials.code)
    .where('parent_id', 'is', null)
    .executeTakeFirst();
  if (!row) throw new AppError('MEETING_NOT_FOUND', 'There is no meeting with this id. Check the number.');
  if (row.passcode !== null && credentials.passcode !== row.passcode) {
    throw new AppError(
      'WRONG_PASSCODE',
      credentials.passcode ? 'The passcode is wrong.' : 'This meeting needs a passcode.',
    );
  }
  return row;
}

export async function previewMeeting(ctx: AppContext, row: MeetingRow): Promise<MeetingPreview> {
  const owner = await ctx.database.db
    .selectFrom('users')
    .select(['display_name', 'phone'])
    .where('id', '=', row.owner_id)
    .executeTakeFirst();
  return {
    meetingId: row.id,
    code: row.code,
    title: row.title,
    hostName: owner?.display_name ?? 'The host',
    state: row.ended_at !== null ? 'ended' : row.started_at !== null ? 'live' : 'scheduled',
    scheduledFor: iso(row.scheduled_for),
    allowGuests: row.allow_guests === 1,
    waitingRoom: row.waiting_room === 1,
    recording: liveState(await liveRecordingOf(ctx, row.id)),
  };
}

function toMeeting(ctx: AppContext, row: MeetingRow, userId: string, metrics: Meeting['metrics']): Meeting {
  const isOwner = row.owner_id === userId;
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    // Only the owner hands out the secrets; a past participant sees the meeting, not its keys.
    passcode: isOwner ? row.passcode : null,
    waitingRoom: row.waiting_room === 1,
    allowGuests: row.allow_guests === 1,
    joinUrl: isOwner ? joinUrl(ctx, row) : `${ctx.config.publicUrl}/j/${row.code}`,
    ownerId: row.owner_id,
    scheduledFor: iso(row.scheduled_for),
    durationMinutes: row.duration_minutes,
    createdAt: new Date(row.created_at).toISOString(),
    startedAt: iso(row.started_at),
    endedAt: iso(row.ended_at),
    isOwner,
    metrics,
  };
}
