import type { Call, CallHistory } from '@parley/protocol';
import type { AppContext } from '../context.ts';
import { runningStates, toCall } from './call-view.ts';

/** The user's calls, newest first: outgoing, incoming, and missed (incoming, never answered). */
export async function callHistory(
  ctx: AppContext,
  userId: string,
  page: { before?: string | undefined; limit: number },
): Promise<CallHistory> {
  const db = ctx.database.db;
  let query = db
    .selectFrom('call_members')
    .innerJoin('calls', 'calls.id', 'call_members.call_id')
    .selectAll('calls')
    .select(['call_members.state as member_state', 'call_members.joined_at as member_joined_at'])
    .where('call_members.user_id', '=', userId)
    .orderBy('calls.id', 'desc')
    .limit(page.limit + 1);
  if (page.before) query = query.where('calls.id', '<', page.before);
  const rows = await query.execute();
  const more = rows.length > page.limit;
  const calls = await Promise.all(
    rows
      .slice(0, page.limit)
      .map(async ({ member_state: memberState, member_joined_at: joinedAt, ...row }) => {
        const outgoing = row.caller_id === userId;
        return {
          call: await toCall(ctx, db, row),
          direction: outgoing ? ('outgoing' as const) : ('incoming' as const),
          missed: !outgoing && joinedAt === null && memberState !== 'declined',
          durationSeconds:
            row.answered_at !== null && row.ended_at !== null
              ? Math.round((row.ended_at - row.answered_at) / 1000)
              : 0,
        };
      }),
  );
  return { calls, nextBefore: more ? (calls.at(-1)?.call.id ?? null) : null };
}

/** Calls going on now in the user's chats. */
export async function activeCalls(ctx: AppContext, userId: string): Promise<Call[]> {
  const db = ctx.database.db;
  const rows = await db
    .selectFrom('calls')
    .innerJoin('chat_members', 'chat_members.chat_id', 'calls.chat_id')
    .selectAll('calls')
    .where('chat_members.user_id', '=', userId)
    .where('calls.state', 'in', runningStates)
    .orderBy('calls.id', 'desc')
    .execute();
  return Promise.all(rows.map((row) => toCall(ctx, db, row)));
}
