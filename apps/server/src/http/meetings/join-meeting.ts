import { joinMeetingSchema, joinTicketSchema } from '@parley/protocol';
import { authenticate, bearerToken } from '../../accounts/sessions.ts';
import { AppError } from '../../errors.ts';
import { joinMeeting } from '../../meetings/join.ts';
import { defineOperation } from '../operation.ts';

export const joinMeetingOperation = defineOperation({
  method: 'POST',
  url: '/api/v1/meetings/join',
  summary:
    'Join by link token or id + passcode: signed-in users (Bearer) as themselves, guests with a display name. ' +
    'Answers the participant token that opens the meeting socket',
  tag: 'meetings',
  auth: false,
  body: joinMeetingSchema,
  response: { status: 201, schema: joinTicketSchema },
  errors: [
    'MEETING_NOT_FOUND',
    'WRONG_PASSCODE',
    'INVALID_JOIN_TOKEN',
    'GUESTS_NOT_ALLOWED',
    'MEETING_LOCKED',
    'MEETING_FULL',
    'MEETING_ENDED',
    'REMOVED_FROM_MEETING',
    'RATE_LIMITED',
  ],
  handler: async (ctx, { body, request }) => {
    const token = bearerToken(request.headers.authorization);
    const session = token ? await authenticate(ctx, token) : undefined;
    // A stale session must not silently turn a member into a guest.
    if (token && !session) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
    return joinMeeting(ctx, body, session, request.ip);
  },
});
