import type { TranscriptEntry } from '@parley/protocol';
import { type ActiveInterval, RecordedTimeline } from './recorded-timeline.ts';

/** A meeting chat message as the transcript needs it. */
export interface TranscriptMessage {
  /** Wall clock, ms since the epoch. */
  sentAt: number;
  senderName: string;
  text: string;
  fileName?: string | null;
  /** The recipient of a private message; null or absent for a message to everyone. */
  toName?: string | null;
}

/**
 * The meeting chat of a recording, as a text file and as entries for the playback page. Each
 * message carries its wall-clock time and its offset into the recording; a message sent during a
 * pause gets the offset where the pause sits in the recording.
 */
export function chatTranscript(
  messages: readonly TranscriptMessage[],
  activeIntervals: readonly ActiveInterval[],
): { text: string; json: TranscriptEntry[] } {
  const timeline = new RecordedTimeline(activeIntervals);
  const json = messages
    // Private messages were only ever seen by two people: a transcript shared with the meeting
    // (or anyone the owner shares it with) must not reveal them.
    .filter((m) => !m.toName)
    // Stable sort: messages of one millisecond keep the order they were given in.
    .toSorted((a, b) => a.sentAt - b.sentAt)
    .map(
      (m): TranscriptEntry => ({
        at: new Date(m.sentAt).toISOString(),
        offsetMs: timeline.offsetOf(m.sentAt),
        from: m.senderName,
        text: m.text,
        fileName: m.fileName ?? null,
      }),
    );
  const text = json.map((entry) => `${transcriptLine(entry)}\n`).join('');
  return { text, json };
}

/** `HH:MM:SS` of an offset into the recording (hours keep counting past 99). */
export function formatOffset(offsetMs: number): string {
  const seconds = Math.floor(offsetMs / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

function transcriptLine(entry: TranscriptEntry): string {
  const file = entry.fileName ? `[file: ${entry.fileName}]` : '';
  const body = [entry.text, file].filter(Boolean).join(' ');
  // Continuation lines are indented so that every entry starts with its timestamps.
  return `${formatOffset(entry.offsetMs)} ${entry.at} ${entry.from}: ${body.replaceAll('\n', '\n    ')}`;
}
