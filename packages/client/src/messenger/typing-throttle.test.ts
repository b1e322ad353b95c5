import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../testing/manual-clock.ts';
import { type TypingState, TypingThrottle } from './typing-throttle.ts';

describe('TypingThrottle', () => {
  let clock: ManualClock;
  let sent: [string, TypingState, number][];
  let throttle: TypingThrottle;
  const start = Date.parse('2030-01-01T10:00:00.000Z');

  beforeEach(() => {
    clock = new ManualClock(start);
    sent = [];
    throttle = new TypingThrottle({
      clock,
      send: (chatId, state) => sent.push([chatId, state, clock.now() - start]),
    });
  });

  /** One keystroke every 500 ms for `ms`. */
  async function typeFor(chatId: string, ms: number) {
    for (let t = 0; t < ms; t += 500) {
      throttle.set(chatId, 'typing');
      await clock.advance(500);
    }
  }

  it("sends at most one 'typing' per 3 s while keys are pressed, then 'stopped' after 5 s idle", async () => {
    await typeFor('c1', 7_000);
    expect(sent).toEqual([
      ['c1', 'typing', 0],
      ['c1', 'typing', 3_000],
      ['c1', 'typing', 6_000],
    ]);
    await clock.advance(4_499);
    expect(sent).toHaveLength(3);
    await clock.advance(1);
    // The last keystroke was at 6.5 s.
    expect(sent.at(-1)).toEqual(['c1', 'stopped', 11_500]);
  });

  it("sends 'stopped' at once when told, and nothing when it never sent 'typing'", async () => {
    throttle.set('c1', 'stopped');
    expect(sent).toEqual([]);
    throttle.set('c1', 'typing');
    throttle.set('c1', 'stopped');
    await clock.advance(10_000);
    expect(sent).toEqual([
      ['c1', 'typing', 0],
      ['c1', 'stopped', 0],
    ]);
  });

  it("repeats 'recording' by itself until stopped", async () => {
    throttle.set('c1', 'recording');
    await clock.advance(7_000);
    throttle.set('c1', 'stopped');
    expect(sent.map(([, state, t]) => [state, t])).toEqual([
      ['recording', 0],
      ['recording', 3_000],
      ['recording', 6_000],
      ['stopped', 7_000],
    ]);
  });

  it('keeps chats apart and forgets everything on clear', async () => {
    throttle.set('c1', 'typing');
    throttle.set('c2', 'typing');
    throttle.clear();
    await clock.advance(10_000);
    expect(sent.map(([chatId, state]) => [chatId, state])).toEqual([
      ['c1', 'typing'],
      ['c2', 'typing'],
    ]);
    expect(clock.pending).toBe(0);
  });
});
