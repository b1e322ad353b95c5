import { ulid } from 'ulid';
import type { AppContext } from '../context.ts';
import { newJoinToken } from '../meetings/codes.ts';
import { issueParticipant } from '../meetings/join.ts';
import type { CallRow, Db } from './call-view.ts';

/**
 * The SFU room of a call: a meeting row without an id people can type or a link that is ever
 * handed out (no waiting room, no guests), entered only through the call by the chat's members.
 * Its media, reconnection and roster are the meeting room's.
 */
export async function createCallRoom(ctx: AppContext, db: Db, call: CallRow, title: string): Promise<string> {
  const now = ctx.clock();
  const id = ulid(now);
  await db
    .insertInto('meetings')
    .values({
      id,
      code: `call-${id}`,
      title,
      passcode: null,
      join_token: newJoinToken(),
      owner_id: call.caller_id,
      parent_id: null,
      waiting_room: 0,
      allow_guests: 0,
      scheduled_for: null,
      duration_minutes: null,
      created_at: now,
      started_at: null,
      ended_at: null,
      host_node: null,
      host_lease_until: null,
    })
    .execute();
  return id;
}

/** Whether a meeting row is a call's room (its code is never one a person types). */
export function isCallRoom(meeting: { code: string }): boolean {
  return meeting.code.startsWith('call-');
}

/** A participant token for a chat member entering the call's room. */
export async function callRoomToken(ctx: AppContext, meetingId: string, userId: string): Promise<string> {
  const user = await ctx.database.db
    .selectFrom('users')
    .select(['display_name', 'phone'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const { participantToken } = await issueParticipant(ctx, meetingId, {
    userId,
    guestKey: null,
    displayName: user.display_name ?? user.phone,
  });
  return participantToken;
}
