import { describe, expect, test } from 'vitest';
import { packetizeVp8 } from '../testing/real-media.ts';
import { Vp8Depacketizer, type Vp8Frame, type Vp8Packet } from './vp8-depacketizer.ts';

/** A VP8 frame of `size` bytes: a keyframe header declaring 640x360, or a delta frame tag. */
function vp8Frame(keyframe: boolean, size: number, fill: number): Buffer {
  const frame = Buffer.alloc(size, fill);
  frame[0] = keyframe ? 0x10 : 0x11;
  if (keyframe) {
    frame.set([0x00, 0x00, 0x9d, 0x01, 0x2a], 1);
    frame.writeUInt16LE(640, 6);
    frame.writeUInt16LE(360, 8);
  }
  return frame;
}

/** RTP packets of consecutive frames, 90 kHz timestamps 3000 apart, sequence numbers from `firstSequence`. */
function packetsOf(frames: Buffer[], firstSequence: number): Vp8Packet[] {
  let sequenceNumber = firstSequence;
  return frames.flatMap((frame, index) => {
    const payloads = packetizeVp8(frame, index, 500);
    return payloads.map((payload, i) => ({
      payload,
      sequenceNumber: sequenceNumber++ & 0xffff,
      timestamp: (0xffff0000 + index * 3000) >>> 0,
      marker: i === payloads.length - 1,
    }));
  });
}

function depacketize(depacketizer: Vp8Depacketizer, packets: Vp8Packet[]): Vp8Frame[] {
  return packets.flatMap((packet) => depacketizer.push(packet) ?? []);
}

describe('VP8 depacketizer (RFC 7741)', () => {
  test('puts frames back together across packets and 16-bit sequence wrap, sizes from keyframes', () => {
    const frames = [vp8Frame(true, 1700, 1), vp8Frame(false, 300, 2), vp8Frame(false, 900, 3)];
    const depacketizer = new Vp8Depacketizer();
    const out = depacketize(depacketizer, packetsOf(frames, 0xfffe));
    expect(out.map((frame) => Buffer.from(frame.data))).toEqual(frames);
    expect(out[0]).toMatchObject({ keyframe: true, width: 640, height: 360, timestamp: 0xffff0000 });
    expect(out[1]).toMatchObject({ keyframe: false, timestamp: 0xffff0000 + 3000 });
    expect(out[1]?.width).toBeUndefined();
    expect(depacketizer.waitingForKeyframe).toBe(false);
  });

  test('returns nothing before the first keyframe', () => {
    const depacketizer = new Vp8Depacketizer();
    const out = depacketize(depacketizer, packetsOf([vp8Frame(false, 300, 1), vp8Frame(true, 300, 2)], 10));
    expect(out.map((frame) => frame.keyframe)).toEqual([true]);
  });

  test('a lost packet drops its frame and the frames after it until the next keyframe', () => {
    const frames = [
      vp8Frame(true, 1200, 1),
      vp8Frame(false, 1200, 2),
      vp8Frame(false, 300, 3),
      vp8Frame(true, 1200, 4),
      vp8Frame(false, 300, 5),
    ];
    const packets = packetsOf(frames, 100);
    const depacketizer = new Vp8Depacketizer();
    const out: Vp8Frame[] = [];
    const waiting: boolean[] = [];
    for (const packet of packets) {
      if (packet.sequenceNumber === 104) continue; // the second packet of frame 1
      const frame = depacketizer.push(packet);
      if (frame) out.push(frame);
      waiting.push(depacketizer.waitingForKeyframe);
    }
    expect(out.map((frame) => Buffer.from(frame.data))).toEqual([frames[0], frames[3], frames[4]]);
    expect(waiting).toContain(true);
    expect(depacketizer.waitingForKeyframe).toBe(false);
  });

  test('reads descriptors without extension and with a 7-bit picture ID', () => {
    const keyframe = vp8Frame(true, 20, 7);
    const depacketizer = new Vp8Depacketizer();
    const plain = depacketizer.push({
      payload: Buffer.concat([Buffer.from([0x10]), keyframe]),
      sequenceNumber: 1,
      timestamp: 0,
      marker: true,
    });
    const shortId = depacketizer.push({
      payload: Buffer.concat([Buffer.from([0x90, 0x80, 0x05]), keyframe]),
      sequenceNumber: 2,
      timestamp: 3000,
      marker: true,
    });
    expect(plain?.data).toEqual(keyframe);
    expect(shortId?.data).toEqual(keyframe);
  });

  test('after reset, waits for a keyframe again', () => {
    const depacketizer = new Vp8Depacketizer();
    depacketize(depacketizer, packetsOf([vp8Frame(true, 300, 1)], 1));
    depacketizer.reset();
    expect(depacketizer.waitingForKeyframe).toBe(true);
    expect(depacketize(depacketizer, packetsOf([vp8Frame(false, 300, 2)], 500))).toEqual([]);
  });
});
