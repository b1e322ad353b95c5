import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, test } from 'vitest';
import { RtpHeader, RtpPacket } from 'werift';
import { fastRtpHeaderParsing, parseRtpHeader } from './werift-workarounds.ts';

const weriftParse = RtpHeader.deSerialize;

afterEach(() => {
  const headerClass = RtpHeader as unknown as { deSerialize: unknown; parleyFast?: boolean };
  headerClass.deSerialize = weriftParse;
  headerClass.parleyFast = undefined;
});

/** A header written by werift itself, then the payload (and padding, when asked). */
function packet(header: Partial<RtpHeader>, payload = randomBytes(20)): Buffer {
  return new RtpPacket(new RtpHeader(header), payload).serialize();
}

const cases: Array<[string, Buffer]> = [
  [
    'plain, marker',
    packet({
      sequenceNumber: 65535,
      timestamp: 0xfffffff0,
      ssrc: 0x80000001,
      payloadType: 111,
      marker: true,
    }),
  ],
  [
    'one-byte extensions',
    packet({
      sequenceNumber: 7,
      payloadType: 96,
      extensions: [
        { id: 1, payload: Buffer.from([1, 2]) },
        { id: 4, payload: Buffer.from('q') },
        { id: 14, payload: randomBytes(16) },
      ],
    }),
  ],
  [
    'two-byte extensions',
    packet({
      extensionProfile: 0x1000,
      extensions: [
        { id: 200, payload: randomBytes(20) },
        { id: 3, payload: Buffer.alloc(0) },
      ],
    }),
  ],
  ['CSRCs', packet({ csrc: [1, 0xffffffff, 3], payloadType: 100 })],
  ['padding', packet({ padding: true, paddingSize: 4 })],
  // One-byte block with padding bytes between elements and the id 15 stop marker.
  [
    'one-byte with padding and id 15',
    Buffer.from('906000010000000200000003bede00030041aa00f2bbccddeeff000001', 'hex'),
  ],
  ['another profile', Buffer.from('9000000100000002000000031234000201020304050607080900', 'hex')],
];

describe('werift RtpHeader.deSerialize: string-based bit parsing of every packet in', () => {
  test('defect: werift turns bytes into strings to read bits', () => {
    expect(String(weriftParse)).toContain('getBit');
  });

  test.each(cases)('workaround parses %s as werift does', (_name, raw) => {
    expect(parseRtpHeader(raw)).toEqual(weriftParse(raw));
  });

  test('workaround fails on truncated packets as werift does', () => {
    for (const raw of [
      Buffer.alloc(4, 0x80),
      Buffer.from('90000001000000020000000300', 'hex'),
      Buffer.from('8300000100000002000000030000', 'hex'),
    ]) {
      expect(() => weriftParse(raw)).toThrow(RangeError);
      expect(() => parseRtpHeader(raw)).toThrow(RangeError);
    }
  });

  test('workaround: installed, werift parses packets with it', () => {
    fastRtpHeaderParsing();
    const [, raw] = cases[1] as [string, Buffer];
    const parsed = RtpPacket.deSerialize(raw);
    expect(parsed.header).toEqual(weriftParse(raw));
    expect(RtpHeader.deSerialize).toBe(parseRtpHeader);
  });
});
