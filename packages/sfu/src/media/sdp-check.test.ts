import { describe, expect, test } from 'vitest';
import { checkSessionDescription } from './sdp-check.ts';

const section = (mid: string) =>
  `m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:${mid}\r\na=ice-ufrag:abcd\r\na=ice-pwd:0123456789abcdef012345\r\na=fingerprint:sha-256 00:11\r\n`;
const sdp = (...mids: string[]) =>
  `v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n${mids.map(section).join('')}`;

describe('checkSessionDescription', () => {
  test('accepts a well-formed description and returns its MIDs', () => {
    expect(checkSessionDescription(sdp('0', '1'), 'offer')).toEqual(['0', '1']);
    expect(checkSessionDescription(sdp('0', '1'), 'answer', ['0', '1'])).toEqual(['0', '1']);
  });

  test('refuses what werift would half-apply', () => {
    expect(() => checkSessionDescription('garbage', 'answer')).toThrow(TypeError);
    expect(() => checkSessionDescription(42, 'offer')).toThrow(TypeError);
    expect(() => checkSessionDescription('v=0\r\ns=-\r\n', 'offer')).toThrow(/no m-section/);
    expect(() => checkSessionDescription(sdp('0').replace('a=mid:0\r\n', ''), 'offer')).toThrow(/a=mid/);
    expect(() => checkSessionDescription(sdp('0').replace(/a=ice-pwd:.*\r\n/, ''), 'offer')).toThrow(/ICE/);
    expect(() => checkSessionDescription(sdp('0').replace(/a=fingerprint:.*\r\n/, ''), 'offer')).toThrow(
      /fingerprint/,
    );
    expect(() => checkSessionDescription(sdp('1', '0'), 'answer', ['0', '1'])).toThrow(/not the offer's/);
    expect(() => checkSessionDescription(`v=0\r\n${'a'.repeat(300_000)}`, 'offer')).toThrow(/too large/);
    const simulcast = (mid: string) => section(mid).replace('a=mid', 'a=rid:q send\r\na=rid:h send\r\na=mid');
    expect(() => checkSessionDescription(`${sdp()}${simulcast('0')}${simulcast('1')}`, 'offer')).toThrow(
      /RID q/,
    );
  });
});
