import { BlobRangeError } from '@parley/storage';
import { describe, expect, it } from 'vitest';
import { parseRange } from './read-blob.ts';

describe('parseRange', () => {
  it('reads start-end, open-ended and suffix ranges', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=500-', 1000)).toEqual({ start: 500 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900 });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ start: 0 });
  });

  it('ignores absent, malformed and multi-range headers (whole blob)', () => {
    expect(parseRange(undefined, 10)).toBeUndefined();
    expect(parseRange('bytes=-', 10)).toBeUndefined();
    expect(parseRange('items=0-1', 10)).toBeUndefined();
    expect(parseRange('bytes=0-1,5-6', 10)).toBeUndefined();
  });

  it('refuses an empty suffix', () => {
    expect(() => parseRange('bytes=-0', 10)).toThrow(BlobRangeError);
  });
});
