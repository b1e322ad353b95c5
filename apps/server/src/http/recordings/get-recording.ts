import { recordingIdParamsSchema, recordingPlaybackSchema } from '@parley/protocol';
import { recordingPlayback } from '../../recording/playback.ts';
import { findVisibleRecording } from '../../recording/recordings.ts';
import { defineOperation } from '../operation.ts';

export const getRecordingOperation = defineOperation({
  method: 'GET',
  url: '/api/v1/recordings/:recordingId',
  summary:
    'A recording to play: the rendered MP4 once ready, its chunks (to play while rendering or after a failed render), the recorder gaps and the chat transcript',
  tag: 'recordings',
  auth: true,
  params: recordingIdParamsSchema,
  response: { status: 200, schema: recordingPlaybackSchema },
  errors: ['RECORDING_NOT_FOUND'],
  handler: async (ctx, { params, session }) => {
    const { row, owned } = await findVisibleRecording(ctx, session.userId, params.recordingId);
    return recordingPlayback(ctx, row, owned);
  },
});
