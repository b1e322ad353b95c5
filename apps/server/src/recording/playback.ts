import type { RecordingPlayback } from '@parley/protocol';
import { signBlobUrl } from '../blobs/signed-urls.ts';
import type { AppContext } from '../context.ts';
import { recordingTranscript } from './recording-transcript.ts';
import { type RecordingRow, recordingEvents, recordingKeys, toRecording } from './recordings.ts';
import { activeIntervals, RecordedTimeline, recorderGaps } from './timeline.ts';

/** Signed media URLs last a day: long enough to watch, short enough after unsharing. */
const urlValidDays = 1;

/**
 * What the playback page plays: the MP4 once rendered; always the chunks (on the pause-free
 * timeline) so that a recording still rendering, or whose render failed, plays from them; the gaps
 * where the recorder was down; and the chat transcript.
 */
export async function recordingPlayback(
  ctx: AppContext,
  row: RecordingRow,
  owned: boolean,
): Promise<RecordingPlayback> {
  const now = ctx.clock();
  const events = await recordingEvents(ctx, row.id);
  const intervals = activeIntervals(events, row.stopped_at ?? now);
  const timeline = new RecordedTimeline(intervals);
  const chunks = await ctx.database.db
    .selectFrom('recording_chunks')
    .selectAll()
    .where('recording_id', '=', row.id)
    .orderBy('started_at')
    .execute();
  const ready = row.state === 'ready';
  const sign = (key: string) => signBlobUrl(ctx.secret, key, now, urlValidDays);
  return {
    recording: toRecording(row, owned, now),
    videoUrl: ready ? sign(recordingKeys.video(row.id)) : null,
    transcriptUrl: ready ? sign(recordingKeys.transcriptText(row.id)) : null,
    chunks: chunks.map((chunk) => ({
      id: chunk.id,
      participantId: chunk.participant_id,
      displayName: chunk.display_name,
      source: chunk.source,
      kind: chunk.kind,
      sequence: chunk.sequence,
      offsetMs: timeline.offsetOf(Number(chunk.started_at)),
      durationMs: chunk.duration_ms,
      size: Number(chunk.size),
      url: sign(chunk.blob_key),
    })),
    gaps: recorderGaps(events, timeline),
    transcript: (await recordingTranscript(ctx, row, intervals)).json,
  };
}
