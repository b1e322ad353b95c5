import type { Recording, TranscriptEntry } from '@parley/protocol';
import { formatDuration } from '../../components/format-duration.ts';

/** A recording's state in a few words, as its list item and page show it. */
export function recordingStateWords(recording: Pick<Recording, 'state' | 'renderProgress'>): string {
  switch (recording.state) {
    case 'recording':
      return 'Recording now';
    case 'paused':
      return 'Recording paused';
    case 'rendering':
      return `Preparing the video… ${Math.round(recording.renderProgress * 100)}%`;
    case 'ready':
      return 'Ready';
    case 'failed':
      return 'Failed';
  }
}

/** Whether the recording can still change by itself (so its page and list keep asking). */
export function isSettling(recording: Pick<Recording, 'state'>): boolean {
  return recording.state === 'recording' || recording.state === 'paused' || recording.state === 'rendering';
}

/** "Mar 3, 2030, 14:05", in the reader's locale and time zone. */
export function formatRecordedAt(iso: string, locale?: string): string {
  return new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The chat transcript as a text file: one line per message, at its place in the recording. */
export function transcriptText(title: string, entries: readonly TranscriptEntry[]): string {
  const lines = entries.map((entry) => {
    const file = entry.fileName === null ? '' : ` [file: ${entry.fileName}]`;
    return `[${formatDuration(entry.offsetMs)}] ${entry.from}: ${entry.text}${file}`;
  });
  return `${title} — chat\n\n${lines.join('\n')}\n`;
}

/** A file name from a title: what a file system accepts, with the extension. */
export function downloadName(title: string, extension: string): string {
  const base =
    title
      .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
      .trim()
      .slice(0, 80) || 'recording';
  return `${base}.${extension}`;
}
