import { meetingIdParamsSchema } from '@parley/protocol';
import { deleteMeeting } from '../../meetings/meetings.ts';
import { defineOperation } from '../operation.ts';

export const deleteMeetingOperation = defineOperation({
  method: 'DELETE',
  url: '/api/v1/meetings/:meetingId',
  summary: 'Delete a meeting that is not in progress, with its chat and files (owner only)',
  tag: 'meetings',
  auth: true,
  params: meetingIdParamsSchema,
  response: { status: 204 },
  errors: ['MEETING_NOT_FOUND', 'CONFLICT'],
  handler: async (ctx, { params, session }) => {
    await deleteMeeting(ctx, session, params.meetingId);
  },
});
