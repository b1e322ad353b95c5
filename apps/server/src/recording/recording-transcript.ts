import type { AppContext } from '../context.ts';
import type { ActiveInterval } from './recorded-timeline.ts';
import type { RecordingRow } from './recordings.ts';
import { chatTranscript } from './transcript.ts';

/** The meeting chat sent while the recording ran (from its start to its stop), as a transcript. */
export async function recordingTranscript(ctx: AppContext, row: RecordingRow, intervals: ActiveInterval[]) {
  const messages = await ctx.database.db
    .selectFrom('meeting_messages')
    .leftJoin('meeting_files', 'meeting_files.id', 'meeting_messages.file_id')
    .select(['meeting_messages.sent_at', 'from_name', 'to_name', 'text', 'meeting_files.name as file_name'])
    .where('meeting_messages.meeting_id', '=', row.meeting_id)
    .where('meeting_messages.sent_at', '>=', row.started_at)
    .where('meeting_messages.sent_at', '<=', row.stopped_at ?? ctx.clock())
    .orderBy('meeting_messages.sent_at')
    .orderBy('meeting_messages.id')
    .execute();
  return chatTranscript(
    messages.map((m) => ({
      sentAt: Number(m.sent_at),
      senderName: m.from_name,
      text: m.text,
      toName: m.to_name,
      fileName: m.file_name,
    })),
    intervals,
  );
}
