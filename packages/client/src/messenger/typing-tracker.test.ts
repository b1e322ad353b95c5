import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../testing/manual-clock.ts';
import { TypingTracker } from './typing-tracker.ts';

describe('TypingTracker', () => {
  let clock: ManualClock;
  let changed: string[];
  let tracker: TypingTracker;

  beforeEach(() => {
    clock = new ManualClock();
    changed = [];
    tracker = new TypingTracker({ clock, onChange: (chatId) => changed.push(chatId) });
  });

  it('shows who is typing until they stop', () => {
    tracker.receive({ chatId: 'c1', userId: 'bob', state: 'typing' });
    tracker.receive({ chatId: 'c1', userId: 'carol', state: 'recording' });
    expect(tracker.typingIn('c1')).toEqual([
      { userId: 'bob', state: 'typing' },
      { userId: 'carol', state: 'recording' },
    ]);
    tracker.receive({ chatId: 'c1', userId: 'bob', state: 'stopped' });
    expect(tracker.typingIn('c1')).toEqual([{ userId: 'carol', state: 'recording' }]);
    expect(changed).toEqual(['c1', 'c1', 'c1']);
  });

  it('lets an indicator expire 6 s after the last news, since a stop can be lost', async () => {
    tracker.receive({ chatId: 'c1', userId: 'bob', state: 'typing' });
    await clock.advance(3_000);
    tracker.receive({ chatId: 'c1', userId: 'bob', state: 'typing' });
    await clock.advance(5_999);
    expect(tracker.typingIn('c1')).toHaveLength(1);
    await clock.advance(1);
    expect(tracker.typingIn('c1')).toEqual([]);
    // A refresh of the same state is not a change; the expiry is.
    expect(changed).toEqual(['c1', 'c1']);
  });

  it('ends typing when the message arrives', () => {
    tracker.receive({ chatId: 'c1', userId: 'bob', state: 'typing' });
    tracker.stopped('c1', 'bob');
    tracker.stopped('c1', 'bob');
    expect(tracker.typingIn('c1')).toEqual([]);
    expect(clock.pending).toBe(0);
  });
});
