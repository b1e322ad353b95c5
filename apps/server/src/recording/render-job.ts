import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { AppContext } from '../context.ts';
import { recordingTranscript } from './recording-transcript.ts';
import { recordingEvents, recordingKeys } from './recordings.ts';
import { planRender } from './render/plan-render.ts';
import type { RenderTrack } from './render/render-plan.ts';
import { renderRecording } from './render/render-recording.ts';
import { activeIntervals, RecordedTimeline, recorderGaps } from './timeline.ts';

/**
 * Renders one stopped recording: fetches its chunks, plans and renders the MP4 segment by segment
 * (each finished segment is kept in the BlobStore, so a job that dies resumes where it was), and
 * stores the MP4 and the chat transcript. The chunks are only read; a failure leaves them as they
 * were, and playback falls back to them.
 */
export async function renderRecordingJob(
  ctx: AppContext,
  recordingId: string,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<{ bytes: number }> {
  const db = ctx.database.db;
  const row = await db
    .selectFrom('recordings')
    .selectAll()
    .where('id', '=', recordingId)
    .executeTakeFirstOrThrow();
  const events = await recordingEvents(ctx, recordingId);
  const intervals = activeIntervals(events, row.stopped_at ?? ctx.clock());
  const chunks = await db
    .selectFrom('recording_chunks')
    .selectAll()
    .where('recording_id', '=', recordingId)
    .orderBy('started_at')
    .execute();

  const workDir = await mkdtemp(path.join(tmpdir(), 'parley-render-'));
  try {
    const tracks = new Map<string, RenderTrack>();
    for (const chunk of chunks) {
      const file = path.join(workDir, `chunk-${chunk.id}.webm`);
      await download(ctx, chunk.blob_key, file);
      const key = `${chunk.participant_id}:${chunk.source}`;
      let track = tracks.get(key);
      if (!track) {
        track = {
          participantId: chunk.participant_id,
          displayName: chunk.display_name,
          source: chunk.source,
          chunks: [],
        };
        tracks.set(key, track);
      }
      track.chunks.push({
        sequence: chunk.sequence,
        startedAt: Number(chunk.started_at),
        durationMs: chunk.duration_ms,
        file,
      });
    }
    const plan = planRender({
      activeIntervals: intervals,
      tracks: [...tracks.values()],
      speakers: events
        .filter((event) => event.kind === 'speaker')
        .map((event) => ({ at: Number(event.at), participantId: event.participant_id })),
      recorderGaps: recorderGaps(events, new RecordedTimeline(intervals)),
    });
    await db
      .updateTable('recordings')
      .set({ render_segments: plan.segments.length })
      .where('id', '=', recordingId)
      .execute();

    const video = await renderRecording(plan, {
      workDir,
      signal,
      onProgress,
      segments: {
        load: async (index) => {
          const key = recordingKeys.segment(recordingId, index);
          if (!(await ctx.blobs.head(key))) return undefined;
          const file = path.join(workDir, `kept-segment-${index}.mkv`);
          await download(ctx, key, file);
          return file;
        },
        save: async (index, file) => {
          await ctx.blobs.put(recordingKeys.segment(recordingId, index), createReadStream(file), {
            contentType: 'video/x-matroska',
          });
        },
      },
    });
    const { size } = await stat(video);
    await ctx.blobs.put(recordingKeys.video(recordingId), createReadStream(video), {
      contentType: 'video/mp4',
    });

    const transcript = await recordingTranscript(ctx, row, intervals);
    await ctx.blobs.put(recordingKeys.transcriptText(recordingId), Buffer.from(transcript.text), {
      contentType: 'text/plain; charset=utf-8',
    });
    await ctx.blobs.put(
      recordingKeys.transcriptJson(recordingId),
      Buffer.from(JSON.stringify(transcript.json)),
      {
        contentType: 'application/json',
      },
    );
    // The MP4 is stored: the kept segments have done their job.
    await Promise.allSettled(
      plan.segments.map((segment) => ctx.blobs.delete(recordingKeys.segment(recordingId, segment.index))),
    );
    return { bytes: size };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function download(ctx: AppContext, key: string, file: string): Promise<void> {
  const blob = await ctx.blobs.get(key);
  if (!blob) throw new Error(`blob ${key} is missing`);
  await pipeline(blob.stream, createWriteStream(file));
}
