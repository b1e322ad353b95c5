import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import {
  GenericNack,
  ProtectionProfileAeadAes128Gcm,
  RTCRtpCodecParameters,
  RTCRtpSender,
  RTP_EXTENSION_URI,
  RtcpTransportLayerFeedback,
  type RtpHeader,
  RtpPacket,
  SrtpSession,
} from 'werift';
import { senderFastPath } from './sender-fast-path.ts';

/** A sender on a stub DTLS transport with werift's real SRTP session and a socket that records. */
function fastSender() {
  const [key, salt, remoteKey, remoteSalt] = [
    randomBytes(16),
    randomBytes(12),
    randomBytes(16),
    randomBytes(12),
  ];
  const srtp = new SrtpSession({
    keys: {
      localMasterKey: key,
      localMasterSalt: salt,
      remoteMasterKey: remoteKey,
      remoteMasterSalt: remoteSalt,
    },
    profile: ProtectionProfileAeadAes128Gcm,
  });
  // The subscriber's side: the same keys the other way round.
  const subscriber = new SrtpSession({
    keys: {
      localMasterKey: remoteKey,
      localMasterSalt: remoteSalt,
      remoteMasterKey: key,
      remoteMasterSalt: salt,
    },
    profile: ProtectionProfileAeadAes128Gcm,
  });
  const datagrams: Buffer[] = [];
  const pair = {
    protocol: {
      type: 'stun',
      transport: {
        type: 'udp',
        closed: false,
        socket: {
          send: (list: Buffer[], port: number, address: string) => {
            expect([address, port]).toEqual(['127.0.0.1', 5000]);
            datagrams.push(Buffer.concat(list));
          },
        },
      },
    },
    remoteAddr: ['127.0.0.1', 5000],
    packetsSent: 0,
    bytesSent: 0,
  };
  const resent: RtpHeader[] = [];
  const dtls = {
    state: 'connected',
    srtp,
    bytesSent: 0,
    packetsSent: 0,
    iceTransport: { connection: { nominated: pair, canSendApplicationData: () => true } },
    onStateChange: { subscribe: () => ({ unSubscribe: () => {} }) },
    sendRtp: async (_payload: Buffer, header: RtpHeader) => {
      resent.push(header);
      return 0;
    },
  };
  const sender = new RTCRtpSender('video');
  sender.setDtlsTransport(dtls as never);
  sender.codec = new RTCRtpCodecParameters({ mimeType: 'video/VP8', clockRate: 90000, payloadType: 96 });
  Object.assign(sender, {
    headerExtensions: [{ id: 3, uri: RTP_EXTENSION_URI.absSendTime }],
    rtcpRunning: true, // no sender reports in a unit test
  });
  return { sender, forward: senderFastPath(sender), datagrams, subscriber, dtls, pair, resent };
}

describe('senderFastPath', () => {
  test('sends SRTP (AES-GCM) that werift decrypts, across the sequence number wrap', () => {
    const { sender, forward, datagrams, subscriber, dtls, pair } = fastSender();
    const sequence = [65534, 65535, 0, 1];
    for (const [i, sequenceNumber] of sequence.entries()) {
      forward(sequenceNumber, 1000 + i, i === 3, Buffer.from(`payload ${i}`), performance.now());
    }
    expect(datagrams).toHaveLength(4);
    for (const [i, datagram] of datagrams.entries()) {
      const packet = RtpPacket.deSerialize(subscriber.decrypt(datagram));
      expect(packet.header).toMatchObject({
        sequenceNumber: sequence[i],
        timestamp: 1000 + i,
        marker: i === 3,
        payloadType: 96,
        ssrc: sender.ssrc,
      });
      expect(packet.header.extensions.map((extension) => [extension.id, extension.payload.length])).toEqual([
        [3, 3],
      ]);
      expect(packet.payload.toString()).toBe(`payload ${i}`);
    }
    const bytes = datagrams.reduce((sum, datagram) => sum + datagram.length, 0);
    expect(dtls).toMatchObject({ packetsSent: 4, bytesSent: bytes });
    expect(pair).toMatchObject({ packetsSent: 4, bytesSent: bytes });
    expect(sender).toMatchObject({ packetCount: 4, sequenceNumber: 1, timestamp: 1003 });
  });

  test("a NACK is answered by werift's sender from the history the fast path keeps", async () => {
    const { sender, forward, resent } = fastSender();
    for (let sequenceNumber = 10; sequenceNumber < 15; sequenceNumber++) {
      forward(sequenceNumber, 500, false, Buffer.from([sequenceNumber]), performance.now());
    }
    const feedback = new GenericNack({ senderSsrc: 1, mediaSourceSsrc: sender.ssrc, lost: [12] });
    sender.handleRtcpPacket(new RtcpTransportLayerFeedback({ feedback }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(resent.map((header) => [header.sequenceNumber, header.timestamp, header.ssrc])).toEqual([
      [12, 500, sender.ssrc],
    ]);
  });

  test('another SRTP profile goes through werift', () => {
    const { forward, datagrams, dtls, resent } = fastSender();
    (dtls.srtp as unknown as { localContext: { profile: number } }).localContext.profile = 1;
    forward(1, 1, false, Buffer.from([1]), performance.now());
    expect(datagrams).toHaveLength(0);
    expect(resent.map((header) => header.sequenceNumber)).toEqual([1]);
  });
});
