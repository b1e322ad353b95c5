/**
 * The werift 0.24.4 defects Parley works around, shown on werift's own classes (a stub stands in for
 * the DTLS transport where one is needed), next to the workaround. When werift is upgraded, a test
 * that no longer sees its defect says the workaround can go.
 */

import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  defaultPeerConfig,
  RTCPeerConnection,
  type RTCPeerConnectionConfig,
  RTCRtpCodecParameters,
  RTCRtpReceiver,
  RTCRtpSender,
  RTP_EXTENSION_URI,
  type RtcpTransportLayerFeedback,
  RtpHeader,
  RtpPacket,
  type RunLengthChunk,
  type TransportWideCC,
  useNACK,
  useSdesMid,
  useTransportWideCC,
  useTWCC,
} from 'werift';
import {
  disableIceRenomination,
  disableReceiverNack,
  disableReceiverTwcc,
  iceConnectionOf,
  observeTransportCc,
  pruneSenderBandwidthEstimator,
  unbundleRejectedSections,
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

describe('werift ReceiverTWCC: feedback that misleads the congestion controller', () => {
  type Twcc = {
    twccRunning: boolean;
    lastTimestamp?: bigint;
    extensionInfo: Record<number, { tsn: number; timestamp: bigint }>;
    sendTWCC(): void;
  };
  /** werift's ReceiverTWCC of a receiver, with chosen arrival times (µs) for chosen sequence numbers. */
  function reportOf(arrivals: Array<[number, bigint]>, lastTimestamp?: bigint) {
    const { receiver, stub } = videoReceiver();
    receiver.setupTWCC(42);
    const twcc = receiver.receiverTWCC as unknown as Twcc;
    twcc.lastTimestamp = lastTimestamp;
    for (const [tsn, timestamp] of arrivals) twcc.extensionInfo[tsn] = { tsn, timestamp };
    twcc.sendTWCC();
    receiver.stop();
    return (stub.rtcp[0] as RtcpTransportLayerFeedback).feedback as TransportWideCC;
  }

  test('defect: the periodic loop never starts', () => {
    const { receiver } = videoReceiver();
    receiver.setupTWCC(42);
    expect(receiver.receiverTWCC?.twccRunning).toBe(false);
    receiver.stop();
  });

  test('defect: the first delta counts from the previous arrival, not from the 64 ms reference', () => {
    // The previous report ended 40 ms into a 64 ms tick; the next packet arrives 10 ms later.
    const previous = 64_000n * 1_000n + 40_000n;
    const feedback = reportOf([[7, previous + 10_000n]], previous);
    const reported = feedback.referenceTime * 64_000 + (feedback.recvDeltas[0]?.delta ?? 0) * 250;
    // Read as arriving 40 ms before it did.
    expect(Number(previous + 10_000n) - reported).toBe(40_000);
  });

  test('defect: a missing packet is reported as received, with no delta', () => {
    const feedback = reportOf([
      [1, 1_000_000n],
      [3, 1_002_000n],
    ]);
    expect(feedback.packetStatusCount).toBe(3);
    const chunks = feedback.packetChunks as RunLengthChunk[];
    expect(chunks.map((chunk) => [chunk.packetStatus, chunk.runLength])).toEqual([[1, 3]]);
    expect(feedback.recvDeltas).toHaveLength(2);
  });

  test('defect: without padding, the RTCP length cuts off the last deltas', () => {
    // 16 bytes of fields, one chunk and three deltas: 21 bytes, declared as 20.
    const serialized = reportOf([
      [1, 1_000_000n],
      [2, 1_001_000n],
      [3, 1_002_000n],
    ]).serialize();
    expect(serialized.length).toBe(4 + 21);
    expect((serialized.readUInt16BE(2) + 1) * 4).toBe(24);
  });

  /** The SFU's receiver after applying a browser's offer that lists its video SSRC (all but simulcast). */
  async function answeredReceiver() {
    const codecs = {
      audio: [],
      video: [
        new RTCRtpCodecParameters({
          mimeType: 'video/VP8',
          clockRate: 90000,
          rtcpFeedback: [useNACK(), useTWCC()],
        }),
      ],
    };
    const headerExtensions = { audio: [], video: [useTransportWideCC()] };
    const browser = new RTCPeerConnection({ codecs, headerExtensions });
    browser.addTransceiver('video', { direction: 'sendonly' });
    const offer = (await browser.createOffer()).sdp;
    expect(offer).toMatch(/\r\na=ssrc:/);
    const sfu = liteAnswerer({ codecs, headerExtensions });
    await sfu.setRemoteDescription({ type: 'offer', sdp: offer });
    const receiver = sfu.getTransceivers()[0]?.receiver as RTCRtpReceiver;
    const payloadType = Number(/a=rtpmap:(\d+) VP8/.exec(offer)?.[1]);
    const close = () => Promise.all([browser.close(), sfu.close()]);
    return { receiver, payloadType, close };
  }

  test('defect: setRemoteDescription sets one up, before a hook on the new receiver can run', async () => {
    const { receiver, close } = await answeredReceiver();
    expect(receiver.receiverTWCC).toBeDefined();
    await close();
  });

  test('workaround: werift never sets it up; the connection reports every packet from its RTP router', async () => {
    const { receiver: answered, payloadType, close } = await answeredReceiver();
    disableReceiverTwcc(answered);
    expect(answered.receiverTWCC).toBeUndefined();
    answered.handleRtpBySsrc(
      new RtpPacket(new RtpHeader({ sequenceNumber: 1, ssrc: 42, payloadType }), Buffer.alloc(10)),
      {},
    );
    expect(answered.receiverTWCC).toBeUndefined();
    await close();

    const { receiver } = videoReceiver();
    disableReceiverTwcc(receiver);
    receiver.setupTWCC(42);
    expect(receiver.receiverTWCC).toBeUndefined();

    const pc = new RTCPeerConnection();
    const router = (pc as unknown as { router: { extIdUriMap: Record<number, string> } }).router;
    router.extIdUriMap = { 3: RTP_EXTENSION_URI.transportWideCC };
    const seen: Array<[number, number]> = [];
    observeTransportCc(pc, (sequenceNumber, ssrc) => seen.push([sequenceNumber, ssrc]));
    const payload = Buffer.alloc(2);
    payload.writeUInt16BE(0xabcd);
    // An SSRC no receiver knows (a probe on an undeclared simulcast RTX stream) is still reported.
    const probe = new RtpPacket(
      new RtpHeader({ ssrc: 777, payloadType: 97, extension: true, extensions: [{ id: 3, payload }] }),
      Buffer.alloc(0),
    );
    (router as unknown as { routeRtp(packet: RtpPacket): void }).routeRtp(probe);
    expect(seen).toEqual([[0xabcd, 777]]);
    void pc.close();
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

/** An ICE-lite answerer bound to 127.0.0.1 only (no STUN, no other interface), as the SFU's. */
function liteAnswerer(config: Partial<RTCPeerConnectionConfig> = {}): RTCPeerConnection {
  return new RTCPeerConnection({
    ...config,
    iceLite: true,
    iceServers: [],
    iceInterfaceAddresses: { udp4: '127.0.0.1' },
    iceAdditionalHostAddresses: ['127.0.0.1'],
    iceUseIpv4: false,
    iceUseIpv6: false,
    bundlePolicy: 'max-bundle',
  });
}

/** Answers `offer` on `answerer` and returns the answer (gathers on 127.0.0.1). */
async function answer(answerer: RTCPeerConnection, offer: string): Promise<string> {
  await answerer.setRemoteDescription({ type: 'offer', sdp: offer });
  await answerer.setLocalDescription(await answerer.createAnswer());
  return answerer.localDescription?.sdp ?? '';
}

/** An offer as a browser sends it after stopping its second transceiver: that m-section rejected. */
function withSecondSectionStopped(offer: string): string {
  const [session = '', first = '', second = ''] = offer.split(/\r\nm=/);
  const stopped = second
    .replace(/^(\S+) \d+ /, '$1 0 ')
    .replace(/a=(sendonly|sendrecv|recvonly)/, 'a=inactive');
  const mids = [first, stopped].map((section) => /a=mid:(\S+)/.exec(section)?.[1]);
  return [session.replace(/a=group:BUNDLE [^\r\n]*/, `a=group:BUNDLE ${mids[0]}`), first, stopped].join(
    '\r\nm=',
  );
}

describe('werift answers: a rejected m-section stays in the BUNDLE group', () => {
  test('defect, and the workaround', async () => {
    const browser = new RTCPeerConnection();
    browser.addTransceiver('audio', { direction: 'sendonly' });
    browser.addTransceiver('video', { direction: 'sendonly' });
    const offer = (await browser.createOffer()).sdp;
    const sfu = liteAnswerer();
    await answer(sfu, offer);
    const renegotiated = await answer(sfu, withSecondSectionStopped(offer));
    expect(renegotiated).toMatch(/\r\nm=video 0 /);
    expect(renegotiated).toMatch(/a=group:BUNDLE 0 1\r\n/);
    expect(unbundleRejectedSections(renegotiated)).toMatch(/a=group:BUNDLE 0\r\n/);
    await Promise.all([browser.close(), sfu.close()]);
  });
});

describe('werift RTCIceTransport: an ICE restart is taken for renomination beside an inactive m-section', () => {
  async function restart(workaround: boolean) {
    const browser = new RTCPeerConnection();
    browser.addTransceiver('audio', { direction: 'sendonly' });
    browser.addTransceiver('video', { direction: 'sendonly' });
    const sfu = liteAnswerer();
    await answer(sfu, withSecondSectionStopped((await browser.createOffer()).sdp));
    const before = (iceConnectionOf(sfu) as unknown as { localUsername: string }).localUsername;
    if (workaround) disableIceRenomination(sfu);
    await sfu.setRemoteDescription({
      type: 'offer',
      sdp: withSecondSectionStopped((await browser.createOffer({ iceRestart: true })).sdp),
    });
    const after = (iceConnectionOf(sfu) as unknown as { localUsername: string }).localUsername;
    await Promise.all([browser.close(), sfu.close()]);
    return { before, after };
  }

  test('defect: werift keeps its ICE credentials (no restart)', async () => {
    const { before, after } = await restart(false);
    expect(after).toBe(before);
  });

  test('workaround: every new remote ufrag restarts ICE', async () => {
    const { before, after } = await restart(true);
    expect(after).not.toBe(before);
  });
});
