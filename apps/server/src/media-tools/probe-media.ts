import { z } from 'zod';
import { MediaToolError, runMediaTool } from './media-tools.ts';

/** What ffprobe tells about an audio or video file. */
export interface MediaProbe {
  /** The first real video stream (cover art in audio files does not count), upright. */
  video: { width: number; height: number } | undefined;
  hasAudio: boolean;
  /** From the container's header; unknown for some files (e.g. browser recordings). */
  durationMs: number | null;
}

const numeric = z.union([z.string(), z.number()]).optional();
const probeOutputSchema = z.object({
  streams: z
    .array(
      z.object({
        codec_type: z.string().optional(),
        width: z.number().int().optional(),
        height: z.number().int().optional(),
        duration: numeric,
        disposition: z.object({ attached_pic: z.number().optional() }).optional(),
        tags: z.object({ rotate: numeric }).optional(),
        side_data_list: z.array(z.object({ rotation: numeric })).optional(),
      }),
    )
    .default([]),
  format: z.object({ duration: numeric }).optional(),
});

/**
 * The arguments that open an untrusted file with a known demuxer: ffmpeg must not guess the format
 * (a playlist format would let a file make it read other files or URLs) nor open anything but files.
 */
export function inputArgs(file: string, demuxer: string): string[] {
  return ['-protocol_whitelist', 'file', '-f', demuxer, '-i', `file:${file}`];
}

/** Streams, dimensions and duration of a media file; throws MediaToolError when ffprobe cannot read it. */
export async function probeMedia(file: string, demuxer: string): Promise<MediaProbe> {
  const output = await runMediaTool(
    'ffprobe',
    ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', ...inputArgs(file, demuxer)],
    { timeoutMs: 15_000, maxStdoutBytes: 1024 * 1024 },
  );
  let parsed: z.infer<typeof probeOutputSchema>;
  try {
    parsed = probeOutputSchema.parse(JSON.parse(output.toString('utf8')));
  } catch (error) {
    throw new MediaToolError('failed', 'ffprobe output was not understood', { cause: error });
  }
  const video = parsed.streams.find(
    (s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1 && s.width && s.height,
  );
  let dimensions: MediaProbe['video'];
  if (video?.width && video.height) {
    const rotation = Number(
      video.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? video.tags?.rotate ?? 0,
    );
    // Phones record landscape frames with a rotation to apply on display.
    const sideways = Math.abs(rotation) % 180 === 90;
    dimensions = sideways
      ? { width: video.height, height: video.width }
      : { width: video.width, height: video.height };
  }
  return {
    video: dimensions,
    hasAudio: parsed.streams.some((s) => s.codec_type === 'audio'),
    durationMs: toMs(parsed.format?.duration) ?? toMs(video?.duration),
  };
}

function toMs(seconds: string | number | undefined): number | null {
  const value = Number(seconds);
  return seconds === undefined || !Number.isFinite(value) || value <= 0 ? null : Math.round(value * 1000);
}
