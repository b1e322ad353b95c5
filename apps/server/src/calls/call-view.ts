import type { Call } from '@parley/protocol';
import type { CallsTable, DatabaseSchema } from '@parley/storage';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { toPublicUser } from '../accounts/users.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';

export type CallRow = Selectable<CallsTable>;
export type Db = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A call not yet ended; queries name these states so that the (state, started_at) index serves them. */
export const runningStates: CallRow['state'][] = ['ringing', 'active'];

export const callNotFound = () =>
  new AppError('CALL_NOT_FOUND', 'There is no such call in your chats, or it is over.');

/** The call, if this user is a member of its chat (anyone else learns nothing of it). */
export async function findCallFor(ctx: AppContext, callId: string, userId: string): Promise<CallRow> {
  const row = await ctx.database.db
    .selectFrom('calls')
    .innerJoin('chat_members', 'chat_members.chat_id', 'calls.chat_id')
    .selectAll('calls')
    .where('calls.id', '=', callId)
    .where('chat_members.user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw callNotFound();
  return row;
}

/** The call as devices see it: its caller's profile and who is in it now. */
export async function toCall(ctx: AppContext, db: Db, row: CallRow): Promise<Call> {
  const caller = await db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', row.caller_id)
    .executeTakeFirstOrThrow();
  const members = await db
    .selectFrom('call_members')
    .select(['user_id', 'state'])
    .where('call_id', '=', row.id)
    .where('state', 'in', ['joined', 'ringing'])
    .orderBy('joined_at')
    .orderBy('user_id')
    .execute();
  const withState = (state: 'joined' | 'ringing') =>
    members.filter((member) => member.state === state).map((member) => member.user_id);
  return {
    id: row.id,
    chatId: row.chat_id,
    kind: row.kind,
    media: row.media,
    state: row.state,
    transport: row.transport,
    caller: toPublicUser(ctx, caller),
    callerDeviceId: row.caller_device_id,
    answeredDeviceId: row.answered_device_id,
    participantIds: withState('joined'),
    ringingIds: withState('ringing'),
    startedAt: new Date(row.started_at).toISOString(),
    answeredAt: iso(row.answered_at),
    endedAt: iso(row.ended_at),
    outcome: row.outcome,
  };
}
