import { type CallConnection, type CallMedia, type CallSignal, callLimits } from '@parley/protocol';
import { ulid } from 'ulid';
import { enforceRateLimit } from '../accounts/rate-limits.ts';
import type { Session } from '../accounts/sessions.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { memberIds } from '../messaging/chats.ts';
import { requireMember } from '../messaging/membership.ts';
import { postCallMessage, publishCall, relaySignal } from './call-events.ts';
import { callRoomToken, createCallRoom } from './call-room.ts';
import { type CallRow, type Db, findCallFor, runningStates, toCall } from './call-view.ts';
import { callIceServers } from './ice-servers.ts';

type Caller = Pick<Session, 'userId' | 'deviceId'>;

const callIsOver = () => new AppError('CALL_STATE', 'This call has ended.');

/**
 * Starts a call from a chat: the other members' devices ring. A direct call goes peer-to-peer (it
 * moves to the SFU if that does not connect); a group call runs in an SFU room from the start.
 */
export async function startCall(
  ctx: AppContext,
  session: Caller,
  input: { chatId: string; media: CallMedia },
): Promise<CallConnection> {
  await enforceRateLimit(ctx, `call-start:${session.userId}`, callLimits.startsPerMinute, 60);
  const { chat } = await requireMember(ctx, input.chatId, session.userId);
  const others = (await memberIds(ctx.database.db, chat.id)).filter((id) => id !== session.userId);
  if (others.length === 0)
    throw new AppError('VALIDATION_FAILED', 'There is nobody else in this chat to call.');
  const now = ctx.clock();
  const alreadyRunning = () =>
    new AppError(
      'CALL_STATE',
      chat.kind === 'group'
        ? 'A call is already going on in this group. Join it instead.'
        : 'There is already a call in this chat.',
    );
  const isRunning = async (db: Db) =>
    (await db
      .selectFrom('calls')
      .select('id')
      .where('chat_id', '=', chat.id)
      .where('state', 'in', runningStates)
      .executeTakeFirst()) !== undefined;
  const row = await ctx.database.db
    .transaction()
    .execute(async (trx) => {
      if (await isRunning(trx)) throw alreadyRunning();
      const call: CallRow = {
        id: ulid(now),
        chat_id: chat.id,
        caller_id: session.userId,
        caller_device_id: session.deviceId,
        kind: chat.kind,
        media: input.media,
        state: 'ringing',
        transport: chat.kind === 'group' ? 'sfu' : 'peer-to-peer',
        outcome: null,
        answered_device_id: null,
        meeting_id: null,
        started_at: now,
        answered_at: null,
        ended_at: null,
      };
      if (chat.kind === 'group')
        call.meeting_id = await createCallRoom(ctx, trx, call, chat.title ?? 'Group call');
      await trx.insertInto('calls').values(call).execute();
      await trx
        .insertInto('call_members')
        .values([
          { call_id: call.id, user_id: session.userId, state: 'joined', joined_at: now, left_at: null },
          ...others.map((userId) => ({
            call_id: call.id,
            user_id: userId,
            state: 'ringing' as const,
            joined_at: null,
            left_at: null,
          })),
        ])
        .execute();
      return call;
    })
    .catch(async (error: unknown) => {
      // Two people pressed Call at once: one running call per chat (a unique index) lets one win.
      if (!(error instanceof AppError) && (await isRunning(ctx.database.db))) throw alreadyRunning();
      throw error;
    });
  ctx.logger.info({ callId: row.id, kind: row.kind, media: row.media }, 'call started');
  await publishCall(ctx, await toCall(ctx, ctx.database.db, row), others);
  return connection(ctx, row, session.userId);
}

/** Answers on this device. A direct call is answered once; the caller's and this device talk. */
export async function acceptCall(ctx: AppContext, session: Caller, callId: string): Promise<CallConnection> {
  const row = await findCallFor(ctx, callId, session.userId);
  if (row.state === 'ended') throw callIsOver();
  if (row.caller_id === session.userId && row.kind === 'direct') {
    throw new AppError('CALL_STATE', 'You cannot answer your own call.');
  }
  const now = ctx.clock();
  if (row.kind === 'direct') {
    const answered = await ctx.database.db
      .updateTable('calls')
      .set({ state: 'active', answered_device_id: session.deviceId, answered_at: now })
      .where('id', '=', row.id)
      .where('state', '=', 'ringing')
      .executeTakeFirst();
    if (Number(answered.numUpdatedRows) === 0) {
      throw new AppError('CALL_STATE', 'This call was already answered, or it has ended.');
    }
  } else {
    await assertRoomFor(ctx, row, session.userId);
    await groupCallAnswered(ctx, row.id, now);
  }
  await join(ctx, row.id, session.userId, now);
  const updated = await reload(ctx, row.id);
  ctx.logger.info({ callId: row.id }, 'call answered');
  await publishCall(ctx, await toCall(ctx, ctx.database.db, updated));
  return connection(ctx, updated, session.userId);
}

/** This person does not take the call: a direct call ends; a group call rings on for the others. */
export async function declineCall(ctx: AppContext, session: Caller, callId: string): Promise<void> {
  const row = await findCallFor(ctx, callId, session.userId);
  if (row.state === 'ended') throw callIsOver();
  const declined = await ctx.database.db
    .updateTable('call_members')
    .set({ state: 'declined' })
    .where('call_id', '=', row.id)
    .where('user_id', '=', session.userId)
    .where('state', '=', 'ringing')
    .executeTakeFirst();
  if (Number(declined.numUpdatedRows) === 0)
    throw new AppError('CALL_STATE', 'This call is not ringing for you.');
  if (row.kind === 'direct') {
    await finish(ctx, row, 'declined');
    return;
  }
  const call = await toCall(ctx, ctx.database.db, row);
  // Everyone declined before anyone came: the caller stops waiting.
  if (row.state === 'ringing' && call.ringingIds.length === 0) {
    await finish(ctx, row, 'declined', 'ringing');
    return;
  }
  // The decliner's other devices stop ringing; everyone sees who is still expected.
  await publishCall(ctx, call);
}

/** Hangs up: cancels a ringing call (the caller), ends a direct call, leaves a group call. */
export async function endCall(ctx: AppContext, session: Caller, callId: string): Promise<void> {
  const row = await findCallFor(ctx, callId, session.userId);
  if (row.state === 'ended') return;
  if (row.kind === 'direct') {
    if (row.state === 'ringing' && row.caller_id !== session.userId) {
      await declineCall(ctx, session, callId);
      return;
    }
    await finish(ctx, row, row.state === 'ringing' ? 'cancelled' : 'answered');
    return;
  }
  await leave(ctx, row, session.userId);
}

/** Peer-to-peer did not connect: the direct call moves to an SFU room both sides join. */
export async function relayCall(ctx: AppContext, session: Caller, callId: string): Promise<CallConnection> {
  const row = await findCallFor(ctx, callId, session.userId);
  assertInDirectCall(row, session);
  if (row.transport !== 'sfu') {
    // Both sides may ask at once: the first room stands, the other is rolled back.
    const raced = new Error('the call moved to the SFU meanwhile');
    const moved = await ctx.database.db
      .transaction()
      .execute(async (trx) => {
        const chat = await trx
          .selectFrom('chats')
          .select('title')
          .where('id', '=', row.chat_id)
          .executeTakeFirstOrThrow();
        const meetingId = await createCallRoom(ctx, trx, row, chat.title ?? 'Call');
        const updated = await trx
          .updateTable('calls')
          .set({ transport: 'sfu', meeting_id: meetingId })
          .where('id', '=', row.id)
          .where('transport', '=', 'peer-to-peer')
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) throw raced;
        return true;
      })
      .catch((error: unknown) => {
        if (error === raced) return false;
        throw error;
      });
    const current = await reload(ctx, row.id);
    if (moved) {
      ctx.logger.info({ callId: row.id }, 'call moved to the SFU: peer-to-peer did not connect');
      await publishCall(ctx, await toCall(ctx, ctx.database.db, current));
    }
    return connection(ctx, current, session.userId);
  }
  return connection(ctx, row, session.userId);
}

/** Joins the call's SFU room: a group call (late, from the chat), or a direct call after `call-relay`. */
export async function joinCall(ctx: AppContext, session: Caller, callId: string): Promise<CallConnection> {
  const row = await findCallFor(ctx, callId, session.userId);
  if (row.state === 'ended') throw callIsOver();
  if (row.kind === 'direct') assertInDirectCall(row, session);
  else await assertRoomFor(ctx, row, session.userId);
  if (row.transport !== 'sfu' || row.meeting_id === null) {
    throw new AppError('CALL_STATE', 'This call is peer-to-peer; there is no room to join.');
  }
  const now = ctx.clock();
  if (row.kind === 'group') {
    await join(ctx, row.id, session.userId, now);
    // The caller on another device is no answer.
    if (row.caller_id !== session.userId) await groupCallAnswered(ctx, row.id, now);
    await publishCall(ctx, await toCall(ctx, ctx.database.db, await reload(ctx, row.id)));
  }
  return connection(ctx, await reload(ctx, row.id), session.userId);
}

/** Relays signaling between the two devices of a direct call; anyone else's frames are refused. */
export async function signalCall(ctx: AppContext, session: Caller, callId: string, signal: CallSignal) {
  const row = await findCallFor(ctx, callId, session.userId);
  assertInDirectCall(row, session);
  const to = session.deviceId === row.caller_device_id ? row.answered_device_id : row.caller_device_id;
  if (to) await relaySignal(ctx, to, row.id, signal);
}

/** Rings that nobody answered in time stop; unanswered calls become missed ones. */
export async function expireRinging(ctx: AppContext): Promise<number> {
  const now = ctx.clock();
  const due = now - ctx.config.calls.ringMs;
  // A call still ringing, or a running group call some members never answered.
  const stale = await ctx.database.db
    .selectFrom('calls')
    .selectAll()
    .where('state', 'in', runningStates)
    .where('started_at', '<=', due)
    .where((eb) =>
      eb.or([
        eb('state', '=', 'ringing'),
        eb.exists(
          eb
            .selectFrom('call_members')
            .select('call_members.call_id')
            .whereRef('call_members.call_id', '=', 'calls.id')
            .where('call_members.state', '=', 'ringing'),
        ),
      ]),
    )
    .execute();
  for (const row of stale) {
    if (row.state === 'ringing') {
      await finish(ctx, row, 'missed', 'ringing');
      continue;
    }
    // A running group call: those who never answered stop ringing, as missed.
    await ctx.database.db
      .updateTable('call_members')
      .set({ state: 'missed' })
      .where('call_id', '=', row.id)
      .where('state', '=', 'ringing')
      .execute();
    await publishCall(ctx, await toCall(ctx, ctx.database.db, row));
  }
  return stale.length;
}

/**
 * Direct calls whose caller's or answering device has been offline for PARLEY_CALL_RECONNECT_SECONDS
 * end: a closed tab or a lost network cannot leave the other side waiting. A device is offline
 * once its socket closed (online_until 0), or its node died and the lease ran out.
 */
export async function endDroppedCalls(ctx: AppContext): Promise<number> {
  const now = ctx.clock();
  const dropped = await ctx.database.db
    .selectFrom('calls')
    .innerJoin('devices', (join) =>
      join.on((eb) =>
        eb.or([
          eb('devices.id', '=', eb.ref('calls.caller_device_id')),
          eb('devices.id', '=', eb.ref('calls.answered_device_id')),
        ]),
      ),
    )
    .selectAll('calls')
    .distinct()
    .where('calls.kind', '=', 'direct')
    .where('calls.state', 'in', runningStates)
    .where('devices.online_until', '<', now)
    .where('devices.last_seen_at', '<=', now - ctx.config.calls.reconnectMs)
    .execute();
  for (const row of dropped) {
    ctx.logger.info({ callId: row.id }, 'call ended: a device in it went offline');
    await finish(ctx, row, row.state === 'ringing' ? 'cancelled' : 'answered', row.state);
  }
  return dropped.length;
}

/** Someone left the call's SFU room (hung up there, or their connection did not come back). */
export async function leftCallRoom(ctx: AppContext, meetingId: string, userId: string): Promise<void> {
  const row = await runningCallOfRoom(ctx, meetingId);
  if (!row) return;
  if (row.kind === 'direct') await finish(ctx, row, row.answered_at === null ? 'cancelled' : 'answered');
  else await leave(ctx, row, userId);
}

/** The call's SFU room ended (everyone left it): so did the call. */
export async function endCallOfRoom(ctx: AppContext, meetingId: string): Promise<void> {
  const row = await runningCallOfRoom(ctx, meetingId);
  // Unanswered: the caller left before anyone came (the sweeper makes a call rung out missed).
  if (row) await finish(ctx, row, row.answered_at === null ? 'cancelled' : 'answered');
}

function runningCallOfRoom(ctx: AppContext, meetingId: string): Promise<CallRow | undefined> {
  return ctx.database.db
    .selectFrom('calls')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('state', 'in', runningStates)
    .executeTakeFirst();
}

/** Ends the call once (whoever gets here first), tells everyone and posts it in the chat. */
async function finish(
  ctx: AppContext,
  row: CallRow,
  outcome: NonNullable<CallRow['outcome']>,
  /** Only from this state: a sweep's outcome, read a moment ago, must not end a call answered since. */
  onlyFrom?: CallRow['state'],
): Promise<void> {
  const now = ctx.clock();
  const ended = await ctx.database.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('calls')
      .set({ state: 'ended', outcome, ended_at: now })
      .where('id', '=', row.id)
      .where('state', 'in', onlyFrom ? [onlyFrom] : runningStates)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await trx
      .updateTable('call_members')
      .set({ state: 'missed' })
      .where('call_id', '=', row.id)
      .where('state', '=', 'ringing')
      .execute();
    await trx
      .updateTable('call_members')
      .set({ state: 'left', left_at: now })
      .where('call_id', '=', row.id)
      .where('state', '=', 'joined')
      .execute();
    return true;
  });
  if (!ended) return;
  const final = await reload(ctx, row.id);
  ctx.logger.info({ callId: row.id, outcome }, 'call ended');
  await publishCall(ctx, await toCall(ctx, ctx.database.db, final));
  await postCallMessage(ctx, final);
  if (final.meeting_id) {
    const room = ctx.rooms.get(final.meeting_id);
    if (room) await room.end(null);
    // Open on another node (its people leave on the call's update) or never opened: it stays shut.
    else
      await ctx.database.db
        .updateTable('meetings')
        .set({ ended_at: now })
        .where('id', '=', final.meeting_id)
        .where('ended_at', 'is', null)
        .execute();
  }
}

async function leave(ctx: AppContext, row: CallRow, userId: string): Promise<void> {
  const now = ctx.clock();
  await ctx.database.db
    .updateTable('call_members')
    .set({ state: 'left', left_at: now })
    .where('call_id', '=', row.id)
    .where('user_id', '=', userId)
    .where('state', '=', 'joined')
    .execute();
  const remaining = await ctx.database.db
    .selectFrom('call_members')
    .select('user_id')
    .where('call_id', '=', row.id)
    .where('state', '=', 'joined')
    .execute();
  const current = await reload(ctx, row.id);
  if (remaining.length === 0) {
    await finish(ctx, current, current.answered_at === null ? 'cancelled' : 'answered');
    return;
  }
  await publishCall(ctx, await toCall(ctx, ctx.database.db, current));
}

/** Someone besides the caller came: a group call that rang is on (its answer time is the first's). */
async function groupCallAnswered(ctx: AppContext, callId: string, now: number): Promise<void> {
  await ctx.database.db
    .updateTable('calls')
    .set({ state: 'active', answered_at: now })
    .where('id', '=', callId)
    .where('state', '=', 'ringing')
    .execute();
}

async function join(ctx: AppContext, callId: string, userId: string, now: number): Promise<void> {
  await ctx.database.db
    .updateTable('call_members')
    .set({ state: 'joined', joined_at: now, left_at: null })
    .where('call_id', '=', callId)
    .where('user_id', '=', userId)
    .execute();
}

/** A group call takes up to PARLEY_CALL_MAX_PARTICIPANTS people at once. */
async function assertRoomFor(ctx: AppContext, row: CallRow, userId: string): Promise<void> {
  const present = await ctx.database.db
    .selectFrom('call_members')
    .select('user_id')
    .where('call_id', '=', row.id)
    .where('state', '=', 'joined')
    .execute();
  if (present.some((member) => member.user_id === userId)) return;
  if (present.length >= ctx.config.calls.maxParticipants) {
    throw new AppError('CALL_FULL', `This call is full (${ctx.config.calls.maxParticipants} people).`);
  }
  // A member who joined the chat after the call began was never rung: they may still join.
  await ctx.database.db
    .insertInto('call_members')
    .values({ call_id: row.id, user_id: userId, state: 'ringing', joined_at: null, left_at: null })
    .onConflict((conflict) => conflict.columns(['call_id', 'user_id']).doNothing())
    .execute();
}

/** Only the caller's device and the device that answered take part in a direct call's media. */
function assertInDirectCall(row: CallRow, session: Caller): void {
  if (row.kind !== 'direct') throw new AppError('CALL_STATE', 'Group calls have no peer-to-peer signaling.');
  if (row.state !== 'active') {
    throw new AppError(
      'CALL_STATE',
      row.state === 'ended' ? 'This call has ended.' : 'This call has not been answered yet.',
    );
  }
  if (session.deviceId !== row.caller_device_id && session.deviceId !== row.answered_device_id) {
    throw new AppError('CALL_STATE', 'This call is going on on another of your devices.');
  }
}

async function reload(ctx: AppContext, callId: string): Promise<CallRow> {
  return ctx.database.db.selectFrom('calls').selectAll().where('id', '=', callId).executeTakeFirstOrThrow();
}

async function connection(ctx: AppContext, row: CallRow, userId: string): Promise<CallConnection> {
  const { iceTransportPolicy, peerToPeerTimeoutMs } = ctx.config.calls;
  const viaSfu = row.transport === 'sfu';
  return {
    call: await toCall(ctx, ctx.database.db, row),
    iceServers: callIceServers(ctx.config, userId, ctx.clock()),
    // The policy is about peer-to-peer paths; the SFU is the server's own address, reached directly.
    iceTransportPolicy: viaSfu ? 'all' : iceTransportPolicy,
    peerToPeerTimeoutMs,
    participantToken:
      row.transport === 'sfu' && row.meeting_id !== null
        ? await callRoomToken(ctx, row.meeting_id, userId)
        : null,
  };
}
