import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runMediaTool } from '../../media-tools/media-tools.ts';
import { probeMedia } from '../../media-tools/probe-media.ts';
import { formatOffset } from '../transcript.ts';
import { captionFont } from './caption-font.ts';
import type { RenderPlan, RenderSegment } from './render-plan.ts';
import { segmentCommand } from './segment-command.ts';

/**
 * Where finished segments outlive a render job: a restarted job loads the segments rendered before
 * and renders only the rest. `save` may copy the file; it stays in the work directory either way.
 */
export interface SegmentStore {
  /** The local path of segment `index` rendered before, or undefined. */
  load(index: number): Promise<string | undefined>;
  save(index: number, file: string): Promise<void>;
}

export interface RenderOptions {
  /** Holds the segments and the MP4; the caller removes it. */
  workDir: string;
  segments: SegmentStore;
  /** 0..1, after each segment and at the end. */
  onProgress?: (fraction: number) => void;
  /** Aborting kills the running ffmpeg; the render rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Why a render failed: which segment (null: the final join), and which chunks ffmpeg could not read. */
export class RenderError extends Error {
  constructor(
    message: string,
    readonly segmentIndex: number | null,
    readonly unreadableChunks: string[],
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'RenderError';
  }
}

// The join copies the video and encodes the audio: quick next to the segments.
const joinShare = 0.05;

/**
 * Renders a planned recording into `<workDir>/recording.mp4` (H.264 and AAC, fast start) and
 * resolves with its path. Segments are rendered one ffmpeg run at a time, each saved to the store
 * as it is done, then joined. Reads the chunk files, never writes them.
 */
export async function renderRecording(plan: RenderPlan, options: RenderOptions): Promise<string> {
  const { workDir, segments: store, onProgress, signal } = options;
  if (plan.segments.length === 0) {
    throw new RenderError('The recording has no recorded time to render.', null, []);
  }
  await mkdir(workDir, { recursive: true });
  const fontFile = await captionFont();
  const files: string[] = [];
  let doneMs = 0;
  for (const segment of plan.segments) {
    signal?.throwIfAborted();
    let file = await store.load(segment.index);
    if (file === undefined) {
      file = path.join(workDir, `segment-${String(segment.index).padStart(5, '0')}.mkv`);
      await renderSegment(plan, segment, file, fontFile, signal);
      await store.save(segment.index, file);
    }
    files.push(file);
    doneMs += segment.durationMs;
    onProgress?.((doneMs / plan.durationMs) * (1 - joinShare));
  }
  const output = path.join(workDir, 'recording.mp4');
  await join(plan, files, output, signal);
  onProgress?.(1);
  return output;
}

async function renderSegment(
  plan: RenderPlan,
  segment: RenderSegment,
  file: string,
  fontFile: string | null,
  signal: AbortSignal | undefined,
) {
  const partial = `${file}.partial`;
  try {
    await runMediaTool('ffmpeg', segmentCommand(plan, segment, partial, fontFile), {
      // Generous: a segment encodes in about its own duration on one core.
      timeoutMs: 120_000 + segment.durationMs * 10,
      signal,
    });
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    if (signal?.aborted) throw signal.reason;
    const unreadable = await unreadableChunks(segment);
    const place = `segment ${segment.index + 1} of ${plan.segments.length} (${formatOffset(segment.startMs)}-${formatOffset(segment.startMs + segment.durationMs)})`;
    const why =
      unreadable.length > 0
        ? `chunk ${unreadable.map((chunk) => path.basename(chunk)).join(', ')} could not be read`
        : error instanceof Error
          ? error.message
          : String(error);
    throw new RenderError(`Rendering ${place} failed: ${why}`, segment.index, unreadable, { cause: error });
  }
}

/** The chunks of a failed segment that ffprobe cannot open, to name the culprit. */
async function unreadableChunks(segment: RenderSegment): Promise<string[]> {
  const { layout } = segment;
  const clips = [
    ...(layout.kind === 'speaker' ? layout.camera : []),
    ...(layout.kind === 'screen' ? [...layout.screen, ...layout.camera] : []),
    ...segment.audio,
  ];
  const files = [...new Set(clips.map((clip) => clip.file))];
  const readable = await Promise.all(
    files.map((file) =>
      probeMedia(file, 'matroska').then(
        () => true,
        () => false,
      ),
    ),
  );
  return files.filter((_, i) => !readable[i]);
}

/**
 * Joins the segments: the video is copied (every segment starts with a keyframe and was encoded
 * alike), the audio encoded once to AAC so that no encoder delay lands between segments. The list
 * gives each segment's planned duration rather than letting the demuxer measure it.
 */
async function join(plan: RenderPlan, files: string[], output: string, signal: AbortSignal | undefined) {
  const list = `${output}.txt`;
  const partial = `${output}.partial`;
  // Absolute and with its protocol: the demuxer resolves relative paths against the list's
  // directory and would take a "name:" prefix for a protocol.
  const lines = plan.segments.flatMap((segment, i) => [
    `file 'file:${path.resolve(files[i] as string).replaceAll("'", "'\\''")}'`,
    `duration ${(segment.durationMs / 1000).toFixed(3)}`,
  ]);
  await writeFile(list, `ffconcat version 1.0\n${lines.join('\n')}\n`);
  try {
    await runMediaTool(
      'ffmpeg',
      [
        ...['-nostdin', '-hide_banner', '-loglevel', 'error', '-y'],
        ...['-f', 'concat', '-safe', '0', '-i', list],
        ...['-map', '0:v:0', '-map', '0:a:0', '-c:v', 'copy', '-c:a', 'aac', '-b:a', '128k'],
        ...['-movflags', '+faststart', '-map_metadata', '-1', '-fflags', '+bitexact', '-f', 'mp4', partial],
      ],
      { timeoutMs: 120_000 + plan.durationMs, signal },
    );
    await rename(partial, output);
  } catch (error) {
    await rm(partial, { force: true });
    if (signal?.aborted) throw signal.reason;
    const why = error instanceof Error ? error.message : String(error);
    throw new RenderError(`Joining the rendered segments failed: ${why}`, null, [], { cause: error });
  } finally {
    await rm(list, { force: true });
  }
}
