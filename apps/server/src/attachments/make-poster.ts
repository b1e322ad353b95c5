import { MediaToolError, runMediaTool } from '../media-tools/media-tools.ts';
import { inputArgs, type MediaProbe } from '../media-tools/probe-media.ts';
import { makeThumbnail, thumbnailMaxPx } from './inspect-image.ts';

// A frame scaled to twice the thumbnail is plenty for sharp to make it from, and small as PNG.
const posterPx = thumbnailMaxPx * 2;

/**
 * A WebP poster frame of a video, from a second in (or a third of a short clip): the very first
 * frame is often black. ffmpeg applies the video's rotation while decoding, so the poster is upright.
 * Throws MediaToolError when no frame can be decoded.
 */
export async function makePoster(file: string, demuxer: string, probe: MediaProbe): Promise<Buffer> {
  const seconds = probe.durationMs === null ? 0 : Math.min(1, probe.durationMs / 3000);
  const frame = await runMediaTool(
    'ffmpeg',
    [
      '-nostdin',
      '-hide_banner',
      '-loglevel',
      'error',
      '-ss',
      seconds.toFixed(3),
      ...inputArgs(file, demuxer),
      '-map',
      '0:v:0',
      '-frames:v',
      '1',
      '-vf',
      `scale=w='min(${posterPx},iw)':h='min(${posterPx},ih)':force_original_aspect_ratio=decrease`,
      '-f',
      'image2pipe',
      '-c:v',
      'png',
      'pipe:1',
    ],
    { timeoutMs: 30_000, maxStdoutBytes: 8 * 1024 * 1024 },
  );
  if (frame.length === 0) throw new MediaToolError('failed', 'ffmpeg decoded no video frame');
  return makeThumbnail(frame);
}
