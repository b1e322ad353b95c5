import { describe, expect, test } from 'vitest';
import { RtpReorderBuffer } from './rtp-reorder-buffer.ts';

function buffer(clock = { now: 0 }) {
  return new RtpReorderBuffer<{ sequenceNumber: number }>({
    now: () => clock.now,
    maxWaitMs: 100,
    capacity: 8,
  });
}

const numbers = (packets: Array<{ sequenceNumber: number }>) =>
  packets.map((packet) => packet.sequenceNumber);

describe('RTP reorder buffer', () => {
  test('releases packets in sequence order across the 16-bit wrap', () => {
    const reorder = buffer();
    const released = [65534, 0, 65535, 1, 2].flatMap((sequenceNumber) => reorder.push({ sequenceNumber }));
    expect(numbers(released)).toEqual([65534, 65535, 0, 1, 2]);
  });

  test('drops duplicates and packets older than what it released', () => {
    const reorder = buffer();
    const released = [10, 11, 11, 10, 13, 13, 12].flatMap((sequenceNumber) =>
      reorder.push({ sequenceNumber }),
    );
    expect(numbers(released)).toEqual([10, 11, 12, 13]);
  });

  test('skips a gap once the packet after it waited too long, or too many wait', () => {
    const clock = { now: 0 };
    const reorder = buffer(clock);
    expect(numbers([1, 3, 4].flatMap((sequenceNumber) => reorder.push({ sequenceNumber })))).toEqual([1]);
    clock.now = 101;
    expect(numbers(reorder.push({ sequenceNumber: 5 }))).toEqual([3, 4, 5]);
    // Late: 2 was given up on.
    expect(reorder.push({ sequenceNumber: 2 })).toEqual([]);

    const crowded = buffer();
    crowded.push({ sequenceNumber: 100 });
    const released = [102, 103, 104, 105, 106, 107, 108, 109, 110].flatMap((sequenceNumber) =>
      crowded.push({ sequenceNumber }),
    );
    expect(numbers(released)).toEqual([102, 103, 104, 105, 106, 107, 108, 109, 110]);
  });

  test('a far jump is a new numbering: what waited is released, then the new packets', () => {
    const reorder = buffer();
    reorder.push({ sequenceNumber: 1 });
    reorder.push({ sequenceNumber: 3 });
    expect(numbers(reorder.push({ sequenceNumber: 40_000 }))).toEqual([3, 40_000]);
  });

  test('flush releases everything waiting, in order; reset forgets the stream', () => {
    const reorder = buffer();
    for (const sequenceNumber of [1, 4, 3]) reorder.push({ sequenceNumber });
    expect(numbers(reorder.flush())).toEqual([3, 4]);
    reorder.reset();
    expect(numbers(reorder.push({ sequenceNumber: 2 }))).toEqual([2]);
  });
});
