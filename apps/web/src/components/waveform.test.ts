import { describe, expect, it } from 'vitest';
import { barHeights, fractionAt, playedBars, positionForKey } from './waveform.ts';

describe('waveform', () => {
  it('scales peaks to bar heights with a floor for silence', () => {
    const heights = barHeights([0, 128, 255, 0], 4);
    expect(heights).toEqual([0.08, 128 / 255, 1, 0.08]);
    expect(barHeights(null, 3)).toEqual([0.08, 0.08, 0.08]);
    expect(
      barHeights(
        Array.from({ length: 128 }, (_, i) => (i === 127 ? 200 : 100)),
        64,
      ),
    ).toHaveLength(64);
    expect(
      barHeights(
        Array.from({ length: 128 }, (_, i) => (i === 127 ? 200 : 100)),
        64,
      ).at(-1),
    ).toBe(1);
  });

  it('turns a click into a fraction of the width', () => {
    expect(fractionAt(150, { left: 100, width: 200 })).toBe(0.25);
    expect(fractionAt(50, { left: 100, width: 200 })).toBe(0);
    expect(fractionAt(400, { left: 100, width: 200 })).toBe(1);
    expect(fractionAt(100, { left: 100, width: 0 })).toBe(0);
  });

  it('moves by keys within the duration', () => {
    expect(positionForKey('ArrowRight', 500, 7000)).toBe(1500);
    expect(positionForKey('ArrowLeft', 500, 7000)).toBe(0);
    expect(positionForKey('PageUp', 4000, 7000)).toBe(7000);
    expect(positionForKey('Home', 4000, 7000)).toBe(0);
    expect(positionForKey('End', 4000, 7000)).toBe(7000);
    expect(positionForKey('a', 4000, 7000)).toBeNull();
  });

  it('counts played bars', () => {
    expect(playedBars(3500, 7000)).toBe(32);
    expect(playedBars(9000, 7000)).toBe(64);
    expect(playedBars(1000, 0)).toBe(0);
  });
});
