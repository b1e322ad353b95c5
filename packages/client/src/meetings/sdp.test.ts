import { describe, expect, it } from 'vitest';
import { preferCodec, withOpusFecAndDtx } from './sdp.ts';

const session = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';

describe('withOpusFecAndDtx', () => {
  it('adds FEC and DTX to an existing Opus fmtp line, keeping its other parameters', () => {
    const sdp = `${session}m=audio 9 UDP/TLS/RTP/SAVPF 111 63\r\na=mid:0\r\na=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;useinbandfec=0\r\na=rtpmap:63 red/48000/2\r\na=fmtp:63 111/111\r\n`;
    const munged = withOpusFecAndDtx(sdp);
    expect(munged).toContain('a=fmtp:111 minptime=10;useinbandfec=1;usedtx=1\r\n');
    // RED's fmtp names Opus's payload type but is not Opus's.
    expect(munged).toContain('a=fmtp:63 111/111\r\n');
  });

  it('writes an fmtp line where an Opus payload has none, in every audio m-section', () => {
    const sdp = `${session}m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\na=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:2\r\na=rtpmap:111 opus/48000/2\r\n`;
    const lines = withOpusFecAndDtx(sdp).split('\r\n');
    expect(lines.filter((line) => line.startsWith('a=fmtp:111'))).toEqual([
      'a=fmtp:111 minptime=10;useinbandfec=1;usedtx=1',
      'a=fmtp:111 useinbandfec=1;usedtx=1',
    ]);
    expect(lines.indexOf('a=fmtp:111 useinbandfec=1;usedtx=1')).toBe(
      lines.lastIndexOf('a=rtpmap:111 opus/48000/2') + 1,
    );
  });

  it('leaves descriptions without Opus as they are, line endings included', () => {
    const sdp = `${session}m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:1\r\na=rtpmap:96 VP8/90000\r\n`;
    expect(withOpusFecAndDtx(sdp)).toBe(sdp);
    const unix = sdp.replaceAll('\r\n', '\n');
    expect(withOpusFecAndDtx(unix)).toBe(unix);
  });
});

describe('preferCodec', () => {
  it('moves the codec forward and keeps the others in order', () => {
    const codecs = [{ mimeType: 'video/VP9' }, { mimeType: 'video/rtx' }, { mimeType: 'video/vp8' }];
    expect(preferCodec(codecs, 'video/VP8').map((codec) => codec.mimeType)).toEqual([
      'video/vp8',
      'video/VP9',
      'video/rtx',
    ]);
  });
});
