import { createMeetingSchema, meetingSchema } from '@parley/protocol';
import { createMeeting } from '../../meetings/meetings.ts';
import { defineOperation } from '../operation.ts';

export const createMeetingOperation = defineOperation({
  method: 'POST',
  url: '/api/v1/meetings',
  summary:
    'Create an instant or scheduled meeting: a numeric meeting id, an optional passcode, and a join link carrying a token',
  tag: 'meetings',
  auth: true,
  body: createMeetingSchema,
  response: { status: 201, schema: meetingSchema },
  handler: (ctx, { body, session }) => createMeeting(ctx, session, body),
});
