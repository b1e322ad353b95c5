import { recordingIdParamsSchema, recordingSchema, updateRecordingSchema } from '@parley/protocol';
import { findOwnedRecording, toRecording } from '../../recording/recordings.ts';
import { defineOperation } from '../operation.ts';

export const updateRecordingOperation = defineOperation({
  method: 'PATCH',
  url: '/api/v1/recordings/:recordingId',
  summary: "Share a recording with the meeting's signed-in participants, or stop sharing it (owner only)",
  tag: 'recordings',
  auth: true,
  params: recordingIdParamsSchema,
  body: updateRecordingSchema,
  response: { status: 200, schema: recordingSchema },
  errors: ['RECORDING_NOT_FOUND', 'FORBIDDEN'],
  handler: async (ctx, { params, body, session }) => {
    const row = await findOwnedRecording(ctx, session.userId, params.recordingId);
    await ctx.database.db
      .updateTable('recordings')
      .set({ shared: body.shared ? 1 : 0 })
      .where('id', '=', row.id)
      .execute();
    return toRecording({ ...row, shared: body.shared ? 1 : 0 }, true, ctx.clock());
  },
});
