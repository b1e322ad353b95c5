import type { Logger } from 'pino';
import { endCallOfRoom } from '../calls/calls.ts';
import type { AppContext } from '../context.ts';
import type { MeetingTally } from './meeting-tally.ts';

/**
 * Stores that a meeting ended: its end time, everyone still in it as left, and its metrics (peak and
 * average attendance, duration, chat messages), once; and counts it in /metrics (not a breakout
 * room: its people are counted in the main meeting).
 */
export async function recordMeetingEnd(
  ctx: AppContext,
  meetingId: string,
  now: number,
  summary: ReturnType<MeetingTally['summary']>,
  logger: Logger,
  breakout = false,
): Promise<void> {
  const chatMessages = await ctx.database.db.transaction().execute(async (trx) => {
    await trx.updateTable('meetings').set({ ended_at: now }).where('id', '=', meetingId).execute();
    await trx
      .updateTable('meeting_participants')
      .set({ left_at: now })
      .where('meeting_id', '=', meetingId)
      .where('joined_at', 'is not', null)
      .where('left_at', 'is', null)
      .execute();
    const chat = await trx
      .selectFrom('meeting_messages')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('meeting_id', '=', meetingId)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('meeting_metrics')
      .values({
        meeting_id: meetingId,
        max_participants: summary.maxParticipants,
        avg_participants: summary.avgParticipants,
        duration_seconds: summary.durationSeconds,
        chat_messages: Number(chat.count),
      })
      .onConflict((conflict) => conflict.column('meeting_id').doNothing())
      .execute();
    return Number(chat.count);
  });
  if (breakout) {
    logger.info({ ...summary, chatMessages }, 'breakout room closed');
    return;
  }
  // A call's room ending ends the call (everyone has left it).
  await endCallOfRoom(ctx, meetingId);
  ctx.metrics.meetingsEnded.inc();
  ctx.metrics.meetingDuration.observe(summary.durationSeconds);
  ctx.metrics.meetingMaxParticipants.observe(summary.maxParticipants);
  logger.info({ ...summary, chatMessages }, 'meeting ended');
}
