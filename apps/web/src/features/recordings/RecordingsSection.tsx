import type { Recording } from '@parley/protocol';
import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../app/error-messages.ts';
import { useSignedInSession } from '../../app/session-context.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatFileSize } from '../../components/file-size.ts';
import { formatDuration } from '../../components/format-duration.ts';
import { ListLoading } from '../../components/ListLoading.tsx';
import { formatRecordedAt, isSettling, recordingStateWords } from './recording-words.ts';
import './RecordingsSection.css';

const pollMs = 3_000;

/** The Meetings page's recordings: mine and those shared with me, each opening its page. */
export function RecordingsSection() {
  const { api } = useSignedInSession();
  const headingId = useId();
  const [recordings, setRecordings] = useState<Recording[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `reloads` asks for the list again
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fetchList = () => {
      api.listRecordings().then(
        (found) => {
          if (cancelled) return;
          setRecordings(found);
          setLoadError(null);
          // Progress of the ones being recorded or prepared.
          if (found.some(isSettling)) timer = setTimeout(fetchList, pollMs);
        },
        (caught: unknown) => !cancelled && setLoadError(describeError(caught)),
      );
    };
    fetchList();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, reloads]);

  async function renderAgain(recording: Recording) {
    setError(null);
    try {
      const updated = await api.renderRecordingAgain(recording.id);
      setRecordings((list) => list?.map((r) => (r.id === updated.id ? updated : r)) ?? null);
      setReloads((n) => n + 1);
    } catch (caught) {
      setError(describeError(caught, { RECORDING_STATE: 'This recording is already being prepared.' }));
    }
  }

  return (
    <section className="meetings-section" aria-labelledby={headingId}>
      <h2 id={headingId}>Recordings</h2>
      <ErrorAlert message={error} />
      {recordings === null ? (
        <ListLoading what="recordings" error={loadError} onRetry={() => setReloads((n) => n + 1)} />
      ) : recordings.length === 0 ? (
        <p className="muted">
          No recordings yet. A host can record a meeting from its toolbar; the recording appears here.
        </p>
      ) : (
        <ul className="recording-list">
          {recordings.map((recording) => (
            <RecordingItem
              key={recording.id}
              recording={recording}
              onRenderAgain={() => renderAgain(recording)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function RecordingItem({ recording, onRenderAgain }: { recording: Recording; onRenderAgain(): void }) {
  const titleId = useId();
  const words = recordingStateWords(recording);
  return (
    <li className="card recording-item" aria-labelledby={titleId}>
      <div className="recording-item-main">
        <h3 id={titleId}>
          <Link to={`/recordings/${recording.id}`}>{recording.title}</Link>
        </h3>
        <p className="muted small">
          {formatRecordedAt(recording.startedAt)} · {formatDuration(recording.durationMs)} ·{' '}
          {formatFileSize(recording.sizeBytes)}
          {!recording.owned && ' · Shared with you'}
          {recording.owned && recording.shared && ' · Shared'}
        </p>
      </div>
      <div className="recording-item-state">
        {recording.state === 'rendering' ? (
          <>
            <span className="small">{words}</span>
            <progress max={1} value={recording.renderProgress} aria-label={`Preparing ${recording.title}`} />
          </>
        ) : (
          <span className={`recording-badge ${recording.state}`}>{words}</span>
        )}
        {recording.state === 'failed' && recording.owned && (
          <button type="button" className="button secondary small" onClick={onRenderAgain}>
            Render again
          </button>
        )}
      </div>
    </li>
  );
}
