import { describe, expect, it } from 'vitest';
import { downloadName, isSettling, recordingStateWords, transcriptText } from './recording-words.ts';

describe('recording words', () => {
  it('says each state, with the progress while rendering', () => {
    expect(recordingStateWords({ state: 'rendering', renderProgress: 0.456 })).toBe(
      'Preparing the video… 46%',
    );
    expect(recordingStateWords({ state: 'failed', renderProgress: 0 })).toBe('Failed');
    expect(isSettling({ state: 'rendering' })).toBe(true);
    expect(isSettling({ state: 'ready' })).toBe(false);
  });

  it('writes the transcript at its places in the recording', () => {
    const at = '2030-01-01T00:00:00.000Z';
    expect(
      transcriptText('Standup', [
        { at, offsetMs: 5_000, from: 'Alice', text: 'hello', fileName: null },
        { at, offsetMs: 65_000, from: 'Bob', text: '', fileName: 'notes.pdf' },
      ]),
    ).toBe('Standup — chat\n\n[0:05] Alice: hello\n[1:05] Bob:  [file: notes.pdf]\n');
  });

  it('makes a file name out of any title', () => {
    expect(downloadName('Design: review / Q3', 'mp4')).toBe('Design  review   Q3.mp4');
    expect(downloadName('***', 'txt')).toBe('recording.txt');
  });
});
