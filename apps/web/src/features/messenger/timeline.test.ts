import { describe, expect, it } from 'vitest';
import { buildTimeline } from './timeline.ts';

const now = new Date(2030, 2, 13, 15, 0);
const message = (id: string, senderId: string, at: Date, system = false) => ({
  id,
  senderId,
  sentAt: at.toISOString(),
  content: system
    ? { type: 'system' as const, system: { action: 'member-left' as const, userId: senderId } }
    : { type: 'text' as const, text: id },
});

describe('buildTimeline', () => {
  it('puts a separator before each day and marks where a sender starts a run', () => {
    const entries = buildTimeline(
      [
        message('a', 'ANN', new Date(2030, 2, 12, 23, 50)),
        message('b', 'ANN', new Date(2030, 2, 13, 0, 10)),
        message('c', 'ANN', new Date(2030, 2, 13, 0, 11)),
        message('d', 'BEN', new Date(2030, 2, 13, 9, 0)),
        message('e', 'BEN', new Date(2030, 2, 13, 9, 1), true),
        message('f', 'BEN', new Date(2030, 2, 13, 9, 2)),
      ],
      now,
    );
    expect(
      entries.map((entry) =>
        entry.kind === 'day' ? entry.label : `${entry.key}${entry.firstOfRun ? '*' : ''}`,
      ),
    ).toEqual(['Yesterday', 'a*', 'Today', 'b*', 'c', 'd*', 'e', 'f*']);
  });

  it('is empty without messages', () => {
    expect(buildTimeline([], now)).toEqual([]);
  });
});
