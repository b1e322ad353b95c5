import { describe, expect, test } from 'vitest';
import { vp8Payload } from '../testing/vp8-payload.ts';
import { isVp8Keyframe, vp8KeyframeSize } from './vp8.ts';

const frame = { pictureId: 7, layer: 0, frame: 1 };

describe('VP8 payload reading (RFC 7741, RFC 6386)', () => {
  test('the first packet of a keyframe is a keyframe, with its size', () => {
    const payload = vp8Payload({ ...frame, keyframe: true, start: true, width: 1280, height: 720 });
    expect(isVp8Keyframe(payload)).toBe(true);
    expect(vp8KeyframeSize(payload)).toEqual({ width: 1280, height: 720 });
  });

  test('delta frames and continuation packets are not', () => {
    expect(isVp8Keyframe(vp8Payload({ ...frame, keyframe: false, start: true }))).toBe(false);
    expect(isVp8Keyframe(vp8Payload({ ...frame, keyframe: true, start: false }))).toBe(false);
    expect(vp8KeyframeSize(vp8Payload({ ...frame, keyframe: false, start: true }))).toBeUndefined();
  });

  test('descriptor variants: no extension, 7-bit picture ID, TL0PICIDX and TID/KEYIDX', () => {
    const keyframeHeader = [0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a, 0x40, 0x01, 0xb4, 0x00];
    expect(vp8KeyframeSize(Buffer.from([0x10, ...keyframeHeader]))).toEqual({ width: 320, height: 180 });
    expect(isVp8Keyframe(Buffer.from([0x90, 0x80, 0x05, ...keyframeHeader]))).toBe(true);
    expect(isVp8Keyframe(Buffer.from([0x90, 0xe0, 0x80, 0x05, 0x11, 0x40, ...keyframeHeader]))).toBe(true);
    // Second partition (PID 1) of a frame: not a frame start.
    expect(isVp8Keyframe(Buffer.from([0x11, ...keyframeHeader]))).toBe(false);
  });

  test('truncated payloads are not keyframes and do not throw', () => {
    for (const bytes of [[], [0x90], [0x90, 0x80], [0x90, 0x80, 0x80]]) {
      expect(isVp8Keyframe(Buffer.from(bytes))).toBe(false);
      expect(vp8KeyframeSize(Buffer.from(bytes))).toBeUndefined();
    }
  });
});
