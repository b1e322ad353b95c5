import { meetingPreviewSchema, previewMeetingSchema } from '@parley/protocol';
import { findByCredentials, previewMeeting } from '../../meetings/meetings.ts';
import { defineOperation } from '../operation.ts';

export const previewMeetingOperation = defineOperation({
  method: 'POST',
  url: '/api/v1/meetings/preview',
  summary:
    "What the pre-join screen shows: the meeting's title, host and state, for a link token or id + passcode",
  tag: 'meetings',
  auth: false,
  body: previewMeetingSchema,
  response: { status: 200, schema: meetingPreviewSchema },
  errors: ['MEETING_NOT_FOUND', 'WRONG_PASSCODE', 'INVALID_JOIN_TOKEN', 'RATE_LIMITED'],
  handler: async (ctx, { body, request }) =>
    previewMeeting(ctx, await findByCredentials(ctx, body, request.ip)),
});
