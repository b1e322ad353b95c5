import { recordingListSchema } from '@parley/protocol';
import { listRecordings } from '../../recording/recordings.ts';
import { defineOperation } from '../operation.ts';

export const listRecordingsOperation = defineOperation({
  method: 'GET',
  url: '/api/v1/recordings',
  summary: "Cloud recordings of the user's meetings, and shared recordings of meetings they took part in",
  tag: 'recordings',
  auth: true,
  response: { status: 200, schema: recordingListSchema },
  handler: async (ctx, { session }) => ({ recordings: await listRecordings(ctx, session.userId) }),
});
