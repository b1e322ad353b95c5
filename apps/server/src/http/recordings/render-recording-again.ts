import { recordingIdParamsSchema, recordingSchema } from '@parley/protocol';
import { AppError } from '../../errors.ts';
import { findOwnedRecording, toRecording } from '../../recording/recordings.ts';
import { defineOperation } from '../operation.ts';

export const renderRecordingAgainOperation = defineOperation({
  method: 'POST',
  url: '/api/v1/recordings/:recordingId/render',
  summary:
    'Render a recording again after its render failed (owner only); the chunks it is made from are intact',
  tag: 'recordings',
  auth: true,
  params: recordingIdParamsSchema,
  response: { status: 202, schema: recordingSchema },
  errors: ['RECORDING_NOT_FOUND', 'FORBIDDEN', 'RECORDING_STATE'],
  handler: async (ctx, { params, session }) => {
    const row = await findOwnedRecording(ctx, session.userId, params.recordingId);
    if (row.state !== 'failed') {
      throw new AppError('RECORDING_STATE', 'Only a recording whose render failed can be rendered again.');
    }
    const again = { ...row, state: 'rendering' as const, render_progress: 0, render_error: null };
    await ctx.database.db
      .updateTable('recordings')
      .set({ state: 'rendering', render_progress: 0, render_error: null })
      .where('id', '=', row.id)
      .where('state', '=', 'failed')
      .execute();
    ctx.renders.enqueue(row.id);
    return toRecording(again, true, ctx.clock());
  },
});
