import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.ts';
import { FakeTrack, fakeRtc } from '../testing/fake-rtc.ts';
import { ManualClock } from '../testing/manual-clock.ts';
import { meetingHarness } from '../testing/meeting-harness.ts';
import type { LevelMeter } from './level-meter.ts';
import { MutedSpeech } from './muted-speech.ts';
import type { NoiseSuppressor } from './noise-suppressor.ts';

/** Meters whose level the test sets, and which remember being closed. */
function fakeMeters() {
  const opened: { track: MediaStreamTrack; closed: boolean }[] = [];
  const meters = {
    level: -70,
    opened,
    get open() {
      return opened.filter((meter) => !meter.closed).length;
    },
    meter(track: MediaStreamTrack): LevelMeter {
      const entry = { track, closed: false };
      opened.push(entry);
      return {
        level: () => meters.level,
        close: () => {
          entry.closed = true;
        },
      };
    },
  };
  return meters;
}

describe('MutedSpeech', () => {
  let clock: ManualClock;
  let meters: ReturnType<typeof fakeMeters>;
  let spoken: number;
  let watcher: MutedSpeech;
  const mic = new FakeTrack('audio') as unknown as MediaStreamTrack;

  beforeEach(() => {
    clock = new ManualClock();
    meters = fakeMeters();
    spoken = 0;
    watcher = new MutedSpeech({
      clock,
      meter: (track) => meters.meter(track),
      logger: silentLogger,
      onSpeaking: () => {
        spoken += 1;
      },
    });
  });

  it('measures nothing and sets no timer until given a track', async () => {
    await clock.advance(1_000);
    expect(meters.opened).toHaveLength(0);
    expect(clock.pending).toBe(0);
  });

  it('tells once per stretch of speech', async () => {
    watcher.watch(mic);
    expect(meters.opened[0]?.track).toBe(mic);
    await clock.advance(1_000);
    expect(spoken).toBe(0);
    meters.level = -20;
    await clock.advance(300);
    expect(spoken).toBe(0);
    await clock.advance(100);
    expect(spoken).toBe(1);
    await clock.advance(5_000);
    expect(spoken).toBe(1);
    meters.level = -70;
    await clock.advance(1_000);
    meters.level = -20;
    await clock.advance(400);
    expect(spoken).toBe(2);
  });

  it('keeps its meter while watching the same track, and stops it when told to stop', async () => {
    watcher.watch(mic);
    watcher.watch(mic);
    expect(meters.opened).toHaveLength(1);
    watcher.watch(null);
    expect(meters.open).toBe(0);
    expect(clock.pending).toBe(0);
    meters.level = -20;
    await clock.advance(1_000);
    expect(spoken).toBe(0);
  });

  it('starts afresh on another track', async () => {
    watcher.watch(mic);
    meters.level = -20;
    await clock.advance(200);
    const other = new FakeTrack('audio') as unknown as MediaStreamTrack;
    watcher.watch(other);
    expect(meters.opened.map((meter) => meter.closed)).toEqual([true, false]);
    await clock.advance(300);
    expect(spoken).toBe(0);
    await clock.advance(100);
    expect(spoken).toBe(1);
    watcher.close();
    expect(meters.open).toBe(0);
  });

  it('does nothing where nothing can measure', async () => {
    watcher = new MutedSpeech({ clock, meter: () => null, logger: silentLogger, onSpeaking: () => {} });
    watcher.watch(mic);
    expect(clock.pending).toBe(0);
    watcher = new MutedSpeech({
      clock,
      meter: () => {
        throw new DOMException('no audio device', 'NotSupportedError');
      },
      logger: silentLogger,
      onSpeaking: () => {},
    });
    watcher.watch(mic);
    expect(clock.pending).toBe(0);
  });
});

describe('MeetingRoom: speaking while muted', () => {
  let h: ReturnType<typeof meetingHarness>;
  let fake: ReturnType<typeof fakeRtc>;
  let meters: ReturnType<typeof fakeMeters>;
  let told: number;
  const filtered = new FakeTrack('audio', 'filtered');
  const noiseSuppressor: NoiseSuppressor = {
    supported: true,
    apply: async () => ({ track: filtered as unknown as MediaStreamTrack, close: () => {} }),
  };

  beforeEach(() => {
    fake = fakeRtc();
    meters = fakeMeters();
    h = meetingHarness({ rtc: { ...fake.rtc, levelMeter: (track) => meters.meter(track) }, noiseSuppressor });
    told = 0;
    h.room.on('speaking-while-muted', () => {
      told += 1;
    });
  });

  afterEach(() => h.checkFrames());

  it('listens to the microphone as captured while I am muted in the meeting, and tells when I speak', async () => {
    meters.level = -20;
    await h.room.join({ audio: false, video: false });
    h.socket().receive({ type: 'waiting', title: 'Standup' });
    await h.clock.advance(1_000);
    expect(meters.opened).toHaveLength(0);

    await h.admit();
    // Not the noise suppressor's output: what the microphone hears.
    expect(meters.opened.map((meter) => meter.track)).toEqual([fake.tracks[0]]);
    expect(h.room.getSnapshot().local.tracks.mic).toBe(filtered);
    await h.clock.advance(400);
    expect(told).toBe(1);
  });

  it('stops listening when I unmute, and starts again when a host mutes me', async () => {
    await h.room.join({ audio: false, video: false });
    await h.admit();
    const unmuting = h.room.setMicrophone(true);
    expect(meters.open).toBe(0);
    await h.socket().answer('set-media');
    await unmuting;
    meters.level = -20;
    await h.clock.advance(2_000);
    expect([meters.opened.length, told]).toEqual([1, 0]);

    h.socket().receive({ type: 'notice', kind: 'muted', by: 'Alice' });
    expect(meters.open).toBe(1);
    await h.clock.advance(400);
    expect(told).toBe(1);
  });

  it('stops listening when the microphone is unplugged, and when I leave', async () => {
    await h.room.join({ audio: false, video: false });
    await h.admit();
    fake.tracks[0]?.end();
    expect(meters.open).toBe(0);
    await h.socket().answer('set-media');

    const reopening = h.room.setMicrophone(true);
    await h.socket().answer('set-media');
    await reopening;
    const muting = h.room.setMicrophone(false);
    await h.socket().answer('set-media');
    await muting;
    expect(meters.opened.at(-1)?.track).toBe(fake.tracks[1]);
    expect(meters.open).toBe(1);

    const leaving = h.room.leave();
    await h.socket().answer('leave');
    await leaving;
    expect(meters.open).toBe(0);
    meters.level = -20;
    await h.clock.advance(2_000);
    expect(told).toBe(0);
  });
});
