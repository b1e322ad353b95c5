import './RecordingIndicator.css';
import type { LiveRecording } from '@parley/protocol';
import { recordingIndicatorWords } from './recording-controls.ts';

/** The red "REC" everyone in the meeting sees while it is recorded (grey "Paused" while paused). */
export function RecordingIndicator({ state }: { state: LiveRecording }) {
  const words = recordingIndicatorWords(state);
  if (words === null) return null;
  return (
    <span className={`recording-indicator ${state}`} role="img" aria-label={words} title={words}>
      <span className="recording-indicator-dot" aria-hidden="true" />
      <span aria-hidden="true">{state === 'paused' ? 'Paused' : 'REC'}</span>
    </span>
  );
}
