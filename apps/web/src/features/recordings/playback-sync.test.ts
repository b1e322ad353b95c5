import { describe, expect, it } from 'vitest';
import { audioCorrection, inGap, nextPlayable } from './playback-sync.ts';

describe('playback sync', () => {
  it('moves an audio track back to the video only past a small drift', () => {
    expect(audioCorrection(10, 10.2)).toBeNull();
    expect(audioCorrection(10, 10.5)).toBe(10);
    expect(audioCorrection(10, 9)).toBe(10);
  });

  it('jumps a stall over holes between buffered ranges, however small, but not one with data ahead', () => {
    const ranges = [
      [0, 10],
      [10.1, 20],
      [35, 40],
    ] as const;
    // Data ahead: the decoder is only slow.
    expect(nextPlayable(5, ranges)).toBeNull();
    // Stuck on the last frame before a 0.1 s seam (Chromium does not play across it).
    expect(nextPlayable(9.967, ranges)).toBe(10.1);
    expect(nextPlayable(10.02, ranges)).toBe(10.1);
    expect(nextPlayable(19.99, ranges)).toBe(35);
    expect(nextPlayable(25, ranges)).toBe(35);
    expect(nextPlayable(39.9, ranges)).toBeNull();
    expect(nextPlayable(41, ranges)).toBeNull();
    // The first chunk starts late (the camera came on after the recording started).
    expect(nextPlayable(0, [[2.5, 10]])).toBe(2.5);
    expect(nextPlayable(0, [])).toBeNull();
  });

  it('knows the recorder gaps', () => {
    const gaps = [{ fromMs: 40_000, toMs: 52_000 }];
    expect(inGap(45_000, gaps)).toBe(true);
    expect(inGap(52_000, gaps)).toBe(false);
  });
});
