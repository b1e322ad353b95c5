import { meetingListSchema } from '@parley/protocol';
import { listMeetings } from '../../meetings/meetings.ts';
import { defineOperation } from '../operation.ts';

export const listMeetingsOperation = defineOperation({
  method: 'GET',
  url: '/api/v1/meetings',
  summary: 'Meetings the user owns or took part in: upcoming (soonest first) and past (latest first)',
  tag: 'meetings',
  auth: true,
  response: { status: 200, schema: meetingListSchema },
  handler: (ctx, { session }) => listMeetings(ctx, session),
});
