import { meetingChatSchema, meetingIdParamsSchema } from '@parley/protocol';
import { chatHistory } from '../../meetings/chat.ts';
import { findOwned } from '../../meetings/meetings.ts';
import { defineOperation } from '../operation.ts';

export const getMeetingChatOperation = defineOperation({
  method: 'GET',
  url: '/api/v1/meetings/:meetingId/chat',
  summary: "The meeting's whole chat, private messages included, kept with the meeting (owner only)",
  tag: 'meetings',
  auth: true,
  params: meetingIdParamsSchema,
  response: { status: 200, schema: meetingChatSchema },
  errors: ['MEETING_NOT_FOUND'],
  handler: async (ctx, { params, session }) => {
    const meeting = await findOwned(ctx, session, params.meetingId);
    return { messages: await chatHistory(ctx, meeting.id, null) };
  },
});
