import { describe, expect, test } from 'vitest';
import { RtpRewriter } from './rtp-rewriter.ts';

describe('RtpRewriter', () => {
  test('passes the first source through, continues the next one after the last packet sent', () => {
    const rewriter = new RtpRewriter(90000);
    rewriter.switchTo(1000, 5000, 0);
    expect(rewriter.rewrite(1000, 5000, 0)).toBe(true);
    expect([rewriter.sequenceNumber, rewriter.timestamp]).toEqual([1000, 5000]);
    rewriter.rewrite(1001, 8000, 33);
    // Another layer: other sequence space, other timestamp base, 20 ms later.
    rewriter.switchTo(40000, 123456, 53);
    rewriter.rewrite(40000, 123456, 53);
    expect(rewriter.sequenceNumber).toBe(1002);
    expect(rewriter.timestamp).toBe(8000 + 20 * 90);
    rewriter.rewrite(40001, 123456 + 3000, 86);
    expect([rewriter.sequenceNumber, rewriter.timestamp]).toEqual([1003, 8000 + 1800 + 3000]);
  });

  test('drops packets of the new source older than the switch point, wraps around 16 and 32 bits', () => {
    const rewriter = new RtpRewriter(48000);
    rewriter.switchTo(65535, 0xffffff00, 0);
    rewriter.rewrite(65535, 0xffffff00, 0);
    rewriter.switchTo(10, 0, 20);
    expect(rewriter.rewrite(9, 0, 20)).toBe(false);
    expect(rewriter.rewrite(10, 0, 20)).toBe(true);
    expect([rewriter.sequenceNumber, rewriter.timestamp]).toEqual([0, (0xffffff00 + 960) >>> 0]);
    expect(rewriter.rewrite(11, 960, 40)).toBe(true);
    expect(rewriter.sequenceNumber).toBe(1);
  });

  test('keeps forwarding a long stream, past half and the whole sequence space', () => {
    const rewriter = new RtpRewriter(90000);
    rewriter.switchTo(100, 0, 0);
    let forwarded = 0;
    for (let i = 0; i < 200_000; i++) {
      if (rewriter.rewrite((100 + i) & 0xffff, i * 3000, i)) forwarded++;
    }
    expect(forwarded).toBe(200_000);
    // A late retransmission still passes; one older than maxLag (4096 packets) does not.
    expect(rewriter.rewrite((100 + 200_000 - 50) & 0xffff, 0, 0)).toBe(true);
    expect(rewriter.rewrite((100 + 200_000 - 5000) & 0xffff, 0, 0)).toBe(false);
  });
});
