import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type Consumer, createWorker, type Router, type Worker } from './index.ts';
import { startLoopbackStun } from './loopback-stun.ts';
import { keyFrameRetryMs, pliIntervalMs } from './media/media-producer.ts';
import { isVp8Keyframe } from './media/vp8.ts';
import {
  type PublishSession,
  publish,
  type SubscribeSession,
  ssrcOf,
  subscribe,
} from './testing/sessions.ts';
import { type ReceivedRtp, waitForEvent } from './testing/test-peers.ts';
import { readVp8Marker } from './testing/vp8-payload.ts';

let worker: Worker;
let stun: Awaited<ReturnType<typeof startLoopbackStun>>;
let router: Router;
const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  stun = await startLoopbackStun();
  worker = await createWorker({ rtcMinPort: 43200, rtcMaxPort: 43399 });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  router?.close();
});

afterAll(async () => {
  worker.close();
  await stun.close();
});

/** A publisher sending three layers (320x180, 640x360, 1280x720) at 30 fps, keyframes only on PLI. */
async function simulcastPublisher(): Promise<PublishSession> {
  router = await worker.createRouter();
  const published = await publish(router, stun.url, { rids: ['q', 'h', 'f'] });
  cleanups.push(() => published.publisher.close());
  published.publisher.start();
  // Every layer has been seen (it is active) before the test subscribes.
  await waitForEvent(
    published.video?.observer as never,
    'stats',
    (stats: { layers: Array<{ active: boolean; width: number }> }) =>
      stats.layers.every((layer) => layer.active && layer.width > 0),
  );
  return published;
}

async function subscriber(
  published: PublishSession,
  options: Parameters<typeof subscribe>[3] = {},
): Promise<SubscribeSession & { consumer: Consumer; ssrc: number }> {
  const session = await subscribe(router, stun.url, [published.video] as never, options);
  cleanups.push(() => session.subscriber.close());
  const consumer = session.consumers[0] as Consumer;
  return { ...session, consumer, ssrc: ssrcOf(session.subscriber, consumer) };
}

/** Forwarded packets of `ssrc` until one of `layer` has arrived, plus `after` more of it. */
function packetsUntilLayer(
  session: { subscriber: SubscribeSession['subscriber']; ssrc: number },
  layer: number,
  after = 10,
) {
  const packets: ReceivedRtp[] = [];
  let remaining = -1;
  return new Promise<ReceivedRtp[]>((resolve, reject) => {
    const timer = setTimeout(() => {
      session.subscriber.off('rtp', listener);
      reject(new Error(`layer ${layer} did not arrive (${packets.length} packets)`));
    }, 8000);
    const listener = (packet: ReceivedRtp) => {
      if (packet.ssrc !== session.ssrc) return;
      packets.push(packet);
      if (remaining < 0 && readVp8Marker(packet.payload).layer === layer) remaining = after;
      if (remaining >= 0 && remaining-- === 0) {
        clearTimeout(timer);
        session.subscriber.off('rtp', listener);
        resolve(packets);
      }
    };
    session.subscriber.on('rtp', listener);
  });
}

describe('simulcast', () => {
  test('a layer switch asks for a keyframe of the new layer and happens exactly at it', async () => {
    const published = await simulcastPublisher();
    const { publisher } = published;
    const session = await subscriber(published, { spatialLayer: 0 });
    const atLow = await packetsUntilLayer(session, 0, 5);
    expect(isVp8Keyframe((atLow[0] as ReceivedRtp).payload)).toBe(true);
    expect(session.consumer.currentLayers).toEqual({ spatialLayer: 0 });

    const pliForHigh = waitForEvent<number>(
      publisher,
      'pli',
      (ssrc) => ssrc === publisher.ssrcOf('video', 2),
    );
    const layersChange = waitForEvent(session.consumer as never, 'layerschange', (layers) => layers !== null);
    const switched = packetsUntilLayer(session, 2, 10);
    await session.consumer.setPreferredLayers({ spatialLayer: 2 });
    await pliForHigh;
    const packets = await switched;
    expect(await layersChange).toEqual({ spatialLayer: 2 });

    const first = packets.findIndex((packet) => readVp8Marker(packet.payload).layer === 2);
    // Until the keyframe: only the low layer; from the keyframe on: only the high layer.
    expect(packets.slice(0, first).every((packet) => readVp8Marker(packet.payload).layer === 0)).toBe(true);
    expect(isVp8Keyframe((packets[first] as ReceivedRtp).payload)).toBe(true);
    expect(packets.slice(first).every((packet) => readVp8Marker(packet.payload).layer === 2)).toBe(true);
    // One outgoing stream throughout: the same SSRC, consecutive sequence numbers, rising timestamps.
    for (let i = 1; i < packets.length; i++) {
      const previous = packets[i - 1] as ReceivedRtp;
      const packet = packets[i] as ReceivedRtp;
      expect(packet.sequenceNumber).toBe((previous.sequenceNumber + 1) & 0xffff);
      expect((packet.timestamp - previous.timestamp) >>> 0).toBeLessThan(90_000);
    }
    expect((await session.consumer.getStats()).currentLayer).toBe(2);
  });

  test('a consumer whose target layer answers no keyframe request starts on the lowest, and moves up at the target keyframe', async () => {
    router = await worker.createRouter();
    const published = await publish(router, stun.url, { rids: ['q', 'h', 'f'] });
    cleanups.push(() => published.publisher.close());
    const { publisher } = published;
    // Every layer flows, but only the lowest makes the keyframes asked for: a browser's top layers
    // do not while it turns them off and on (CPU or bandwidth adaptation).
    let topKeyFrames = false;
    const frames = setInterval(() => {
      publisher.sendVideoFrame(0);
      publisher.sendVideoFrame(1, { keyframe: false });
      publisher.sendVideoFrame(2, { keyframe: topKeyFrames });
      topKeyFrames = false;
    }, 30);
    cleanups.push(() => clearInterval(frames));
    await waitForEvent(
      published.video?.observer as never,
      'stats',
      (stats: { layers: Array<{ active: boolean }> }) => stats.layers.every((layer) => layer.active),
    );

    const pliForLow = waitForEvent<number>(publisher, 'pli', (ssrc) => ssrc === publisher.ssrcOf('video', 0));
    const session = await subscriber(published);
    await pliForLow;
    const atLow = await packetsUntilLayer(session, 0, 3);
    expect(readVp8Marker((atLow[0] as ReceivedRtp).payload).layer).toBe(0);
    expect(isVp8Keyframe((atLow[0] as ReceivedRtp).payload)).toBe(true);
    expect((await session.consumer.getStats()).targetLayer).toBe(2);

    const switched = packetsUntilLayer(session, 2, 3);
    topKeyFrames = true;
    const packets = await switched;
    const first = packets.findIndex((packet) => readVp8Marker(packet.payload).layer === 2);
    expect(isVp8Keyframe((packets[first] as ReceivedRtp).payload)).toBe(true);
    expect(packets.slice(first).every((packet) => readVp8Marker(packet.payload).layer === 2)).toBe(true);
  });

  test('without a preference the layer follows the tile size', async () => {
    const published = await simulcastPublisher();
    const session = await subscriber(published, { tileSize: { width: 640, height: 360 } });
    await packetsUntilLayer(session, 1, 3);
    const toSmall = packetsUntilLayer(session, 0, 3);
    await session.consumer.setTileSize({ width: 160, height: 90 });
    await toSmall;
    const toLarge = packetsUntilLayer(session, 2, 3);
    await session.consumer.setTileSize({ width: 1280, height: 720 });
    await toLarge;
  });

  test('a low REMB from the subscriber moves it down to the layer that fits', async () => {
    const published = await simulcastPublisher();
    const session = await subscriber(published);
    await packetsUntilLayer(session, 2, 3);
    const down = packetsUntilLayer(session, 0, 3);
    // The test layers carry ~60 kbps each: 20 kbps fits none, so the lowest it is.
    await session.subscriber.sendRemb(20_000, [session.ssrc]);
    await down;
    const stats = await session.transport.getStats();
    expect(stats.availableOutgoingBitrate).toBe(20_000);
    expect(stats.videoBudget).toBeLessThanOrEqual(20_000);
  });

  test('PLIs to a publisher are throttled per layer, and a late request is not lost', async () => {
    router = await worker.createRouter();
    const published = await publish(router, stun.url, { video: true });
    cleanups.push(() => published.publisher.close());
    const { publisher } = published;
    publisher.sendVideoFrame(0);
    const session = await subscribe(router, stun.url, [published.video] as never);
    cleanups.push(() => session.subscriber.close());
    const consumer = session.consumers[0] as Consumer;
    const times: number[] = [];
    publisher.on('pli', () => times.push(performance.now()));
    // The publisher sends no keyframe: every request stays wanted. 30 requests in 1.2 s.
    const third = new Promise<void>((resolve) => publisher.on('pli', () => times.length >= 3 && resolve()));
    for (let i = 0; i < 30; i++) {
      await consumer.requestKeyFrame();
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    await third;
    for (let i = 1; i < times.length; i++) {
      expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(pliIntervalMs - 20);
    }
    expect(times.length).toBeLessThanOrEqual(4);
  });

  test('a PLI that brings no keyframe (lost on the way) is sent again while a consumer waits', async () => {
    router = await worker.createRouter();
    const published = await publish(router, stun.url, { video: true });
    cleanups.push(() => published.publisher.close());
    const { publisher } = published;
    publisher.sendVideoFrame(0);
    const times: number[] = [];
    publisher.on('pli', () => times.push(performance.now()));
    const second = new Promise<void>((resolve) => publisher.on('pli', () => times.length === 2 && resolve()));
    const session = await subscribe(router, stun.url, [published.video] as never);
    cleanups.push(() => session.subscriber.close());
    // The publisher ignores the PLI: no keyframe comes.
    await second;
    expect((times[1] as number) - (times[0] as number)).toBeGreaterThanOrEqual(keyFrameRetryMs - 50);
    // A keyframe ends the retries: the consumer starts.
    const started = session.subscriber.nextPacket((packet) => isVp8Keyframe(packet.payload));
    publisher.sendVideoFrame(0, { keyframe: true });
    await started;
  });

  test('a lost packet of a layer is NACKed per SSRC and its RTX (repaired-rtp-stream-id) repairs it', async () => {
    router = await worker.createRouter();
    const published = await publish(router, stun.url, { rids: ['q', 'h', 'f'], retransmit: true });
    cleanups.push(() => published.publisher.close());
    const { publisher } = published;
    for (const layer of [0, 1, 2]) publisher.sendVideoFrame(layer, { packets: 3 });
    const pli = waitForEvent<number>(publisher, 'pli', (ssrc) => ssrc === publisher.ssrcOf('video', 0));
    const session = await subscriber(published, { spatialLayer: 0 });
    await pli;
    const started = session.subscriber.nextPacket((packet) => packet.ssrc === session.ssrc);
    publisher.sendVideoFrame(0, { packets: 3 }); // the keyframe the consumer asked for
    await started;
    const lostFrame = publisher.nextFrame(0);
    let packets = 0;
    const repaired = session.subscriber.nextPacket(
      (packet) =>
        packet.ssrc === session.ssrc && readVp8Marker(packet.payload).frame === lostFrame && ++packets === 3,
    );
    const nack = waitForEvent<{ ssrc: number }>(publisher, 'nack');
    publisher.dropNextVideoPacket();
    for (const layer of [0, 1, 2, 0, 1, 2]) publisher.sendVideoFrame(layer, { packets: 3 });
    expect((await nack).ssrc).toBe(publisher.ssrcOf('video', 0));
    await repaired;
  });

  test('a subscriber PLI is relayed to the layer it receives', async () => {
    const published = await simulcastPublisher();
    const session = await subscriber(published, { spatialLayer: 1 });
    await packetsUntilLayer(session, 1, 3);
    const relayed = waitForEvent<number>(
      published.publisher,
      'pli',
      (ssrc) => ssrc === published.publisher.ssrcOf('video', 1),
      pliIntervalMs + 1000,
    );
    // Within the throttle window of the consumer's own first PLI the relay is deferred, not dropped.
    await session.subscriber.sendPli(session.ssrc);
    await relayed;
  });
});
