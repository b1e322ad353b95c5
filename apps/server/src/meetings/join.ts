import type { JoinTicket } from '@parley/protocol';
import { ulid } from 'ulid';
import type { Session } from '../accounts/sessions.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { findByCredentials, previewMeeting } from './meetings.ts';
import { participantTokenTtlMs, signParticipantToken } from './participant-token.ts';

export type JoinInput = ({ token: string } | { code: string; passcode?: string | undefined }) & {
  displayName?: string | undefined;
  guestKey?: string | undefined;
};

/**
 * Checks the link or id + passcode and who is asking, and hands out a participant token for the
 * meeting socket. Entering (or waiting to) happens on the socket; the checks that depend on the
 * live meeting (locked, full) run here too, so the pre-join screen can say why at once.
 */
export async function joinMeeting(
  ctx: AppContext,
  input: JoinInput,
  session: Session | undefined,
  clientIp: string,
): Promise<JoinTicket> {
  const meeting = await findByCredentials(ctx, input, clientIp);
  if (meeting.ended_at !== null) throw new AppError('MEETING_ENDED', 'This meeting has ended.');

  let displayName: string;
  if (session) {
    const user = await ctx.database.db
      .selectFrom('users')
      .select('display_name')
      .where('id', '=', session.userId)
      .executeTakeFirstOrThrow();
    displayName = user.display_name ?? input.displayName ?? 'Parley user';
  } else {
    if (meeting.allow_guests !== 1) {
      throw new AppError('GUESTS_NOT_ALLOWED', 'This meeting is for signed-in people only. Sign in to join.');
    }
    if (!input.displayName) {
      throw new AppError('VALIDATION_FAILED', 'Enter your name to join.', {
        details: { issues: [{ path: 'displayName', message: 'required for guests' }] },
      });
    }
    displayName = input.displayName;
  }
  const userId = session?.userId ?? null;
  const guestKey = session ? null : (input.guestKey ?? null);

  if (userId !== null || guestKey !== null) {
    const removed = await ctx.database.db
      .selectFrom('meeting_participants')
      .select('id')
      .where('meeting_id', '=', meeting.id)
      .where('removed_at', 'is not', null)
      .where(userId !== null ? 'user_id' : 'guest_key', '=', userId ?? guestKey)
      .executeTakeFirst();
    if (removed) throw new AppError('REMOVED_FROM_MEETING', 'The host removed you from this meeting.');
  }
  ctx.rooms.get(meeting.id)?.assertCanEnter(userId === meeting.owner_id);

  const { participantId, participantToken } = await issueParticipant(ctx, meeting.id, {
    userId,
    guestKey,
    displayName,
  });
  return { participantToken, participantId, meeting: await previewMeeting(ctx, meeting) };
}

/**
 * A participant row for someone about to enter and the token that opens their meeting socket;
 * the caller has checked they may (by link, or as a member of the chat whose call it is).
 */
export async function issueParticipant(
  ctx: AppContext,
  meetingId: string,
  person: { userId: string | null; guestKey: string | null; displayName: string },
): Promise<{ participantId: string; participantToken: string }> {
  const now = ctx.clock();
  const participantId = ulid(now);
  await ctx.database.db
    .insertInto('meeting_participants')
    .values({
      id: participantId,
      meeting_id: meetingId,
      user_id: person.userId,
      guest_key: person.guestKey,
      display_name: person.displayName,
      joined_at: null,
      left_at: null,
      removed_at: null,
      created_at: now,
    })
    .execute();
  const participantToken = signParticipantToken(ctx.secret, {
    participantId,
    meetingId,
    expiresAt: now + participantTokenTtlMs,
  });
  return { participantId, participantToken };
}
