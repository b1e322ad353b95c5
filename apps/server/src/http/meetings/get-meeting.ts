import { meetingIdParamsSchema, meetingSchema } from '@parley/protocol';
import { getMeeting } from '../../meetings/meetings.ts';
import { defineOperation } from '../operation.ts';

export const getMeetingOperation = defineOperation({
  method: 'GET',
  url: '/api/v1/meetings/:meetingId',
  summary: 'One meeting the user owns or took part in (the passcode and link token only for its owner)',
  tag: 'meetings',
  auth: true,
  params: meetingIdParamsSchema,
  response: { status: 200, schema: meetingSchema },
  errors: ['MEETING_NOT_FOUND'],
  handler: (ctx, { params, session }) => getMeeting(ctx, session, params.meetingId),
});
