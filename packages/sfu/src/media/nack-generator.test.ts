import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { NackGenerator } from './nack-generator.ts';

let nacks: number[][];
let keyframes: number;
let generator: NackGenerator;

beforeEach(() => {
  vi.useFakeTimers();
  nacks = [];
  keyframes = 0;
  generator = new NackGenerator(
    (lost) => nacks.push(lost),
    () => keyframes++,
    { intervalMs: 20, maxRetries: 3 },
  );
});

afterEach(() => {
  generator.close();
  vi.useRealTimers();
});

const receive = (...sequenceNumbers: number[]) => {
  for (const sequenceNumber of sequenceNumbers) generator.onPacket(sequenceNumber, performance.now());
};

describe('NackGenerator', () => {
  test('asks for a gap every interval until repaired, then its timer stops', () => {
    receive(10, 11, 14);
    vi.advanceTimersByTime(20);
    expect(nacks).toEqual([[12, 13]]);
    receive(12);
    vi.advanceTimersByTime(20);
    expect(nacks[1]).toEqual([13]);
    receive(13);
    expect(generator.active).toBe(false);
    vi.advanceTimersByTime(200);
    expect(nacks).toHaveLength(2);
  });

  test('gives up after maxRetries and stops', () => {
    receive(1, 3);
    vi.advanceTimersByTime(200);
    expect(nacks).toEqual([[2], [2], [2]]);
    expect(generator.missing).toBe(0);
    expect(generator.active).toBe(false);
  });

  test('detects a loss across the 16-bit wrap and keeps detecting after it', () => {
    receive(65534, 1);
    vi.advanceTimersByTime(20);
    expect(nacks[0]).toEqual([65535, 0]);
    receive(65535, 0, 2, 4);
    vi.advanceTimersByTime(20);
    expect(nacks[1]).toEqual([3]);
  });

  test('reordered packets are not losses; a huge jump asks for a keyframe instead', () => {
    receive(100, 102, 101);
    expect(generator.missing).toBe(0);
    receive(5000);
    expect(keyframes).toBe(1);
    expect(generator.missing).toBe(0);
  });
});
