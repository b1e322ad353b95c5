import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWorker, type Router, type Worker } from './index.ts';
import { Vp8Depacketizer, type Vp8Frame } from './media/vp8-depacketizer.ts';
import { loadTestMedia, makeTestMediaFile, startLoopbackStun, type TestMedia } from './testing/index.ts';
import { publish, ssrcOf, subscribe } from './testing/sessions.ts';
import type { ReceivedRtp } from './testing/test-peers.ts';

let dir: string;
let media: TestMedia;
let worker: Worker;
let router: Router;
let stun: Awaited<ReturnType<typeof startLoopbackStun>>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'parley-real-media-'));
  media = await loadTestMedia(await makeTestMediaFile(dir, { seconds: 2, width: 320, height: 240, fps: 15 }));
  stun = await startLoopbackStun();
  worker = await createWorker({ rtcMinPort: 43800, rtcMaxPort: 43899 });
  router = await worker.createRouter();
});

afterAll(async () => {
  router?.close();
  worker?.close();
  await stun?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('real media from test peers', () => {
  test('the test file has VP8 keyframes every second and 20 ms Opus packets', () => {
    expect(media).toMatchObject({ width: 320, height: 240, fps: 15 });
    expect(media.durationMs).toBeGreaterThan(1900);
    expect(media.video.filter((frame) => frame.key)).toHaveLength(2);
    expect(media.video[0]?.key).toBe(true);
    expect(media.audio.length).toBeGreaterThan(90);
  });

  test('a publisher sends the file through the SFU: frames arrive byte for byte, from a keyframe', async () => {
    const published = await publish(router, stun.url, { audio: true, video: true, media });
    const session = await subscribe(router, stun.url, [published.audio, published.video] as never);
    try {
      const [audioConsumer, videoConsumer] = session.consumers;
      const videoSsrc = ssrcOf(session.subscriber, videoConsumer as never);
      const audioSsrc = ssrcOf(session.subscriber, audioConsumer as never);
      const depacketizer = new Vp8Depacketizer();
      const frames: Vp8Frame[] = [];
      const audio: ReceivedRtp[] = [];
      // Past the end of the 2 s file: the loop goes on with increasing timestamps.
      const enough = new Promise<void>((resolve) => {
        session.subscriber.on('rtp', (packet: ReceivedRtp) => {
          if (packet.ssrc === audioSsrc) audio.push(packet);
          if (packet.ssrc !== videoSsrc) return;
          const frame = depacketizer.push(packet);
          if (frame) frames.push(frame);
          if (frames.length === 40) resolve();
        });
      });
      published.publisher.start();
      await enough;

      expect(frames[0]).toMatchObject({ keyframe: true, width: 320, height: 240 });
      const fileFrames = new Set(media.video.map((frame) => frame.data.toString('base64')));
      for (const frame of frames)
        expect(fileFrames.has(Buffer.from(frame.data).toString('base64'))).toBe(true);
      const steps = frames
        .slice(1)
        .map((frame, i) => (frame.timestamp - (frames[i] as Vp8Frame).timestamp) >>> 0);
      for (const step of steps) expect(step).toBeGreaterThan(0);
      for (const step of steps) expect(step).toBeLessThan(90 * 1000);

      const filePackets = new Set(media.audio.map((frame) => frame.data.toString('base64')));
      expect(audio.length).toBeGreaterThan(10);
      for (const packet of audio) expect(filePackets.has(packet.payload.toString('base64'))).toBe(true);
    } finally {
      await session.subscriber.close();
      await published.publisher.close();
    }
  });
});
