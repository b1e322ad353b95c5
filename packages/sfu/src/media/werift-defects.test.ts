/**
 * The werift 0.24.4 defects Parley works around, shown on werift's own classes (a stub stands in for
 * the DTLS transport where one is needed), next to the workaround. When werift is upgraded, a test
 * that no longer sees its defect says the workaround can go.
 */

import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  defaultPeerConfig,
  RTCRtpCodecParameters,
  RTCRtpReceiver,
  RTCRtpSender,
  type RtcpTransportLayerFeedback,
  RtpHeader,
  RtpPacket,
  TransportWideCC,
  useNACK,
  useSdesMid,
  useTWCC,
} from 'werift';
import {
  disableReceiverNack,
  pruneSenderBandwidthEstimator,
  SharedReceiverTwcc,
} from './werift-workarounds.ts';

function dtlsStub() {
  const rtcp: unknown[] = [];
  const rtp: RtpHeader[] = [];
  let notify: () => void = () => {};
  const stub = {
    state: 'connected',
    rtcp,
    rtp,
    sent: new Promise<void>((resolve) => {
      notify = resolve;
    }),
    onStateChange: { subscribe: () => ({ unSubscribe: () => {} }) },
    sendRtcp: async (packets: unknown[]) => {
      rtcp.push(...packets);
      notify();
    },
    sendRtp: async (_payload: Buffer, header: RtpHeader) => {
      rtp.push(header);
      return 100;
    },
  };
  return stub;
}

const packet = (sequenceNumber: number) =>
  new RtpPacket(new RtpHeader({ sequenceNumber, ssrc: 42, payloadType: 96 }), Buffer.alloc(10));

function videoReceiver(feedback = [useNACK(), useTWCC()]) {
  const receiver = new RTCRtpReceiver(defaultPeerConfig, 'video', 1);
  receiver.prepareReceive({
    codecs: [
      new RTCRtpCodecParameters({
        mimeType: 'video/VP8',
        clockRate: 90000,
        payloadType: 96,
        rtcpFeedback: feedback,
      }),
    ],
    headerExtensions: [],
    encodings: [],
  });
  const stub = dtlsStub();
  receiver.setDtlsTransport(stub as never);
  return { receiver, stub };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('werift NackHandler: the retry timer never stops after a repaired loss', () => {
  test('defect', () => {
    vi.useFakeTimers();
    const { receiver } = videoReceiver();
    const nack = (receiver as unknown as { nack: { addPacket(p: RtpPacket): void; nackLoop?: unknown } })
      .nack;
    nack.addPacket(packet(1));
    nack.addPacket(packet(3));
    nack.addPacket(packet(2)); // the loss is repaired
    vi.advanceTimersByTime(1000);
    expect(nack.nackLoop).toBeDefined();
    receiver.stop();
  });

  test('workaround: the handler gets no packets (NackGenerator does the job per SSRC)', () => {
    vi.useFakeTimers();
    const { receiver } = videoReceiver();
    disableReceiverNack(receiver);
    const nack = (receiver as unknown as { nack: { addPacket(p: RtpPacket): void; nackLoop?: unknown } })
      .nack;
    nack.addPacket(packet(1));
    nack.addPacket(packet(3));
    expect(nack.nackLoop).toBeUndefined();
  });
});

describe('werift ReceiverTWCC: the periodic feedback loop never starts', () => {
  test('defect', () => {
    const { receiver } = videoReceiver();
    receiver.setupTWCC(42);
    expect(receiver.receiverTWCC?.twccRunning).toBe(false);
    receiver.stop();
  });

  test('workaround: one running instance per connection sends feedback for a few packets', async () => {
    const twcc = new SharedReceiverTwcc();
    const first = videoReceiver();
    const second = videoReceiver();
    twcc.attach(first.receiver);
    twcc.attach(second.receiver);
    first.receiver.setupTWCC(42);
    second.receiver.setupTWCC(43);
    expect(second.receiver.receiverTWCC).toBe(first.receiver.receiverTWCC);
    // Three packets: fewer than the 11 that make werift send feedback on its own.
    for (const sequence of [1, 2, 3]) first.receiver.receiverTWCC?.handleTWCC(sequence);
    await first.stub.sent;
    const feedback = first.stub.rtcp[0] as RtcpTransportLayerFeedback;
    expect(feedback.feedback).toBeInstanceOf(TransportWideCC);
    // Stopping one receiver (a transceiver stopped by renegotiation) does not end the shared loop.
    first.receiver.stop();
    expect(second.receiver.receiverTWCC?.twccRunning).toBe(true);
    twcc.close();
    expect(second.receiver.receiverTWCC?.twccRunning).toBe(false);
    second.receiver.stop();
  });
});

describe('werift SenderBandwidthEstimator: the sent-packet map is never pruned', () => {
  const sent = (wideSeq: number) => ({ wideSeq, size: 1000, sendingAtMs: 0, sentAtMs: 0 });
  type Bwe = { sentInfos: Record<number, unknown>; rtpPacketSent(info: unknown): void };

  test('defect', () => {
    const bwe = (new RTCRtpSender('video') as unknown as { senderBWE: Bwe }).senderBWE;
    for (let i = 0; i < 5000; i++) bwe.rtpPacketSent(sent(i));
    expect(Object.keys(bwe.sentInfos)).toHaveLength(5000);
  });

  test('workaround: the last 1,024 with transport-cc, none without', () => {
    const withTwcc = new RTCRtpSender('video');
    const withoutTwcc = new RTCRtpSender('video');
    pruneSenderBandwidthEstimator(withTwcc, true);
    pruneSenderBandwidthEstimator(withoutTwcc, false);
    for (const sender of [withTwcc, withoutTwcc]) {
      const bwe = (sender as unknown as { senderBWE: Bwe }).senderBWE;
      for (let i = 0; i < 5000; i++) bwe.rtpPacketSent(sent(i & 0xffff));
    }
    const kept = (sender: RTCRtpSender) =>
      Object.keys((sender as unknown as { senderBWE: Bwe }).senderBWE.sentInfos).map(Number);
    expect(kept(withTwcc)).toHaveLength(1024);
    expect(Math.min(...kept(withTwcc))).toBe(5000 - 1024);
    expect(kept(withoutTwcc)).toHaveLength(0);
  });
});

describe("werift RTCRtpSender: the publisher's header extensions leak into what is forwarded", () => {
  async function forward(extensions: Array<{ id: number; payload: Buffer }>) {
    const sender = new RTCRtpSender('audio');
    const stub = dtlsStub();
    sender.setDtlsTransport(stub as never);
    sender.prepareSend({
      codecs: [
        new RTCRtpCodecParameters({
          mimeType: 'audio/opus',
          clockRate: 48000,
          channels: 2,
          payloadType: 111,
        }),
      ],
      headerExtensions: [{ ...useSdesMid(), id: 1 }],
      muxId: '0',
    });
    await sender.sendRtp(new RtpPacket(new RtpHeader({ sequenceNumber: 1, extensions }), Buffer.alloc(20)));
    sender.stop();
    return (stub.rtp[0] as RtpHeader).extensions.map((extension) => extension.id);
  }

  test("defect: the publisher's audio-level extension (its id 5) goes out to the subscriber", async () => {
    expect(await forward([{ id: 5, payload: Buffer.from([0x9e]) }])).toEqual([1, 5]);
  });

  test('workaround: a forwarded header without extensions carries only the sender’s own', async () => {
    expect(await forward([])).toEqual([1]);
  });
});
