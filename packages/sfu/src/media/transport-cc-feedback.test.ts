import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { TransportCcFeedback, transportCcIntervalMs } from './transport-cc-feedback.ts';

interface Decoded {
  padded: boolean;
  senderSsrc: number;
  mediaSsrc: number;
  base: number;
  count: number;
  feedbackCount: number;
  /** Sequence number → arrival in µs, as a receiver of the feedback reconstructs it; null if lost. */
  packets: Map<number, number | null>;
}

/** Reads a feedback packet the way libwebrtc's TransportFeedback::Parse does. */
function decode(packet: Buffer): Decoded {
  expect(packet[0] && packet[0] >> 6).toBe(2);
  expect(packet[0] && packet[0] & 0x1f).toBe(15);
  expect(packet[1]).toBe(205);
  expect((packet.readUInt16BE(2) + 1) * 4).toBe(packet.length);
  const padded = ((packet[0] as number) & 0x20) !== 0;
  const end = padded ? packet.length - (packet[packet.length - 1] as number) : packet.length;
  const base = packet.readUInt16BE(12);
  const count = packet.readUInt16BE(14);
  const referenceUs = packet.readUIntBE(16, 3) * 64_000;
  const sizes: number[] = [];
  let offset = 20;
  while (sizes.length < count) {
    const chunk = packet.readUInt16BE(offset);
    offset += 2;
    if ((chunk & 0x8000) === 0) {
      for (let i = 0; i < (chunk & 0x1fff); i++) sizes.push((chunk >> 13) & 3);
    } else if ((chunk & 0x4000) === 0) {
      for (let i = 13; i >= 0 && sizes.length < count; i--) sizes.push((chunk >> i) & 1);
    } else {
      for (let i = 6; i >= 0 && sizes.length < count; i--) sizes.push((chunk >> (2 * i)) & 3);
    }
  }
  expect(sizes).toHaveLength(count);
  const packets = new Map<number, number | null>();
  let time = referenceUs;
  for (const [index, size] of sizes.entries()) {
    const sequence = (base + index) & 0xffff;
    if (size === 0) {
      packets.set(sequence, null);
      continue;
    }
    const delta = size === 1 ? packet.readUInt8(offset) : packet.readInt16BE(offset);
    offset += size;
    time += delta * 250;
    packets.set(sequence, time);
  }
  expect(offset).toBeLessThanOrEqual(end);
  expect(end - offset).toBeLessThan(4);
  return {
    padded,
    senderSsrc: packet.readUInt32BE(4),
    mediaSsrc: packet.readUInt32BE(8),
    base,
    count,
    feedbackCount: packet[19] as number,
    packets,
  };
}

let sent: Decoded[];
let feedback: TransportCcFeedback;

beforeEach(() => {
  sent = [];
  feedback = new TransportCcFeedback((packet) => sent.push(decode(packet)), 0x11223344);
});

afterEach(() => {
  feedback.close();
  vi.useRealTimers();
});

describe('TransportCcFeedback', () => {
  test('reports arrival times to within half a tick, with no offset between reports', () => {
    // A 64 ms reference tick that does not divide the arrival times: werift was off by up to 64 ms.
    const arrivals: number[] = [];
    let time = 1_000_000_000 + 17_321;
    for (let sequence = 0; sequence < 200; sequence++) {
      time += 1_000 + ((sequence * 7919) % 9_000);
      arrivals.push(time);
      feedback.onPacket(sequence, 5, time);
      if (sequence % 13 === 12) feedback.flush();
    }
    feedback.flush();
    expect(sent.length).toBeGreaterThan(10);
    const reported = new Map<number, number | null>();
    for (const report of sent) for (const [sequence, at] of report.packets) reported.set(sequence, at);
    expect(reported.size).toBe(200);
    for (const [sequence, arrival] of arrivals.entries()) {
      expect(Math.abs((reported.get(sequence) as number) - arrival)).toBeLessThanOrEqual(125);
    }
    expect(sent.map((report) => report.feedbackCount)).toEqual(sent.map((_, index) => index));
    expect(sent[0]?.senderSsrc).toBe(0x11223344);
    expect(sent[0]?.mediaSsrc).toBe(5);
  });

  test('reports missing packets as not received and pads to 32 bits', () => {
    for (const sequence of [10, 11, 14, 16]) feedback.onPacket(sequence, 1, 5_000_000 + sequence * 1000);
    feedback.flush();
    const [report] = sent;
    expect(report?.base).toBe(10);
    expect(report?.count).toBe(7);
    expect(
      [...(report?.packets.entries() ?? [])].filter(([, at]) => at === null).map(([seq]) => seq),
    ).toEqual([12, 13, 15]);
    // 20 header bytes, 5 run-length chunks, 4 one-byte deltas: 34, padded to 36.
    expect(report?.padded).toBe(true);
  });

  test('wraps around 65535', () => {
    for (const [index, sequence] of [65534, 65535, 0, 1].entries())
      feedback.onPacket(sequence, 1, 1000 * index);
    feedback.flush();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.base).toBe(65534);
    expect([...(sent[0]?.packets.keys() ?? [])]).toEqual([65534, 65535, 0, 1]);
  });

  test('reordered packets get a negative delta; a packet reported lost already is ignored', () => {
    feedback.onPacket(1, 1, 100_000);
    feedback.onPacket(3, 1, 101_000);
    feedback.onPacket(2, 1, 100_500);
    feedback.onPacket(5, 1, 103_000);
    feedback.flush();
    expect(sent[0]?.packets).toEqual(
      new Map([
        [1, 100_000],
        [2, 100_500],
        [3, 101_000],
        [4, null],
        [5, 103_000],
      ]),
    );
    feedback.onPacket(4, 1, 104_000);
    feedback.onPacket(6, 1, 105_000);
    feedback.flush();
    expect(sent[1]?.base).toBe(6);
    expect(sent[1]?.count).toBe(1);
  });

  test('a long stretch is split into reports of at most 256 statuses', () => {
    for (let sequence = 0; sequence < 600; sequence++) feedback.onPacket(sequence, 1, sequence * 100);
    feedback.flush();
    expect(sent.map((report) => report.count)).toEqual([256, 256, 88]);
    expect(sent.map((report) => report.base)).toEqual([0, 256, 512]);
  });

  test('sends every interval while packets arrive and stops its timer when idle', () => {
    vi.useFakeTimers();
    feedback.onPacket(1, 1);
    expect(feedback.active).toBe(true);
    vi.advanceTimersByTime(transportCcIntervalMs);
    expect(sent).toHaveLength(1);
    feedback.onPacket(2, 1);
    vi.advanceTimersByTime(transportCcIntervalMs);
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(transportCcIntervalMs);
    expect(feedback.active).toBe(false);
    expect(sent).toHaveLength(2);
  });
});
