import type { RecordAction } from '@parley/client';
import type { LiveRecording } from '@parley/protocol';

export interface RecordingControl {
  action: RecordAction;
  label: string;
}

/** What a host or co-host can do with the recording in each state, the main action first. */
export function recordingControls(state: LiveRecording): RecordingControl[] {
  switch (state) {
    case 'off':
      return [{ action: 'start', label: 'Record' }];
    case 'recording':
      return [
        { action: 'pause', label: 'Pause recording' },
        { action: 'stop', label: 'Stop recording' },
      ];
    case 'paused':
      return [
        { action: 'resume', label: 'Resume recording' },
        { action: 'stop', label: 'Stop recording' },
      ];
  }
}

/** The indicator everyone sees; null while nothing is recorded. */
export function recordingIndicatorWords(state: LiveRecording): string | null {
  switch (state) {
    case 'off':
      return null;
    case 'recording':
      return 'This meeting is being recorded';
    case 'paused':
      return 'Recording paused';
  }
}

/**
 * The notice when the recording changes; `before` is null for the first state seen (on joining),
 * where only a recording in progress is news.
 */
export function recordingNotice(before: LiveRecording | null, after: LiveRecording): string | null {
  if (before === after) return null;
  if (before === null || before === 'off') {
    if (after === 'off') return null;
    return before === null
      ? 'This meeting is being recorded'
      : 'Recording started: this meeting is being recorded';
  }
  if (after === 'off') return 'Recording stopped';
  return after === 'paused' ? 'Recording paused' : 'Recording resumed';
}
