import type { RecordingPlayback } from '@parley/protocol';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { describeError } from '../../app/error-messages.ts';
import { useSignedInSession } from '../../app/session-context.ts';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { CheckboxField } from '../../components/CheckboxField.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatFileSize } from '../../components/file-size.ts';
import { formatDuration } from '../../components/format-duration.ts';
import { BackIcon } from '../../components/icons.tsx';
import { ChunkPlayer } from './ChunkPlayer.tsx';
import { DeleteRecordingDialog } from './DeleteRecordingDialog.tsx';
import { RecordingTranscript } from './RecordingTranscript.tsx';
import { downloadName, formatRecordedAt, recordingStateWords, transcriptText } from './recording-words.ts';
import { useRecordingPlayback } from './use-recording-playback.ts';
import './RecordingPage.css';

/**
 * One recording: the MP4 once rendered, until then (or if rendering failed) the recorded parts;
 * the chat transcript beside it; download, share and delete for its owner.
 */
export function RecordingPage() {
  const { recordingId = '' } = useParams();
  const { api } = useSignedInSession();
  const { load, reload, replaceRecording } = useRecordingPlayback(api, recordingId);
  useDocumentTitle(load.status === 'loaded' ? load.playback.recording.title : 'Recording');

  return (
    <div className="page recording-page">
      <Link to="/meetings" className="recording-back">
        <BackIcon />
        <span>Meetings</span>
      </Link>
      {load.status === 'loading' && (
        <p role="status" className="muted">
          Loading the recording…
        </p>
      )}
      {load.status === 'error' && (
        <div className="stack">
          <ErrorAlert
            message={
              load.notFound
                ? 'This recording doesn’t exist any more, or it isn’t shared with you.'
                : `The recording couldn’t be loaded. ${load.message}`
            }
          />
          {!load.notFound && (
            <button type="button" className="button secondary recording-retry" onClick={reload}>
              Try again
            </button>
          )}
        </div>
      )}
      {load.status === 'loaded' && (
        <LoadedRecording playback={load.playback} onRecording={replaceRecording} onRenderAgain={reload} />
      )}
    </div>
  );
}

function LoadedRecording({
  playback,
  onRecording,
  onRenderAgain,
}: {
  playback: RecordingPlayback;
  onRecording(recording: RecordingPlayback['recording']): void;
  onRenderAgain(): void;
}) {
  const { api } = useSignedInSession();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const { recording } = playback;
  const videoRef = useRef<HTMLVideoElement>(null);
  // Where the recorded parts were when the MP4 came, so it goes on from there.
  const position = useRef(0);
  const [videoFailed, setVideoFailed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [deleting, setDeleting] = useState(false);
  // `?play=parts` plays the recorded parts even once the MP4 is there (to compare, or to debug).
  const playParts = playback.videoUrl === null || videoFailed || search.get('play') === 'parts';
  const transcriptFile = useMemo(
    () =>
      URL.createObjectURL(
        new Blob([transcriptText(recording.title, playback.transcript)], { type: 'text/plain' }),
      ),
    [recording.title, playback.transcript],
  );
  useEffect(() => () => URL.revokeObjectURL(transcriptFile), [transcriptFile]);

  function seek(offsetMs: number) {
    const video = videoRef.current;
    if (!video) return;
    video.currentTime = offsetMs / 1000;
    video.play().catch(() => undefined);
  }

  async function share(shared: boolean) {
    setError(null);
    setPending(true);
    try {
      onRecording(await api.shareRecording(recording.id, shared));
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setPending(false);
    }
  }

  async function renderAgain() {
    setError(null);
    setPending(true);
    try {
      onRecording(await api.renderRecordingAgain(recording.id));
      onRenderAgain();
    } catch (caught) {
      setError(describeError(caught, { RECORDING_STATE: 'This recording is already being prepared.' }));
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <header className="recording-header">
        <h1>{recording.title}</h1>
        <p className="muted">
          {formatRecordedAt(recording.startedAt)} · {formatDuration(recording.durationMs)} ·{' '}
          {formatFileSize(recording.sizeBytes)}
        </p>
        <RecordingState playback={playback} playingParts={playParts} />
      </header>
      <ErrorAlert message={error} />
      <div className="recording-layout">
        <section className="recording-media" aria-label="Video">
          {playParts ? (
            <ChunkPlayer
              playback={playback}
              videoRef={videoRef}
              onTime={(seconds) => {
                position.current = seconds;
              }}
            />
          ) : (
            <div className="recording-player">
              {/* biome-ignore lint/a11y/useMediaCaption: the chat transcript is beside it; there are no captions */}
              <video
                ref={videoRef}
                src={playback.videoUrl ?? undefined}
                controls
                playsInline
                preload="metadata"
                aria-label="Recording"
                data-player="video"
                onError={() => setVideoFailed(true)}
                onLoadedMetadata={(event) => {
                  if (position.current > 0) event.currentTarget.currentTime = position.current;
                }}
              />
            </div>
          )}
          {videoFailed && (
            <p className="status info">
              The video could not play in this browser, so the recorded parts play instead.
            </p>
          )}
          {playback.gaps.length > 0 && (
            <p className="muted small">
              Recording interrupted:{' '}
              {playback.gaps
                .map((gap) => `${formatDuration(gap.fromMs)}–${formatDuration(gap.toMs)}`)
                .join(', ')}
              . Nothing was recorded then.
            </p>
          )}
          <div className="recording-actions">
            {playback.videoUrl !== null && (
              <a
                className="button primary small"
                href={playback.videoUrl}
                download={downloadName(recording.title, 'mp4')}
              >
                Download video
              </a>
            )}
            {playback.transcript.length > 0 && (
              <a
                className="button secondary small"
                href={playback.transcriptUrl ?? transcriptFile}
                download={downloadName(`${recording.title} chat`, 'txt')}
              >
                Download transcript
              </a>
            )}
            {recording.state === 'failed' && recording.owned && (
              <button
                type="button"
                className="button secondary small"
                disabled={pending}
                onClick={renderAgain}
              >
                Render again
              </button>
            )}
            {recording.owned && (
              <button type="button" className="button danger small" onClick={() => setDeleting(true)}>
                Delete
              </button>
            )}
          </div>
          {recording.owned && (
            <CheckboxField
              label="Share with participants"
              hint="People who joined the meeting signed in can watch it from their Meetings page."
              checked={recording.shared}
              disabled={pending}
              onChange={share}
            />
          )}
        </section>
        <RecordingTranscript entries={playback.transcript} onSeek={seek} />
      </div>
      {deleting && (
        <DeleteRecordingDialog
          recording={recording}
          onClose={() => setDeleting(false)}
          onDeleted={() => navigate('/meetings', { replace: true })}
        />
      )}
    </>
  );
}

function RecordingState({ playback, playingParts }: { playback: RecordingPlayback; playingParts: boolean }) {
  const { recording } = playback;
  const words = recordingStateWords(recording);
  return (
    <div className="recording-state" role="status">
      {recording.state === 'rendering' ? (
        <>
          <span>{words}</span>
          <progress max={1} value={recording.renderProgress} aria-label="Preparing the video" />
        </>
      ) : (
        <span className={recording.state === 'failed' ? 'recording-failed' : undefined}>
          {recording.state === 'failed' ? 'The video could not be prepared.' : words}
        </span>
      )}
      {playingParts && recording.state !== 'ready' && playback.chunks.length > 0 && (
        <span className="muted small">You can watch the recorded parts meanwhile.</span>
      )}
    </div>
  );
}
