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

  it('serves the whole blob for a reversed range, as RFC 9110 allows', () => {
    expect(parseRange('bytes=5-2', 1000)).toBeUndefined();
  });

  it('clamps an end past the blob, including absurdly large numbers', () => {
    expect(parseRange('bytes=0-5000', 1000)).toEqual({ start: 0, end: 999 });
    expect(parseRange('bytes=0-99999999999999999999', 1000)).toEqual({ start: 0 });
    expect(parseRange('bytes=-99999999999999999999', 1000)).toEqual({ start: 0 });
  });

  it('refuses unsatisfiable ranges', () => {
    expect(() => parseRange('bytes=-0', 10)).toThrow(BlobRangeError);
    expect(() => parseRange('bytes=10-', 10)).toThrow(BlobRangeError);
    expect(() => parseRange('bytes=99999999999999999999-', 10)).toThrow(BlobRangeError);
  });
});
