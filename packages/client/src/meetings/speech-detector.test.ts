import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../testing/manual-clock.ts';
import { rmsToDbfs, SpeechDetector } from './speech-detector.ts';

const loud = -25;
const soft = -48;
const quiet = -70;

describe('SpeechDetector', () => {
  let clock: ManualClock;
  let detector: SpeechDetector;

  beforeEach(() => {
    clock = new ManualClock();
    detector = new SpeechDetector();
  });

  /** One sample every 100 ms, as the meeting samples; returns what the detector said after each. */
  async function feed(...levels: number[]): Promise<boolean[]> {
    const said: boolean[] = [];
    for (const level of levels) {
      await clock.advance(100);
      said.push(detector.sample(level, clock.now()));
    }
    return said;
  }

  it('hears speech after 300 ms of voice, not before', async () => {
    // The 100 ms between two loud samples are voice: four of them make 300 ms.
    expect(await feed(quiet, quiet, loud, loud, loud)).toEqual([false, false, false, false, false]);
    expect(await feed(loud)).toEqual([true]);
    expect(detector.speaking).toBe(true);
  });

  it('adds up voice within the last second: speech with pauses counts', async () => {
    expect(await feed(loud, loud, quiet, loud, loud, quiet, loud, loud)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
  });

  it('ignores short sounds that add up to less than 300 ms a second', async () => {
    // Chromium's fake microphone, measured: a beep twice a second, its tail in the next sample.
    const beeps = Array.from({ length: 20 }, () => [-13, -38, -56, -75, -99]).flat();
    expect((await feed(...beeps)).some(Boolean)).toBe(false);
  });

  it('ignores clicks, however fast they come: typing is not speech', async () => {
    const typing = Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? -20 : quiet));
    expect((await feed(...typing)).some(Boolean)).toBe(false);
  });

  it('keeps speaking through softer syllables and short pauses, and stops after a second of silence', async () => {
    await feed(loud, loud, loud, loud);
    expect(detector.speaking).toBe(true);
    // Soft words would not start speech, but do not end it.
    expect(await feed(soft, soft, soft, soft, soft, soft, soft, soft, soft, soft, soft, soft)).toEqual(
      Array(12).fill(true),
    );
    expect(await feed(quiet, quiet, quiet, quiet, quiet, quiet, quiet, quiet, quiet)).toEqual(
      Array(9).fill(true),
    );
    expect(await feed(quiet)).toEqual([false]);
  });

  it('does not start on soft sounds that only hold speech', async () => {
    expect((await feed(...Array(20).fill(soft))).some(Boolean)).toBe(false);
  });

  it('counts a late sample for at most 200 ms: a throttled timer does not make one loud sample speech', async () => {
    await feed(loud);
    await clock.advance(5_000);
    expect(detector.sample(loud, clock.now())).toBe(false);
    expect(await feed(quiet)).toEqual([false]);
  });

  it('starts afresh after reset()', async () => {
    await feed(loud, loud, loud, loud);
    detector.reset();
    expect(detector.speaking).toBe(false);
    expect(await feed(loud, loud, loud)).toEqual([false, false, false]);
  });

  it('takes its thresholds from the caller', async () => {
    detector = new SpeechDetector({ startDb: -60, minSpeechMs: 100 });
    expect(await feed(soft, soft)).toEqual([false, true]);
  });
});

describe('rmsToDbfs', () => {
  it('gives full scale as 0 dBFS and silence as -Infinity', () => {
    expect(rmsToDbfs(1)).toBe(0);
    expect(rmsToDbfs(0.1)).toBeCloseTo(-20);
    expect(rmsToDbfs(0)).toBe(Number.NEGATIVE_INFINITY);
  });
});
