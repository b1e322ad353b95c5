import type { AttachmentKind } from '@parley/protocol';
import { fileTypeFromFile } from 'file-type';
import type { Logger } from 'pino';
import { AppError } from '../errors.ts';
import { MediaToolError } from '../media-tools/media-tools.ts';
import { probeMedia } from '../media-tools/probe-media.ts';
import { inspectImage } from './inspect-image.ts';
import { makePoster } from './make-poster.ts';
import { measureAudio } from './measure-audio.ts';

/** What the server measured of an uploaded file. */
export interface Inspection {
  kind: AttachmentKind;
  contentType: string;
  /** The usual extension of the sniffed type, for a file sent without a name. */
  extension: string | undefined;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  waveform: number[] | null;
  thumbnail: Buffer | null;
}

/** Images sharp can decode and browsers display (HEIC only where sharp's libheif decodes it). */
const imageTypes = new Set([
  'image/jpeg',
  'image/png',
  'image/apng',
  'image/webp',
  'image/gif',
  'image/avif',
  'image/heic',
  'image/heif',
]);

/** Audio and video containers we open, each with its ffmpeg demuxer. */
const demuxers: Record<string, string> = {
  'video/mp4': 'mov',
  'video/x-m4v': 'mov',
  'video/quicktime': 'mov',
  'video/3gpp': 'mov',
  'video/webm': 'matroska',
  'video/matroska': 'matroska',
  'audio/mp4': 'mov',
  'audio/x-m4a': 'mov',
  'audio/mpeg': 'mp3',
  'audio/aac': 'aac',
  'audio/ogg': 'ogg',
  'audio/ogg; codecs=opus': 'ogg',
  'audio/wav': 'wav',
  'audio/flac': 'flac',
};

/** Containers sniffed as video that hold only sound (a browser's voice recording is audio-only WebM). */
const audioOnlyTypes: Record<string, string> = {
  'video/mp4': 'audio/mp4',
  'video/x-m4v': 'audio/mp4',
  'video/3gpp': 'audio/3gpp',
  'video/webm': 'audio/webm',
  'video/matroska': 'audio/matroska',
};

/**
 * Decides what an upload is from its bytes (the declared type and name are not trusted) and
 * measures it. A file that looks like media but cannot be decoded (a text file named .jpg, a
 * truncated MP4) is still accepted as a plain file: the sender meant to share it, and recipients
 * get it as a document they can save, as WhatsApp does. A voice message is different: it must be
 * audio we can decode, since it is shown as a player with a waveform; otherwise INVALID_ATTACHMENT.
 */
export async function inspectUpload(
  file: string,
  options: { voice: boolean; logger: Logger },
): Promise<Inspection> {
  const sniffed = await fileTypeFromFile(file);
  const asFile: Inspection = {
    kind: 'file',
    contentType: sniffed?.mime ?? 'application/octet-stream',
    extension: sniffed?.ext,
    width: null,
    height: null,
    durationMs: null,
    waveform: null,
    thumbnail: null,
  };
  const demuxer = sniffed ? demuxers[sniffed.mime] : undefined;
  try {
    if (sniffed && imageTypes.has(sniffed.mime) && !options.voice) {
      return { ...asFile, kind: 'image', ...(await inspectImage(file)) };
    }
    if (sniffed && demuxer) {
      const probe = await probeMedia(file, demuxer);
      if (probe.video && !options.voice) {
        const thumbnail = await makePoster(file, demuxer, probe);
        return { ...asFile, kind: 'video', ...probe.video, durationMs: probe.durationMs, thumbnail };
      }
      if (probe.hasAudio && !probe.video) {
        return {
          ...asFile,
          kind: options.voice ? 'voice' : 'audio',
          contentType: audioOnlyTypes[sniffed.mime] ?? sniffed.mime,
          ...(await measureAudio(file, demuxer)),
        };
      }
    }
  } catch (error) {
    if (options.voice) throw notVoice(error);
    logUnreadable(options.logger, error, asFile.contentType);
  }
  if (options.voice) throw notVoice(undefined);
  return asFile;
}

function notVoice(cause: unknown): AppError {
  return new AppError('INVALID_ATTACHMENT', 'A voice message must be an audio recording we can play.', {
    cause,
  });
}

function logUnreadable(logger: Logger, error: unknown, contentType: string): void {
  // A tool that is missing or hangs is the operator's problem; an undecodable file is the sender's.
  if (error instanceof MediaToolError && (error.reason === 'unavailable' || error.reason === 'timeout')) {
    logger.warn({ err: error, contentType }, 'media could not be inspected: stored as a plain file');
  } else {
    logger.debug({ err: error, contentType }, 'media could not be decoded: stored as a plain file');
  }
}
