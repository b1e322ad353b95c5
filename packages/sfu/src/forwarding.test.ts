import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { TransportWideCC } from 'werift';
import { InvalidStateError, UnsupportedError } from './errors.ts';
import { createWorker, type Router, type Worker } from './index.ts';
import { startLoopbackStun } from './loopback-stun.ts';
import { isVp8Keyframe } from './media/vp8.ts';
import { iceConnectionOf } from './media/werift-workarounds.ts';
import { loopback, negotiate, type PublishSession, publish, ssrcOf, subscribe } from './testing/sessions.ts';
import { type ReceivedRtp, TestPublisher, type TestSubscriber, waitForEvent } from './testing/test-peers.ts';
import { readVp8Marker } from './testing/vp8-payload.ts';

let worker: Worker;
let stun: Awaited<ReturnType<typeof startLoopbackStun>>;
let router: Router;
const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  stun = await startLoopbackStun();
  worker = await createWorker({ rtcMinPort: 43000, rtcMaxPort: 43199, statsIntervalMs: 200 });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  router?.close();
});

afterAll(async () => {
  worker.close();
  await stun.close();
});

async function newRouter(): Promise<Router> {
  router = await worker.createRouter();
  return router;
}

/** A new router with two publishers sending on it, closed after the test. */
async function twoPublishers(
  first: { audio?: boolean; video?: boolean },
  second: { audio?: boolean; video?: boolean },
): Promise<[PublishSession, PublishSession]> {
  await newRouter();
  const sessions: [PublishSession, PublishSession] = [
    await publish(router, stun.url, first),
    await publish(router, stun.url, second),
  ];
  for (const session of sessions) {
    cleanups.push(() => session.publisher.close());
    session.publisher.start();
  }
  return sessions;
}

function collect(
  subscriber: TestSubscriber,
  ssrc: number,
  count: number,
  timeoutMs = 5000,
): Promise<ReceivedRtp[]> {
  const packets: ReceivedRtp[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscriber.off('rtp', listener);
      reject(new Error(`only ${packets.length} of ${count} packets on ${ssrc}`));
    }, timeoutMs);
    const listener = (packet: ReceivedRtp) => {
      if (packet.ssrc !== ssrc) return;
      packets.push(packet);
      if (packets.length < count) return;
      clearTimeout(timer);
      subscriber.off('rtp', listener);
      resolve(packets);
    };
    subscriber.on('rtp', listener);
  });
}

describe('forwarding through a worker process', () => {
  test('audio and video reach the subscriber unchanged, video from a keyframe the SFU asked for', async () => {
    await newRouter();
    const published = await publish(router, stun.url);
    cleanups.push(() => published.publisher.close());
    const { publisher } = published;
    publisher.start();
    // Let the publisher's first keyframe go by, so the subscriber's keyframe must come from a PLI.
    await waitForEvent(
      published.video?.observer as never,
      'stats',
      (stats: { packets: number }) => stats.packets > 20,
    );
    const pliForSubscriber = waitForEvent<number>(
      publisher,
      'pli',
      (ssrc) => ssrc === publisher.ssrcOf('video'),
    );
    const session = await subscribe(router, stun.url, [published.audio, published.video] as never);
    cleanups.push(() => session.subscriber.close());
    const [audioConsumer, videoConsumer] = session.consumers as [never, never];
    await pliForSubscriber;
    const video = await collect(session.subscriber, ssrcOf(session.subscriber, videoConsumer), 20);
    const audio = await collect(session.subscriber, ssrcOf(session.subscriber, audioConsumer), 20);

    expect(isVp8Keyframe((video[0] as ReceivedRtp).payload)).toBe(true);
    expect(readVp8Marker((video[0] as ReceivedRtp).payload).frame).toBeGreaterThan(0);
    for (let i = 1; i < video.length; i++) {
      const previous = video[i - 1] as ReceivedRtp;
      expect((video[i] as ReceivedRtp).sequenceNumber).toBe((previous.sequenceNumber + 1) & 0xffff);
    }
    expect(audio.every((packet) => packet.payload.equals(Buffer.alloc(60, 0x55)))).toBe(true);
    // werift would copy the publisher's extensions (audio level, MID, with its ids) into what it
    // forwards: the subscriber sees none on audio and only its own (abs-send-time) on video.
    expect(audio.every((packet) => packet.extensionIds.length === 0)).toBe(true);
    const own = session.subscriber.negotiatedExtensionIds();
    expect(video.every((packet) => packet.extensionIds.every((id) => own.includes(id)))).toBe(true);
  });

  test('stats: getStats on producers and consumers, and pushed stats with the subscriber RTT', async () => {
    await newRouter();
    const published = await publish(router, stun.url);
    cleanups.push(() => published.publisher.close());
    published.publisher.start();
    const session = await subscribe(router, stun.url, [published.video] as never);
    cleanups.push(() => session.subscriber.close());
    const consumer = session.consumers[0] as (typeof session.consumers)[0];
    const withRtt = await waitForEvent(
      consumer.observer as never,
      'stats',
      (stats: { roundTripTime?: number; packets: number }) =>
        stats.roundTripTime !== undefined && stats.packets > 0,
      10_000,
    );
    expect(withRtt).toMatchObject({ type: 'consumer', kind: 'video', currentLayer: 0 });
    const producerStats = await published.video?.getStats();
    expect(producerStats?.packets).toBeGreaterThan(0);
    expect(producerStats?.layers[0]).toMatchObject({ width: 320, height: 180, active: true });
    expect(producerStats?.bitrate).toBeGreaterThan(0);
    const consumerStats = await consumer.getStats();
    expect(consumerStats.packets).toBeGreaterThan(0);
    expect(consumerStats.bitrate).toBeGreaterThan(0);
    const transportStats = await session.transport.getStats();
    expect(transportStats).toMatchObject({ role: 'subscribe', connectionState: 'connected' });
    expect(transportStats.bytesSent).toBeGreaterThan(0);
    const usage = await worker.getResourceUsage();
    expect(usage).toMatchObject({ routers: 1, transports: 2, producers: 2, consumers: 1, uncaughtErrors: 0 });
    expect(usage.cpuUserMs).toBeGreaterThan(0);
  });

  test('a missing video packet is NACKed to the publisher', async () => {
    await newRouter();
    const published = await publish(router, stun.url, { video: true });
    cleanups.push(() => published.publisher.close());
    const { publisher } = published;
    publisher.sendVideoFrame(0, { packets: 3 });
    const nack = waitForEvent<{ ssrc: number; lost: number[] }>(publisher, 'nack');
    publisher.dropNextVideoPacket();
    publisher.sendVideoFrame(0, { packets: 3 });
    publisher.sendVideoFrame(0, { packets: 3 });
    const { ssrc, lost } = await nack;
    expect(ssrc).toBe(publisher.ssrcOf('video'));
    expect(lost).toEqual([1003]);
  });

  test('a publisher with transport-cc gets one stream of feedback that reports every packet', async () => {
    await newRouter();
    const published = await publish(router, stun.url, { video: true, transportCc: true });
    cleanups.push(() => published.publisher.close());
    const { publisher } = published;
    // Transport-wide feedback by RTCP sender SSRC, read in clear from the SRTCP header before werift
    // parses (and may drop) it.
    const senders = new Map<number, number>();
    const connection = iceConnectionOf(publisher.pc) as unknown as {
      onData: { subscribe(listener: (data: Buffer) => void): unknown };
    };
    connection.onData.subscribe((data) => {
      if (data[0] !== undefined && data[0] >> 6 === 2 && data[1] === 205 && (data[0] & 0x1f) === 15) {
        const sender = data.readUInt32BE(4);
        senders.set(sender, (senders.get(sender) ?? 0) + 1);
      }
    });
    const reported = new Set<number>();
    publisher.pc.dtlsTransports[0]?.onRtcp.subscribe((packet) => {
      const feedback = (packet as { feedback?: unknown }).feedback;
      if (!(feedback instanceof TransportWideCC)) return;
      for (let i = 0; i < feedback.packetStatusCount; i++)
        reported.add((feedback.baseSequenceNumber + i) & 0xffff);
    });
    for (let frame = 0; frame < 10; frame++) {
      publisher.sendVideoFrame(0, { packets: 4 });
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const deadline = Date.now() + 2000;
    while (reported.size < 40 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect([...reported].sort((a, b) => a - b)).toEqual([...Array(40).keys()]);
    // werift's own ReceiverTWCC (set up by the offer's a=ssrc) would report every 11 packets beside.
    expect(senders.size).toBe(1);
  });

  test('an audio level observer and an active speaker observer follow the RFC 6464 levels', async () => {
    await newRouter();
    const a = await publish(router, stun.url, { audio: true });
    const b = await publish(router, stun.url, { audio: true });
    cleanups.push(
      () => a.publisher.close(),
      () => b.publisher.close(),
    );
    const levels = await router.createAudioLevelObserver({ interval: 100, maxEntries: 2 });
    const speaker = await router.createActiveSpeakerObserver({ interval: 100 });
    for (const session of [a, b]) {
      await levels.addProducer({ producerId: session.audio?.id as string });
      await speaker.addProducer({ producerId: session.audio?.id as string });
    }
    let levelA = 20;
    let levelB = 127;
    const volumesEvent = waitForEvent<{ producer: { id: string }; volume: number }[]>(
      levels as never,
      'volumes',
    );
    const firstSpeaker = waitForEvent<{ producer: { id: string } }>(
      speaker as never,
      'dominantspeaker',
      ({ producer }) => producer.id === a.audio?.id,
    );
    const pump = setInterval(() => {
      a.publisher.sendAudio(levelA);
      b.publisher.sendAudio(levelB);
    }, 20);
    cleanups.push(() => clearInterval(pump));
    const volumes = await volumesEvent;
    expect(volumes.map((entry) => entry.producer.id)).toEqual([a.audio?.id]);
    expect(volumes[0]?.volume).toBe(-20);
    await firstSpeaker;
    levelA = 127;
    levelB = 10;
    await waitForEvent<{ producer: { id: string } }>(
      speaker as never,
      'dominantspeaker',
      ({ producer }) => producer.id === b.audio?.id,
    );
    levelB = 127;
    await waitForEvent(levels as never, 'silence');
  });

  test('a closed consumer frees its m-section: the next one reuses it without renegotiation', async () => {
    const [first, second] = await twoPublishers({ video: true }, { video: true });
    const session = await subscribe(router, stun.url, [first.video] as never);
    cleanups.push(() => session.subscriber.close());
    const consumer = session.consumers[0] as (typeof session.consumers)[0];
    const ssrc = ssrcOf(session.subscriber, consumer);
    const before = await collect(session.subscriber, ssrc, 5);
    consumer.close();
    const reused = await session.transport.consume({ producerId: second.video?.id as string });
    expect(session.transport.negotiationNeeded).toBe(false);
    expect(reused.mid).toBe(consumer.mid);
    const fromSecond = await session.subscriber.nextPacket(
      (packet) =>
        packet.ssrc === ssrc && readVp8Marker(packet.payload).frame >= 0 && isVp8Keyframe(packet.payload),
    );
    const last = before[before.length - 1] as ReceivedRtp;
    // The subscriber sees one continuous stream: sequence numbers go on (a few packets of the first
    // producer may still have been forwarded before the close), timestamps move forward.
    expect((fromSecond.sequenceNumber - last.sequenceNumber) & 0xffff).toBeLessThan(100);
    expect((fromSecond.timestamp - last.timestamp) >>> 0).toBeLessThan(90_000 * 5);
  });

  test('a consumer added while connected is offered, answered and starts on a keyframe', async () => {
    const [first, second] = await twoPublishers({ audio: true }, { video: true });
    const session = await subscribe(router, stun.url, [first.audio] as never);
    cleanups.push(() => session.subscriber.close());
    const negotiationNeeded = waitForEvent(session.transport as never, 'negotiationneeded');
    const video = await session.transport.consume({ producerId: second.video?.id as string });
    expect(video.mid).toBeUndefined();
    await negotiationNeeded;
    await negotiate(session.transport, session.subscriber);
    const packet = await session.subscriber.nextPacket(
      (candidate) => candidate.ssrc === ssrcOf(session.subscriber, video),
    );
    expect(isVp8Keyframe(packet.payload)).toBe(true);
  });

  test('an offer never answered is taken back; the next offer carries its track, which then flows', async () => {
    const [first, second] = await twoPublishers({ audio: true }, { video: true });
    const session = await subscribe(router, stun.url, [first.audio] as never);
    cleanups.push(() => session.subscriber.close());
    const video = await session.transport.consume({ producerId: second.video?.id as string });
    const lost = await session.transport.createOffer();
    expect(lost.sdp).toContain('m=video');
    // Without a rollback, no other offer can be made while this one waits.
    await expect(session.transport.createOffer()).rejects.toThrow(InvalidStateError);
    await session.transport.rollbackOffer();
    expect(session.transport.negotiationNeeded).toBe(true);
    // Taking back what is already taken back does nothing.
    await session.transport.rollbackOffer();
    await negotiate(session.transport, session.subscriber);
    const packet = await session.subscriber.nextPacket(
      (candidate) => candidate.ssrc === ssrcOf(session.subscriber, video),
    );
    expect(isVp8Keyframe(packet.payload)).toBe(true);
    await collect(session.subscriber, ssrcOf(session.subscriber, session.consumers[0] as never), 5);
  });

  test('an ICE restart of the subscribe transport keeps media flowing', async () => {
    await newRouter();
    const published = await publish(router, stun.url, { audio: true });
    cleanups.push(() => published.publisher.close());
    published.publisher.start();
    const session = await subscribe(router, stun.url, [published.audio] as never);
    cleanups.push(() => session.subscriber.close());
    const ssrc = ssrcOf(session.subscriber, session.consumers[0] as never);
    await collect(session.subscriber, ssrc, 3);
    const ufrag = (sdp: string) => /a=ice-ufrag:(\S+)/.exec(sdp)?.[1];
    const before = ufrag(session.subscriber.pc.remoteDescription?.sdp ?? '');
    const offer = await session.transport.createOffer({ iceRestart: true });
    expect(ufrag(offer.sdp)).not.toBe(before);
    await session.transport.handleAnswer(await session.subscriber.answer(offer.sdp));
    await collect(session.subscriber, ssrc, 20);
  });

  test('bad input is refused with a clear error and the worker keeps serving', async () => {
    await newRouter();
    const publishTransport = await router.createWebRtcTransport({ role: 'publish', listenIps: loopback });
    const subscribeTransport = await router.createWebRtcTransport({ role: 'subscribe', listenIps: loopback });
    await expect(publishTransport.handleOffer('v=0\r\nthis is not sdp')).rejects.toThrow();
    await expect(publishTransport.produce({ mid: '7', kind: 'audio' })).rejects.toThrow(TypeError);
    await expect(subscribeTransport.consume({ producerId: 'nope' })).rejects.toThrow(TypeError);
    await expect(subscribeTransport.handleOffer('v=0')).rejects.toThrow(UnsupportedError);
    await expect(
      router.createWebRtcTransport({ role: 'publish', listenIps: [{ ip: 'nonsense' }] }),
    ).rejects.toThrow(TypeError);
    await expect(
      worker.createRouter({ mediaCodecs: [{ kind: 'video', mimeType: 'video/H264', clockRate: 90000 }] }),
    ).rejects.toThrow(UnsupportedError);

    const published = await publish(router, stun.url, { audio: true });
    cleanups.push(() => published.publisher.close());
    await subscribeTransport.consume({ producerId: published.audio?.id as string });
    await subscribeTransport.createOffer();
    await expect(subscribeTransport.createOffer()).rejects.toThrow(InvalidStateError);
    await expect(subscribeTransport.handleAnswer('garbage')).rejects.toThrow();
    // The failed answer rolled the offer back: a new offer can be made.
    expect((await subscribeTransport.createOffer()).sdp).toContain('m=audio');
    expect((await worker.getResourceUsage()).uncaughtErrors).toBe(0);
  });

  test('workers with separate port ranges put their transports in their own range', async () => {
    const other = await createWorker({ rtcMinPort: 43500, rtcMaxPort: 43509 });
    cleanups.push(() => other.close());
    await newRouter();
    const otherRouter = await other.createRouter();
    const ports: number[][] = [];
    for (const target of [router, otherRouter]) {
      const transport = await target.createWebRtcTransport({ role: 'publish', listenIps: loopback });
      const publisher = new TestPublisher(stun.url).addAudio();
      cleanups.push(() => publisher.close());
      const answer = await transport.handleOffer(await publisher.offer());
      ports.push(
        [...answer.sdp.matchAll(/ udp \d+ 127\.0\.0\.1 (\d+) typ host/g)].map((match) => Number(match[1])),
      );
    }
    expect(ports[0]?.every((port) => port >= 43000 && port <= 43199)).toBe(true);
    expect(ports[1]?.every((port) => port >= 43500 && port <= 43509)).toBe(true);
    expect(ports.flat().length).toBeGreaterThanOrEqual(2);
  });
});
