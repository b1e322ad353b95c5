/**
 * The SFU against real Chromium: page A publishes audio and three-layer VP8 simulcast on a publish
 * connection, page B receives them on a subscribe connection. Signalling is page.evaluate calls; media
 * stays on 127.0.0.1. The tests run in order and build on each other, as one meeting would.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type Consumer,
  type ConsumerLayers,
  createWorker,
  type Producer,
  type Router,
  type WebRtcTransport,
  type Worker,
} from '@parley/sfu';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from './support/browser.ts';

declare global {
  interface Window {
    /** Page A's publish connection, page B's subscribe connection. */
    pc: RTCPeerConnection;
    transceivers: Record<string, RTCRtpTransceiver>;
    /** Page A: stops drawing the canvas of the current screen share. */
    stopDrawing?: () => void;
  }
}

const listenIps = [{ ip: '127.0.0.1' }];

interface InboundVideo {
  mid: string;
  kind: string;
  framesDecoded: number;
  packetsReceived: number;
  frameWidth: number;
}

/** Polls `read` until `done` holds; fails after `timeoutMs` with the last value read. */
async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${timeoutMs} ms (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** inbound-rtp of page B by mid. */
async function inbound(page: Page): Promise<Map<string, InboundVideo>> {
  const list = await page.evaluate(async () => {
    const result: InboundVideo[] = [];
    (await window.pc.getStats()).forEach((report) => {
      if (report.type !== 'inbound-rtp') return;
      result.push({
        mid: report.mid,
        kind: report.kind,
        framesDecoded: report.framesDecoded ?? 0,
        packetsReceived: report.packetsReceived ?? 0,
        frameWidth: report.frameWidth ?? 0,
      });
    });
    return result;
  });
  return new Map(list.map((entry) => [entry.mid, entry]));
}

const decoded = (stats: Map<string, InboundVideo>, mid: string | undefined) =>
  stats.get(mid ?? '')?.framesDecoded ?? 0;
const width = (stats: Map<string, InboundVideo>, mid: string | undefined) =>
  stats.get(mid ?? '')?.frameWidth ?? 0;

/** The local ICE username fragment of the page's selected candidate pair, and of its description. */
function iceUfrags(page: Page): Promise<{ selected?: string; described?: string }> {
  return page.evaluate(async () => {
    const reports = new Map<string, Record<string, unknown>>();
    (await window.pc.getStats()).forEach((report) => {
      reports.set(report.id, report);
    });
    const transport = [...reports.values()].find((report) => report.type === 'transport');
    const pair = reports.get(String(transport?.selectedCandidatePairId));
    const local = reports.get(String(pair?.localCandidateId));
    return {
      selected: local?.usernameFragment as string | undefined,
      described: /a=ice-ufrag:(\S+)/.exec(window.pc.localDescription?.sdp ?? '')?.[1],
    };
  });
}

let worker: Worker;
let router: Router;
let http: Server;
let browser: Browser;
let pageA: Page;
let pageB: Page;
let publish: WebRtcTransport;
let subscribe: WebRtcTransport;
const producers: { audio?: Producer; video?: Producer; screen?: Producer } = {};
const consumers: { audio?: Consumer; video?: Consumer; screen?: Consumer } = {};

beforeAll(async () => {
  worker = await createWorker({ rtcMinPort: 45000, rtcMaxPort: 45199 });
  router = await worker.createRouter();
  // getUserMedia needs a secure context, which http://127.0.0.1 is.
  http = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>sfu</title>');
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  browser = await launchBrowser();
  const context = await browser.newContext();
  pageA = await context.newPage();
  pageB = await context.newPage();
  for (const page of [pageA, pageB])
    await page.goto(`http://127.0.0.1:${(http.address() as AddressInfo).port}/`);
});

afterAll(async () => {
  await browser?.close();
  worker?.close();
  await new Promise((resolve) => http?.close(resolve));
});

/** Page A offers (no need to wait for its ICE candidates: the ICE-lite SFU learns them from checks). */
async function offerFromA(): Promise<string> {
  return pageA.evaluate(async () => {
    await window.pc.setLocalDescription(await window.pc.createOffer());
    return window.pc.localDescription?.sdp ?? '';
  });
}

async function answerToA(sdp: string): Promise<void> {
  await pageA.evaluate((answer) => window.pc.setRemoteDescription({ type: 'answer', sdp: answer }), sdp);
}

/** A screen share in page A: a canvas track without simulcast, on a new transceiver; returns its mid. */
function addScreenShareInA(): Promise<void> {
  return pageA.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    const context = canvas.getContext('2d');
    let frame = 0;
    // A canvas track only has frames while the canvas is drawn on.
    const timer = setInterval(() => {
      if (!context) return;
      context.fillStyle = `hsl(${(frame++ * 7) % 360} 80% 50%)`;
      context.fillRect(0, 0, canvas.width, canvas.height);
    }, 50);
    window.stopDrawing = () => clearInterval(timer);
    const [track] = canvas.captureStream(15).getVideoTracks();
    if (!track) throw new Error('no canvas track');
    window.transceivers.screen = window.pc.addTransceiver(track, { direction: 'sendonly' });
  });
}

/** One round on the subscribe connection: the SFU offers, page B answers. */
async function negotiateB(options: { iceRestart?: boolean } = {}): Promise<void> {
  const offer = await subscribe.createOffer(options);
  const answer = await pageB.evaluate(async (sdp) => {
    await window.pc.setRemoteDescription({ type: 'offer', sdp });
    await window.pc.setLocalDescription(await window.pc.createAnswer());
    return window.pc.localDescription?.sdp ?? '';
  }, offer.sdp);
  await subscribe.handleAnswer(answer);
}

describe('SFU with Chromium', () => {
  test('a publisher with audio and simulcast video reaches a subscriber', async () => {
    publish = await router.createWebRtcTransport({ role: 'publish', listenIps });
    const mids = await pageA.evaluate(async () => {
      const stream = await navigator.mediaDevices.getUserMedia({
        audio: true,
        video: { width: 640, height: 360 },
      });
      const [audioTrack] = stream.getAudioTracks();
      const [videoTrack] = stream.getVideoTracks();
      if (!audioTrack || !videoTrack) throw new Error('no fake camera or microphone');
      window.pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
      const audio = window.pc.addTransceiver(audioTrack, { direction: 'sendonly', streams: [stream] });
      const video = window.pc.addTransceiver(videoTrack, {
        direction: 'sendonly',
        streams: [stream],
        sendEncodings: [
          { rid: 'q', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
          { rid: 'h', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
          { rid: 'f', scaleResolutionDownBy: 1, maxBitrate: 1_200_000 },
        ],
      });
      window.transceivers = { audio, video };
      // Transceivers get their mid from setLocalDescription.
      await window.pc.setLocalDescription(await window.pc.createOffer());
      return { audio: audio.mid ?? '', video: video.mid ?? '' };
    });
    const answer = await publish.handleOffer(
      await pageA.evaluate(() => window.pc.localDescription?.sdp ?? ''),
    );
    await answerToA(answer.sdp);
    producers.audio = await publish.produce({ mid: mids.audio, kind: 'audio' });
    producers.video = await publish.produce({ mid: mids.video, kind: 'video' });
    expect(producers.video.type).toBe('simulcast');
    expect(producers.video.rids).toEqual(['q', 'h', 'f']);
    await waitFor(
      'page A connected',
      () => pageA.evaluate(() => window.pc.connectionState),
      (state) => state === 'connected',
      5000,
    );
    await waitFor(
      'simulcast layer 0 arriving at the SFU',
      () => (producers.video as Producer).getStats(),
      (stats) => stats.layers[0]?.active === true && (stats.layers[0]?.packets ?? 0) > 0,
    );

    subscribe = await router.createWebRtcTransport({ role: 'subscribe', listenIps });
    await pageB.evaluate(() => {
      window.pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
    });
    consumers.audio = await subscribe.consume({ producerId: producers.audio.id });
    consumers.video = await subscribe.consume({
      producerId: producers.video.id,
      tileSize: { width: 640, height: 360 },
    });
    // Consumers start unpaused; their mids come with the offer.
    expect(consumers.video.paused).toBe(false);
    expect(consumers.video.mid).toBeUndefined();
    expect(subscribe.negotiationNeeded).toBe(true);
    await negotiateB();
    expect([consumers.audio.mid, consumers.video.mid]).toEqual(['0', '1']);
    await waitFor(
      'page B connected',
      () => pageB.evaluate(() => window.pc.connectionState),
      (state) => state === 'connected',
      5000,
    );
    const stats = await waitFor(
      'audio and video decoded in page B',
      () => inbound(pageB),
      (list) =>
        decoded(list, consumers.video?.mid) > 0 &&
        (list.get(consumers.audio?.mid ?? '')?.packetsReceived ?? 0) > 0,
    );
    expect(stats.get(consumers.video.mid ?? '')?.kind).toBe('video');
    expect(stats.get(consumers.audio.mid ?? '')?.kind).toBe('audio');
  });

  test("the publisher's send rate ramps up on the SFU's transport-wide feedback", async () => {
    // Chromium starts at 300 kbps; werift's own feedback held it near 130 kbps on loopback.
    await waitFor(
      "page A's available outgoing bitrate above 600 kbps",
      () =>
        pageA.evaluate(async () => {
          let bitrate = 0;
          (await window.pc.getStats()).forEach((report) => {
            if (report.type === 'candidate-pair' && report.nominated)
              bitrate = Math.max(bitrate, report.availableOutgoingBitrate ?? 0);
          });
          return bitrate;
        }),
      (bitrate) => bitrate > 600_000,
    );
    // From a 640x360 camera Chromium sends two layers (160x90, 320x180): it limits the layer count
    // by resolution and leaves out the highest encodings, 'f' here.
    const stats = await waitFor(
      'layers 0 and 1 arriving at the SFU',
      () => (producers.video as Producer).getStats(),
      (current) => current.layers[0]?.active === true && current.layers[1]?.active === true,
    );
    expect(stats.layers.map((layer) => layer.width).slice(0, 2)).toEqual([160, 320]);
  });

  test('the forwarded simulcast layer follows the tile size and B keeps decoding', async () => {
    const video = consumers.video as Consumer;
    // The 640x360 tile wants layer 1 (320x180, the highest Chromium sends); B's bandwidth estimate
    // may hold it on layer 0 for a moment after the start.
    await waitFor(
      'layer 1 forwarded for a 640x360 tile',
      async () => video.currentLayers,
      (current) => current?.spatialLayer === 1,
    );
    const changes: Array<ConsumerLayers | null> = [];
    video.on('layerschange', (layers) => changes.push(layers));
    for (const [tile, layer, frameWidth] of [
      [{ width: 160, height: 90 }, 0, 160],
      [{ width: 640, height: 360 }, 1, 320],
    ] as const) {
      const before = decoded(await inbound(pageB), video.mid);
      await video.setTileSize(tile);
      await waitFor(
        `layer ${layer} forwarded`,
        async () => video.currentLayers,
        (current) => current?.spatialLayer === layer,
      );
      await waitFor(
        `B decodes ${frameWidth}-pixel frames`,
        () => inbound(pageB),
        (list) => width(list, video.mid) === frameWidth && decoded(list, video.mid) > before + 5,
      );
    }
    // Switches happen at a keyframe of the new layer, without a gap in between (no null).
    expect(changes).toEqual([{ spatialLayer: 0 }, { spatialLayer: 1 }]);
    expect(await video.getStats()).toMatchObject({ currentLayer: 1, targetLayer: 1 });
  });

  test('a second video added by renegotiation reaches B after B renegotiates', async () => {
    await addScreenShareInA();
    const answer = await publish.handleOffer(await offerFromA());
    await answerToA(answer.sdp);
    const mid = await pageA.evaluate(() => window.transceivers.screen?.mid ?? '');
    expect(mid).toBe('2');
    producers.screen = await publish.produce({ mid, kind: 'video' });
    expect(producers.screen.type).toBe('simple');

    consumers.screen = await subscribe.consume({ producerId: producers.screen.id });
    expect(subscribe.negotiationNeeded).toBe(true);
    await negotiateB();
    await waitFor(
      'the screen share decoded in B',
      () => inbound(pageB),
      (list) => decoded(list, consumers.screen?.mid) > 0 && width(list, consumers.screen?.mid) === 320,
    );
  });

  test('a screen share stopped and started again: the m-sections on both sides are reused', async () => {
    // Stopping: A stops its transceiver and renegotiates; the server closes the producer (which
    // closes B's consumer and frees B's m-section for the next video consumer).
    const oldMid = consumers.screen?.mid;
    const closed = new Promise<void>((resolve) => consumers.screen?.once('producerclose', resolve));
    await pageA.evaluate(() => {
      window.stopDrawing?.();
      window.transceivers.screen?.stop();
    });
    producers.screen?.close();
    await closed;
    await answerToA((await publish.handleOffer(await offerFromA())).sdp);

    // Starting again: Chromium recycles the stopped m-section with a new mid.
    await addScreenShareInA();
    await answerToA((await publish.handleOffer(await offerFromA())).sdp);
    const mid = await pageA.evaluate(() => window.transceivers.screen?.mid ?? '');
    producers.screen = await publish.produce({ mid, kind: 'video' });
    consumers.screen = await subscribe.consume({ producerId: producers.screen.id });
    // B's free m-section carries it at once, without a renegotiation.
    expect(consumers.screen.mid).toBe(oldMid);
    expect(subscribe.negotiationNeeded).toBe(false);
    const before = decoded(await inbound(pageB), oldMid);
    await waitFor(
      'the new screen share decoded in B on the old m-section',
      () => inbound(pageB),
      (list) => decoded(list, oldMid) > before + 5,
    );
  });

  test('an ICE restart of the subscribe connection keeps B receiving', async () => {
    const before = decoded(await inbound(pageB), consumers.video?.mid);
    await negotiateB({ iceRestart: true });
    await waitFor(
      "B's selected candidate pair is the new ICE session's",
      () => iceUfrags(pageB),
      (ufrags) => ufrags.selected !== undefined && ufrags.selected === ufrags.described,
    );
    await waitFor(
      'B keeps decoding after the restart',
      () => inbound(pageB),
      (list) => decoded(list, consumers.video?.mid) > before + 20,
    );
    expect(subscribe.connectionState).toBe('connected');
  });

  test('an ICE restart of the publish connection (the browser offers it) keeps media flowing', async () => {
    const before = decoded(await inbound(pageB), consumers.video?.mid);
    await pageA.evaluate(() => window.pc.restartIce());
    await answerToA((await publish.handleOffer(await offerFromA())).sdp);
    await waitFor(
      "A's selected candidate pair is the new ICE session's",
      () => iceUfrags(pageA),
      (ufrags) => ufrags.selected !== undefined && ufrags.selected === ufrags.described,
    );
    await waitFor(
      'B keeps decoding what A sends after the restart',
      () => inbound(pageB),
      (list) => decoded(list, consumers.video?.mid) > before + 20,
    );
    expect(publish.connectionState).toBe('connected');
    expect((await worker.getResourceUsage()).uncaughtErrors).toBe(0);
  });
});
