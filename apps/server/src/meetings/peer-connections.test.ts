import { describe, expect, it } from 'vitest';
import { PeerConnections } from './peer-connections.ts';

const offer = (ufrag: string) =>
  `v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=ice-ufrag:${ufrag}\r\na=mid:0\r\n`;

describe('PeerConnections', () => {
  it('refuses SDP from the connections of a room left, and takes any other', () => {
    const connections = new PeerConnections();
    connections.check(offer('old1'));
    connections.check(offer('old1'));
    connections.leave();
    expect(() => connections.check(offer('old1'))).toThrow(/room you left/);
    connections.check(offer('new1'));
    connections.check('v=0\r\n');
    connections.leave();
    expect(() => connections.check(offer('new1'))).toThrow(/room you left/);
    expect(() => connections.check(offer('old1'))).toThrow(/room you left/);
  });
});
