import type { MediaSource } from '@parley/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeTrack, subscribeSdp } from '../testing/fake-rtc.ts';
import { settle } from '../testing/manual-clock.ts';
import { alice, bob, joinedFrame, meetingHarness } from '../testing/meeting-harness.ts';
import type { NoiseSuppressor } from './noise-suppressor.ts';

type Harness = ReturnType<typeof meetingHarness>;

/** Joins with these devices and answers the first publish. */
async function joined(options: { audio: boolean; video: boolean }, harness = meetingHarness()) {
  h = harness;
  await h.room.join(options);
  return h.admit();
}

let h: Harness;

function publishPc() {
  const pc = h.fake.pcs.at(-1);
  if (!pc) throw new Error('no peer connection');
  return pc;
}

function transceiver(index: number) {
  const found = publishPc().transceivers[index];
  if (!found) throw new Error(`no transceiver ${index}`);
  return found;
}

describe('MeetingRoom media', () => {
  afterEach(() => h.checkFrames());

  it('publishes the microphone and a three-layer VP8 camera on one bundled connection', async () => {
    const publish = await joined({ audio: true, video: true });
    const pc = publishPc();
    expect(pc.configuration).toEqual({
      iceServers: [{ urls: 'turn:turn.parley.test:3478', username: 'u', credential: 'p' }],
      iceTransportPolicy: 'all',
      bundlePolicy: 'max-bundle',
    });
    expect(publish.tracks).toEqual([
      { mid: '0', source: 'mic', paused: false },
      { mid: '1', source: 'camera', paused: false },
    ]);
    expect(publish.sdp).toContain('a=fmtp:111 minptime=10;useinbandfec=1;usedtx=1');
    // The SFU's answer decides what this browser's Opus encoder does.
    expect(pc.remoteDescription?.sdp).toContain('a=fmtp:111 minptime=10;useinbandfec=1;usedtx=1');
    expect(transceiver(1).sendEncodings?.map((e) => [e.rid, e.scaleResolutionDownBy])).toEqual([
      ['q', 4],
      ['h', 2],
      ['f', 1],
    ]);
    expect(transceiver(1).codecPreferences?.[0]?.mimeType).toBe('video/VP8');
    expect(transceiver(0).codecPreferences?.[0]?.mimeType).toBe('audio/opus');
    expect(transceiver(0).sender.track).toBe(h.room.getSnapshot().local.tracks.mic);
    expect(transceiver(1).sender.track).toBe(h.room.getSnapshot().local.tracks.camera);
  });

  it('joins muted with the camera off: the microphone is open but silent, the camera closed', async () => {
    const publish = await joined({ audio: false, video: false });
    expect(publish.tracks).toEqual([
      { mid: '0', source: 'mic', paused: true },
      { mid: '1', source: 'camera', paused: true },
    ]);
    expect(h.fake.requests.map((r) => Object.keys(r.constraints as object))).toEqual([['audio']]);
    const { local } = h.room.getSnapshot();
    expect(local).toMatchObject({ micOn: false, cameraOn: false });
    expect(local.tracks.mic?.enabled).toBe(false);
  });

  it('mutes and unmutes with set-media and the track, without a new offer', async () => {
    await joined({ audio: true, video: false });
    const mic = h.room.getSnapshot().local.tracks.mic;
    const muting = h.room.setMicrophone(false);
    expect(mic?.enabled).toBe(false);
    expect(await h.socket().answer('set-media')).toMatchObject({ source: 'mic', on: false });
    await muting;
    const unmuting = h.room.setMicrophone(true);
    await settle();
    expect(mic?.enabled).toBe(true);
    expect(await h.socket().answer('set-media')).toMatchObject({ source: 'mic', on: true });
    await unmuting;
    expect(h.socket().unread('publish')).toEqual([]);
    expect(publishPc().offers).toHaveLength(1);
  });

  it('keeps changes made in the waiting room local: the first publish carries them', async () => {
    h = meetingHarness();
    await h.room.join({ audio: true, video: false });
    h.socket().receive({ type: 'waiting', title: 'Standup' });
    await h.room.setMicrophone(false);
    expect(h.socket().unread('set-media')).toEqual([]);
    const publish = await h.admit();
    expect(publish.tracks[0]).toEqual({ mid: '0', source: 'mic', paused: true });
  });

  it('closes the camera when it turns off (its light goes off) and opens it again without renegotiating', async () => {
    await joined({ audio: true, video: true });
    const first = h.room.getSnapshot().local.tracks.camera as unknown as FakeTrack;
    const off = h.room.setCamera(false);
    await settle();
    expect(first.readyState).toBe('ended');
    expect(transceiver(1).sender.track).toBeNull();
    expect(await h.socket().answer('set-media')).toMatchObject({ source: 'camera', on: false });
    await off;
    const on = h.room.setCamera(true);
    expect(await h.socket().answer('set-media')).toMatchObject({ source: 'camera', on: true });
    await on;
    const second = h.room.getSnapshot().local.tracks.camera;
    expect(second).not.toBe(first);
    expect(transceiver(1).sender.track).toBe(second);
    expect(publishPc().offers).toHaveLength(1);
  });

  it('fits the simulcast layers to what the camera captures', async () => {
    h = meetingHarness();
    h.fake.cameraSize = { width: 640, height: 480 };
    await joined({ audio: false, video: true }, h);
    const layers = () =>
      transceiver(1).sender.encodings.map((e) => [e.rid, e.scaleResolutionDownBy, e.active]);
    expect(layers()).toEqual([
      ['q', 2, true],
      ['h', 1, true],
      ['f', 1, false],
    ]);
    h.fake.cameraSize = { width: 1280, height: 720 };
    await h.room.switchDevice('videoinput', 'hd-camera');
    expect(layers()).toEqual([
      ['q', 4, true],
      ['h', 2, true],
      ['f', 1, true],
    ]);
  });

  it('turns the camera off again when the server refuses to turn it on', async () => {
    await joined({ audio: false, video: false });
    const on = h.room.setCamera(true);
    const frame = await h.socket().next('set-media');
    h.socket().receive({ type: 'error', id: frame.id, code: 'FORBIDDEN', message: 'No.' });
    await expect(on).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(h.room.getSnapshot().local.cameraOn).toBe(false);
    expect(h.fake.tracks.filter((t) => t.kind === 'video').every((t) => t.readyState === 'ended')).toBe(true);
  });

  it('follows a host who muted me or stopped my video, and never unmutes by itself', async () => {
    await joined({ audio: true, video: true });
    const mic = h.room.getSnapshot().local.tracks.mic;
    const camera = h.room.getSnapshot().local.tracks.camera as unknown as FakeTrack;
    h.socket().receive({ type: 'notice', kind: 'muted', by: 'Alice' });
    h.socket().receive({ type: 'notice', kind: 'video-stopped', by: 'Alice' });
    h.socket().receive({ type: 'notice', kind: 'ask-unmute', by: 'Alice' });
    await settle();
    expect(mic?.enabled).toBe(false);
    expect(camera.readyState).toBe('ended');
    expect(h.room.getSnapshot().local).toMatchObject({ micOn: false, cameraOn: false });
    // The server already paused both; nothing to tell it.
    expect(h.socket().unread('set-media')).toEqual([]);
  });

  it('answers subscribe offers in order and maps their tracks by MID', async () => {
    await joined({ audio: false, video: false });
    const received: string[][] = [];
    h.room.on('tracks', (tracks) => received.push(tracks.map((t) => `${t.participantId}:${t.source}`)));
    h.socket().receive({
      type: 'subscribe-offer',
      sdp: subscribeSdp([{ mid: '0', kind: 'audio' }]),
      tracks: [{ mid: '0', participantId: alice, source: 'mic', kind: 'audio' }],
    });
    h.socket().receive({
      type: 'subscribe-offer',
      sdp: subscribeSdp([
        { mid: '0', kind: 'audio' },
        { mid: '1', kind: 'video' },
      ]),
      tracks: [
        { mid: '0', participantId: alice, source: 'mic', kind: 'audio' },
        { mid: '1', participantId: bob, source: 'camera', kind: 'video' },
      ],
    });
    await h.socket().answer('subscribe-answer');
    await h.socket().answer('subscribe-answer');
    await settle();
    expect(received).toEqual([[`${alice}:mic`], [`${alice}:mic`, `${bob}:camera`]]);
    const subscribePc = h.fake.pcs[1];
    const remote = h.room.getSnapshot().remoteTracks;
    expect(remote[1]?.track).toBe(subscribePc?.transceivers.find((t) => t.mid === '1')?.receiver.track);
    expect(remote[1]?.stream.getTracks()).toEqual([remote[1]?.track]);
    expect(h.fake.pcs).toHaveLength(2);
  });

  it('shares the screen on its own m-section without RIDs, stops it, and shares again', async () => {
    await joined({ audio: true, video: true });
    const starting = h.room.startScreenShare();
    const publish = await h.answerPublish();
    await starting;
    expect(publish.tracks).toEqual([
      { mid: '0', source: 'mic', paused: false },
      { mid: '1', source: 'camera', paused: false },
      { mid: '2', source: 'screen', paused: false },
    ]);
    const screen = h.room.getSnapshot().local.tracks.screen;
    expect(screen?.contentHint).toBe('detail');
    expect(transceiver(2).sendEncodings).toEqual([{ maxBitrate: 2_500_000 }]);
    expect(h.room.getSnapshot().local.screenOn).toBe(true);

    const stopping = h.room.stopScreenShare();
    const stop = await h.answerPublish();
    await stopping;
    expect(stop.tracks.map((t: { source: MediaSource }) => t.source)).toEqual(['mic', 'camera']);
    // Stopped, as the SFU's Chromium interop test does: the next share recycles the m-section.
    expect(transceiver(2).stopped).toBe(true);
    expect((screen as unknown as FakeTrack).readyState).toBe('ended');

    const again = h.room.startScreenShare();
    const republish = await h.answerPublish();
    await again;
    expect(republish.tracks.map((t: { source: MediaSource }) => t.source)).toEqual([
      'mic',
      'camera',
      'screen',
    ]);
    expect(transceiver(3).sender.track).toBe(h.room.getSnapshot().local.tracks.screen);
  });

  it('stops sharing when the browser says the share ended', async () => {
    await joined({ audio: false, video: false });
    const starting = h.room.startScreenShare();
    await h.answerPublish();
    await starting;
    (h.room.getSnapshot().local.tracks.screen as unknown as FakeTrack).end();
    const stop = await h.answerPublish();
    expect(stop.tracks.map((t: { source: MediaSource }) => t.source)).toEqual(['mic', 'camera']);
  });

  it('undoes a screen share the server refuses', async () => {
    await joined({ audio: false, video: false });
    const starting = h.room.startScreenShare();
    const publish = await h.socket().next('publish');
    h.socket().receive({
      type: 'error',
      id: publish.id,
      code: 'SCREEN_SHARE_TAKEN',
      message: 'Alice is sharing.',
    });
    await expect(starting).rejects.toMatchObject({ code: 'SCREEN_SHARE_TAKEN' });
    expect(h.room.getSnapshot().local.screenOn).toBe(false);
    expect(h.fake.tracks.find((t) => t.label === 'screen')?.readyState).toBe('ended');
    expect(publishPc().signalingState).toBe('stable');
    // The refused m-section was never negotiated: nothing to offer again.
    expect(h.socket().unread('publish')).toEqual([]);
    // The rejected promise says it; the error event is for failures nobody waits for.
    expect(h.errors).toEqual([]);
  });

  it('takes an answer refused for coming too late as no error, and answers the offer made again', async () => {
    await joined({ audio: false, video: false });
    const offer = {
      type: 'subscribe-offer',
      sdp: subscribeSdp([{ mid: '0', kind: 'audio' }]),
      tracks: [{ mid: '0', participantId: alice, source: 'mic', kind: 'audio' }],
    } as const;
    h.socket().receive(offer);
    const late = await h.socket().next('subscribe-answer');
    h.socket().receive({ type: 'error', id: late.id, code: 'CONFLICT', message: 'No offer is waiting.' });
    h.socket().receive(offer);
    await h.socket().answer('subscribe-answer');
    await settle();
    expect(h.errors).toEqual([]);
    expect(h.room.getSnapshot().remoteTracks.map((t) => t.participantId)).toEqual([alice]);
  });

  it('restarts ICE: a new offer on the publish connection, restart-ice for the subscribe one', async () => {
    await joined({ audio: true, video: false });
    h.socket().receive({
      type: 'subscribe-offer',
      sdp: subscribeSdp([{ mid: '0', kind: 'audio' }]),
      tracks: [{ mid: '0', participantId: alice, source: 'mic', kind: 'audio' }],
    });
    await h.socket().answer('subscribe-answer');
    const [publish, subscribe] = h.fake.pcs;
    publish?.setIce('failed');
    await h.answerPublish();
    expect(publish?.offers.at(-1)).toEqual({ iceRestart: true });
    subscribe?.setIce('disconnected');
    await h.clock.advance(3000);
    await h.socket().answer('restart-ice');
  });

  it('reports a first publish the server refuses', async () => {
    h = meetingHarness();
    await h.room.join({ audio: true, video: false });
    h.socket().receive(joinedFrame());
    const publish = await h.socket().next('publish');
    h.socket().receive({ type: 'error', id: publish.id, code: 'INVALID_SDP', message: 'Refused.' });
    await settle();
    expect(h.errors).toMatchObject([{ kind: 'publish', error: { code: 'INVALID_SDP' } }]);
  });

  it('starts both connections over on media-reset', async () => {
    await joined({ audio: true, video: false });
    const first = publishPc();
    h.socket().receive({ type: 'media-reset' });
    expect(first.closed).toBe(true);
    const publish = await h.answerPublish();
    expect(publishPc()).not.toBe(first);
    expect(publish.tracks).toHaveLength(2);
  });

  it('goes on without a device that fails, and reports it', async () => {
    h = meetingHarness();
    h.fake.failNext.audio = new DOMException('Permission denied', 'NotAllowedError');
    const publish = await joined({ audio: true, video: true }, h);
    expect(h.errors.map((e) => e.kind)).toEqual(['microphone']);
    expect(h.room.getSnapshot().local).toMatchObject({ micOn: false, cameraOn: true });
    expect(publish.tracks[0]).toEqual({ mid: '0', source: 'mic', paused: true });
  });

  it('turns the camera off when it is unplugged', async () => {
    await joined({ audio: false, video: true });
    (h.room.getSnapshot().local.tracks.camera as unknown as FakeTrack).end();
    expect(await h.socket().answer('set-media')).toMatchObject({ source: 'camera', on: false });
    expect(h.errors.map((e) => e.kind)).toEqual(['camera']);
  });

  it('measures its own link every two seconds', async () => {
    await joined({ audio: false, video: false });
    publishPc().stats.set('pair', {
      type: 'candidate-pair',
      nominated: true,
      state: 'succeeded',
      currentRoundTripTime: 0.3,
    });
    await h.clock.advance(2000);
    expect(h.room.getSnapshot().quality.local).toMatchObject({ rttMs: 300, quality: 'fair' });
  });

  it('puts noise suppression between the microphone and what is sent, without renegotiating', async () => {
    const filters: { input: MediaStreamTrack; output: FakeTrack; closed: boolean }[] = [];
    const noiseSuppressor: NoiseSuppressor = {
      supported: true,
      async apply(input) {
        const filter = { input, output: new FakeTrack('audio', 'filtered'), closed: false };
        filters.push(filter);
        return {
          track: filter.output as unknown as MediaStreamTrack,
          close: () => {
            filter.closed = true;
          },
        };
      },
    };
    await joined({ audio: true, video: false }, meetingHarness({ noiseSuppressor }));
    const raw = filters[0]?.input;
    expect(h.room.getSnapshot().local.noiseSuppression).toBe(true);
    expect(transceiver(0).sender.track).toBe(filters[0]?.output);

    const muting = h.room.setMicrophone(false);
    expect([raw?.enabled, filters[0]?.output.enabled]).toEqual([false, false]);
    await h.socket().answer('set-media');
    await muting;

    await h.room.setNoiseSuppression(false);
    expect(transceiver(0).sender.track).toBe(raw);
    expect(filters[0]?.closed).toBe(true);
    expect(h.room.getSnapshot().local.noiseSuppression).toBe(false);
    expect(publishPc().offers).toHaveLength(1);
  });

  it('refuses noise suppression where it cannot run', async () => {
    await joined({ audio: true, video: false });
    expect(h.room.noiseSuppressionSupported).toBe(false);
    expect(h.room.getSnapshot().local.noiseSuppression).toBe(false);
    await expect(h.room.setNoiseSuppression(true)).rejects.toThrow(/not available/);
  });

  it('switches the microphone: the new one is sent, the old one stops', async () => {
    await joined({ audio: true, video: false });
    const old = h.room.getSnapshot().local.tracks.mic as unknown as FakeTrack;
    await h.room.switchDevice('audioinput', 'usb-headset');
    const now = h.room.getSnapshot().local;
    expect(now.audioInputId).toBe('usb-headset');
    expect(transceiver(0).sender.track).toBe(now.tracks.mic);
    expect(old.readyState).toBe('ended');
    expect(h.fake.requests.at(-1)?.constraints).toMatchObject({
      audio: { deviceId: { exact: 'usb-headset' } },
    });
  });
});
