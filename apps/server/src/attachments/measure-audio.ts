import { MediaToolError, runMediaTool } from '../media-tools/media-tools.ts';
import { inputArgs } from '../media-tools/probe-media.ts';
import { PeakMeter } from './peak-meter.ts';

// Plenty to find peaks for 64 bars, and cheap: 16 KB of samples per second of audio.
const sampleRate = 8000;

/**
 * Duration and waveform of an audio file, from decoding it entirely (mono, 8 kHz). The decoded
 * length is exact where headers are missing or estimated (browser recordings, VBR MP3). Throws
 * MediaToolError when ffmpeg cannot decode it.
 */
export async function measureAudio(
  file: string,
  demuxer: string,
): Promise<{ durationMs: number; waveform: number[] }> {
  const meter = new PeakMeter();
  await runMediaTool(
    'ffmpeg',
    [
      '-nostdin',
      '-hide_banner',
      '-loglevel',
      'error',
      ...inputArgs(file, demuxer),
      '-map',
      '0:a:0',
      '-vn',
      '-ac',
      '1',
      '-ar',
      String(sampleRate),
      '-f',
      's16le',
      'pipe:1',
    ],
    // Samples are measured as they come: memory stays flat however long the recording.
    { timeoutMs: 120_000, onStdout: (chunk) => meter.push(chunk) },
  );
  if (meter.sampleCount === 0) throw new MediaToolError('failed', 'ffmpeg decoded no audio');
  return {
    durationMs: Math.round((meter.sampleCount * 1000) / sampleRate),
    waveform: meter.levels(),
  };
}
