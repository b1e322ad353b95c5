import { describe, expect, test } from 'vitest';
import { AudioLevelMeter } from './audio-level-meter.ts';

describe('AudioLevelMeter', () => {
  test('volumes: loudest first above the threshold, then one silence', () => {
    const meter = new AudioLevelMeter({ type: 'audiolevel', interval: 100, threshold: -60, maxEntries: 2 });
    for (const id of ['a', 'b', 'c']) meter.add(id);
    meter.record('a', 40);
    meter.record('a', 20);
    meter.record('b', 10);
    meter.record('c', 90);
    expect(meter.tick()).toEqual({
      type: 'volumes',
      volumes: [
        { producerId: 'b', volume: -10 },
        { producerId: 'a', volume: -30 },
      ],
    });
    expect(meter.tick()).toEqual({ type: 'silence' });
    expect(meter.tick()).toBeUndefined();
  });

  test('dominant speaker: the first loud one at once, a change only after two clear intervals', () => {
    const meter = new AudioLevelMeter({
      type: 'activespeaker',
      interval: 100,
      threshold: -70,
      maxEntries: 1,
    });
    meter.add('a');
    meter.add('b');
    meter.record('a', 20);
    expect(meter.tick()).toEqual({ type: 'dominantspeaker', producerId: 'a' });
    // b coughs once while a talks on: no change.
    meter.record('a', 20);
    meter.record('b', 10);
    expect(meter.tick()).toBeUndefined();
    meter.record('a', 20);
    expect(meter.tick()).toBeUndefined();
    // b talks while a is quiet.
    const decisions = [];
    for (let i = 0; i < 4; i++) {
      meter.record('b', 15);
      decisions.push(meter.tick());
    }
    expect(decisions.filter(Boolean)).toEqual([{ type: 'dominantspeaker', producerId: 'b' }]);
  });
});
