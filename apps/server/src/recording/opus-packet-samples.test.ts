import { expect, test } from 'vitest';
import { opusPacketSamples } from './opus-packet-samples.ts';

test('Opus packet durations from the TOC byte (RFC 6716 section 3.1)', () => {
  expect(opusPacketSamples(Uint8Array.of(0xfc, 0xff))).toBe(960); // CELT 20 ms, stereo, one frame
  expect(opusPacketSamples(Uint8Array.of(0x78))).toBe(960); // SILK 20 ms (WebRTC speech)
  expect(opusPacketSamples(Uint8Array.of(0x79))).toBe(1920); // two SILK 20 ms frames
  expect(opusPacketSamples(Uint8Array.of(0x1b, 0x02))).toBe(2 * 2880); // code 3: two 60 ms frames
  expect(opusPacketSamples(Uint8Array.of(0x1b, 0x03))).toBeUndefined(); // three: over 120 ms
  expect(opusPacketSamples(Uint8Array.of())).toBeUndefined();
});
