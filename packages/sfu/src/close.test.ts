import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { InvalidStateError } from './errors.ts';
import { createWorker, type Worker } from './index.ts';
import { startLoopbackStun } from './loopback-stun.ts';
import { publish, ssrcOf, subscribe } from './testing/sessions.ts';
import { waitForEvent } from './testing/test-peers.ts';

let stun: Awaited<ReturnType<typeof startLoopbackStun>>;

beforeAll(async () => {
  stun = await startLoopbackStun();
});

afterAll(async () => {
  await stun.close();
});

/** Records which of `events` each emitter emitted, in order. */
function record(
  emitters: Record<string, { on: (event: never, listener: () => void) => unknown }>,
  events: string[],
) {
  const seen: string[] = [];
  for (const [name, emitter] of Object.entries(emitters)) {
    for (const event of events) emitter.on(event as never, () => seen.push(`${name}:${event}`));
  }
  return seen;
}

/** A meeting of two: one publishing audio and video, one consuming both. */
async function meeting(worker: Worker) {
  const router = await worker.createRouter();
  const published = await publish(router, stun.url);
  const session = await subscribe(router, stun.url, [published.audio, published.video] as never);
  const [audioConsumer, videoConsumer] = session.consumers as [
    (typeof session.consumers)[0],
    (typeof session.consumers)[0],
  ];
  return {
    router,
    published,
    session,
    audioConsumer,
    videoConsumer,
    close: async () => {
      await published.publisher.close();
      await session.subscriber.close();
    },
  };
}

describe('closing', () => {
  let worker: Worker;

  beforeAll(async () => {
    worker = await createWorker({ rtcMinPort: 43400, rtcMaxPort: 43499 });
  });

  afterAll(() => worker.close());

  test('router.close closes its transports, their producers and consumers, in the worker too', async () => {
    const m = await meeting(worker);
    const seen = record(
      {
        publish: m.published.transport,
        subscribe: m.session.transport,
        audio: m.published.audio as never,
        video: m.published.video as never,
        audioConsumer: m.audioConsumer,
        videoConsumer: m.videoConsumer,
      },
      ['routerclose', 'transportclose', 'producerclose'],
    );
    const routerClosed = waitForEvent(m.router.observer as never, 'close');
    m.router.close();
    m.router.close();
    await routerClosed;
    // A consumer closes once, for whichever reason comes first: its producer's transport or its own.
    expect(seen.filter((event) => !event.includes('Consumer')).sort()).toEqual(
      ['audio:transportclose', 'publish:routerclose', 'subscribe:routerclose', 'video:transportclose'].sort(),
    );
    expect(seen.filter((event) => event.includes('Consumer')).sort()).toEqual(
      ['audioConsumer:producerclose', 'videoConsumer:producerclose'].sort(),
    );
    for (const closable of [m.published.transport, m.session.transport, m.published.audio, m.audioConsumer]) {
      expect(closable?.closed).toBe(true);
    }
    expect(worker.routers.size).toBe(0);
    expect(await worker.getResourceUsage()).toMatchObject({
      routers: 0,
      transports: 0,
      producers: 0,
      consumers: 0,
    });
    await expect(m.session.transport.createOffer()).rejects.toThrow(InvalidStateError);
    await m.close();
  });

  test('producer.close closes its consumers with producerclose and stops their media', async () => {
    const m = await meeting(worker);
    m.published.publisher.start();
    await m.session.subscriber.nextPacket(
      (packet) => packet.ssrc === ssrcOf(m.session.subscriber, m.videoConsumer),
    );
    const producerClosed = waitForEvent(m.videoConsumer as never, 'producerclose');
    m.published.video?.close();
    await producerClosed;
    expect(m.videoConsumer.closed).toBe(true);
    expect(m.audioConsumer.closed).toBe(false);
    expect(m.session.transport.consumers.has(m.videoConsumer.id)).toBe(false);
    expect(m.router.producers.has(m.published.video?.id as string)).toBe(false);
    expect(await worker.getResourceUsage()).toMatchObject({ producers: 1, consumers: 1 });
    // Audio still flows.
    await m.session.subscriber.nextPacket(
      (packet) => packet.ssrc === ssrcOf(m.session.subscriber, m.audioConsumer),
    );
    m.router.close();
    await m.close();
  });

  test('closing the publish transport closes its producers and, through them, their consumers', async () => {
    const m = await meeting(worker);
    const seen = record(
      { audio: m.published.audio as never, audioConsumer: m.audioConsumer, videoConsumer: m.videoConsumer },
      ['transportclose', 'producerclose'],
    );
    m.published.transport.close();
    expect(seen.sort()).toEqual(
      ['audio:transportclose', 'audioConsumer:producerclose', 'videoConsumer:producerclose'].sort(),
    );
    expect(m.session.transport.closed).toBe(false);
    expect(m.session.transport.consumers.size).toBe(0);
    expect(await worker.getResourceUsage()).toMatchObject({ transports: 1, producers: 0, consumers: 0 });
    m.router.close();
    await m.close();
  });

  test('pausing a producer tells its consumers; close is idempotent and later calls do nothing', async () => {
    const m = await meeting(worker);
    const paused = waitForEvent(m.videoConsumer as never, 'producerpause');
    await m.published.video?.pause();
    await paused;
    expect(m.videoConsumer.producerPaused).toBe(true);
    const resumed = waitForEvent(m.videoConsumer as never, 'producerresume');
    await m.published.video?.resume();
    await resumed;
    m.videoConsumer.close();
    m.videoConsumer.close();
    await m.videoConsumer.pause();
    expect(m.videoConsumer.paused).toBe(false);
    expect((await worker.getResourceUsage()).consumers).toBe(1);
    m.router.close();
    await m.close();
  });
});

describe('a worker process that dies', () => {
  test('reports died and closes its routers with workerclose, down to every consumer', async () => {
    const worker = await createWorker({ rtcMinPort: 43600, rtcMaxPort: 43699 });
    const m = await meeting(worker);
    const seen = record(
      {
        router: m.router,
        publish: m.published.transport,
        video: m.published.video as never,
        videoConsumer: m.videoConsumer,
      },
      ['workerclose', 'routerclose', 'transportclose', 'producerclose'],
    );
    const died = waitForEvent<Error>(worker as never, 'died');
    process.kill(worker.pid, 'SIGKILL');
    const error = await died;
    expect(error.message).toMatch(/SIGKILL/);
    expect(worker.died).toBe(true);
    expect(seen).toContain('router:workerclose');
    expect(seen).toContain('publish:routerclose');
    expect(seen).toContain('video:transportclose');
    expect(seen.some((event) => event.startsWith('videoConsumer:'))).toBe(true);
    expect(m.router.closed && m.videoConsumer.closed).toBe(true);
    await expect(worker.createRouter()).rejects.toThrow(InvalidStateError);
    await expect(m.published.video?.getStats()).rejects.toThrow(InvalidStateError);
    await m.close();
  });

  test('worker.close closes its routers with workerclose and is not a death', async () => {
    const worker = await createWorker({ rtcMinPort: 43700, rtcMaxPort: 43799 });
    const router = await worker.createRouter();
    let died = false;
    worker.on('died', () => {
      died = true;
    });
    const workerClose = waitForEvent(router as never, 'workerclose');
    const exited = new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        try {
          process.kill(worker.pid, 0);
        } catch {
          clearInterval(poll);
          resolve();
        }
      }, 20);
    });
    worker.close();
    await workerClose;
    await exited;
    expect(died).toBe(false);
    expect(worker.closed).toBe(true);
  });
});
