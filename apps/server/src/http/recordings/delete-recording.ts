import { recordingIdParamsSchema } from '@parley/protocol';
import { deleteRecording, findOwnedRecording } from '../../recording/recordings.ts';
import { defineOperation } from '../operation.ts';

export const deleteRecordingOperation = defineOperation({
  method: 'DELETE',
  url: '/api/v1/recordings/:recordingId',
  summary: 'Delete a stopped recording with its chunks, video and transcript (owner only)',
  tag: 'recordings',
  auth: true,
  params: recordingIdParamsSchema,
  response: { status: 204 },
  errors: ['RECORDING_NOT_FOUND', 'FORBIDDEN', 'RECORDING_STATE'],
  handler: async (ctx, { params, session }) => {
    await deleteRecording(ctx, await findOwnedRecording(ctx, session.userId, params.recordingId));
  },
});
