import type { TranscriptEntry } from '@parley/protocol';
import { useId } from 'react';
import { formatDuration } from '../../components/format-duration.ts';

/** The meeting chat beside the video; each message jumps to its moment. */
export function RecordingTranscript({
  entries,
  onSeek,
}: {
  entries: readonly TranscriptEntry[];
  onSeek(offsetMs: number): void;
}) {
  const headingId = useId();
  return (
    <section className="card recording-transcript" aria-labelledby={headingId}>
      <h2 id={headingId}>Chat</h2>
      {entries.length === 0 ? (
        <p className="muted small">Nobody wrote in the chat while this was recorded.</p>
      ) : (
        <ol className="recording-transcript-list">
          {entries.map((entry) => (
            <li key={`${entry.at}:${entry.from}:${entry.offsetMs}`}>
              <button
                type="button"
                className="recording-transcript-entry"
                onClick={() => onSeek(entry.offsetMs)}
                aria-label={`${formatDuration(entry.offsetMs)}, ${entry.from}: ${entry.text}${entry.fileName ? ` (file ${entry.fileName})` : ''}. Play from here`}
              >
                <span className="recording-transcript-time">{formatDuration(entry.offsetMs)}</span>
                <span className="recording-transcript-from">{entry.from}</span>
                <span className="recording-transcript-text">
                  {entry.text}
                  {entry.fileName !== null && <span className="muted"> [{entry.fileName}]</span>}
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
