import { describe, expect, it } from 'vitest';
import { recordingControls, recordingIndicatorWords, recordingNotice } from './recording-controls.ts';

describe('recording controls', () => {
  it('offers start, then pause or stop, then resume or stop', () => {
    expect(recordingControls('off').map((c) => c.action)).toEqual(['start']);
    expect(recordingControls('recording').map((c) => c.action)).toEqual(['pause', 'stop']);
    expect(recordingControls('paused').map((c) => c.action)).toEqual(['resume', 'stop']);
  });

  it('shows the indicator only while a recording is on', () => {
    expect(recordingIndicatorWords('off')).toBeNull();
    expect(recordingIndicatorWords('recording')).toBe('This meeting is being recorded');
    expect(recordingIndicatorWords('paused')).toBe('Recording paused');
  });

  it('tells what changed, and on joining only a recording in progress', () => {
    expect(recordingNotice(null, 'off')).toBeNull();
    expect(recordingNotice(null, 'recording')).toBe('This meeting is being recorded');
    expect(recordingNotice('off', 'recording')).toMatch(/^Recording started/);
    expect(recordingNotice('recording', 'paused')).toBe('Recording paused');
    expect(recordingNotice('paused', 'recording')).toBe('Recording resumed');
    expect(recordingNotice('paused', 'off')).toBe('Recording stopped');
    expect(recordingNotice('recording', 'recording')).toBeNull();
  });
});
