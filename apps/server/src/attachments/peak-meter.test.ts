import { describe, expect, it } from 'vitest';
import { PeakMeter, waveformLength } from './peak-meter.ts';

function pcm(samples: number[]): Buffer {
  const buffer = Buffer.alloc(samples.length * 2);
  for (const [i, sample] of samples.entries()) buffer.writeInt16LE(sample, i * 2);
  return buffer;
}

describe('PeakMeter', () => {
  it('gives 64 zero levels for no samples and for silence', () => {
    const empty = new PeakMeter();
    expect(empty.levels()).toEqual(new Array(waveformLength).fill(0));
    const silent = new PeakMeter();
    silent.push(pcm(new Array(10_000).fill(0)));
    expect(silent.levels()).toEqual(new Array(waveformLength).fill(0));
    expect(silent.sampleCount).toBe(10_000);
  });

  it('places peaks in time and scales them to the loudest', () => {
    const meter = new PeakMeter();
    // 64 equal stretches: the first at full scale (negative), the last at a quarter, the rest silent.
    // (Stretches a power of two long, so that they line up with the meter's blocks.)
    const stretch = 1024;
    const samples = new Array(64 * stretch).fill(0);
    samples.fill(-32768, 0, stretch);
    samples.fill(8192, 63 * stretch);
    meter.push(pcm(samples));
    const levels = meter.levels();
    expect(levels[0]).toBe(255);
    expect(levels[63]).toBe(64);
    expect(levels.slice(1, 63)).toEqual(new Array(62).fill(0));
  });

  it('counts samples split across chunks of odd sizes', () => {
    const bytes = pcm([100, -200, 300, -400, 500]);
    const meter = new PeakMeter();
    for (const size of [1, 2, 3, 4])
      meter.push(bytes.subarray([0, 1, 3, 6][size - 1], [1, 3, 6, 10][size - 1]));
    expect(meter.sampleCount).toBe(5);
    expect(Math.max(...meter.levels())).toBe(255);
    expect(meter.levels()[63]).toBe(255); // the loudest sample (500) is the last
  });

  it('keeps its memory bounded for long audio and still places the loud part', () => {
    const meter = new PeakMeter();
    const second = pcm(new Array(8000).fill(10));
    const loud = pcm(new Array(8000).fill(20_000));
    // One hour at 8 kHz, loud during the last minute.
    for (let s = 0; s < 3600; s++) meter.push(s >= 3540 ? loud : second);
    expect(meter.sampleCount).toBe(3600 * 8000);
    const levels = meter.levels();
    expect(levels[63]).toBe(255);
    expect(Math.max(...levels.slice(0, 62))).toBe(0);
  });
});
