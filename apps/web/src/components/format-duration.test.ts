import { describe, expect, it } from 'vitest';
import { formatFileSize } from './file-size.ts';
import { formatDuration, spokenDuration } from './format-duration.ts';

describe('formatDuration', () => {
  it('shows minutes and seconds, and hours when needed', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(7_400)).toBe('0:07');
    expect(formatDuration(750_000)).toBe('12:30');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(spokenDuration(65_000)).toBe('1 minute 5 seconds');
    expect(spokenDuration(1_000)).toBe('1 second');
  });
});

describe('formatFileSize', () => {
  it('uses the largest fitting unit', () => {
    expect(formatFileSize(1)).toBe('1 byte');
    expect(formatFileSize(512)).toBe('512 bytes');
    expect(formatFileSize(1_229)).toBe('1.2 KB');
    expect(formatFileSize(35_000_000)).toBe('33 MB');
    expect(formatFileSize(1.5 * 1024 ** 3)).toBe('1.5 GB');
  });
});
