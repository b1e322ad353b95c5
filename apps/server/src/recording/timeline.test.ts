import { describe, expect, it } from 'vitest';
import { activeIntervals, RecordedTimeline, recorderGaps } from './timeline.ts';

describe('recording timeline from its events', () => {
  const events = [
    { at: 1000, kind: 'start' as const },
    { at: 5000, kind: 'pause' as const },
    { at: 8000, kind: 'resume' as const },
    { at: 9000, kind: 'interrupted' as const },
    { at: 11_000, kind: 'continued' as const },
    { at: 14_000, kind: 'stop' as const },
  ];

  it('runs from start to stop without the pause', () => {
    const intervals = activeIntervals(events, 20_000);
    expect(intervals).toEqual([
      { from: 1000, to: 5000 },
      { from: 8000, to: 14_000 },
    ]);
    expect(new RecordedTimeline(intervals).durationMs).toBe(10_000);
  });

  it('keeps a live recording open until now', () => {
    expect(activeIntervals(events.slice(0, 3), 10_000)).toEqual([
      { from: 1000, to: 5000 },
      { from: 8000, to: 10_000 },
    ]);
  });

  it('shows where the recorder was down', () => {
    const timeline = new RecordedTimeline(activeIntervals(events, 20_000));
    expect(recorderGaps(events, timeline)).toEqual([{ fromMs: 5000, toMs: 7000 }]);
  });

  it('counts a gap still open at the stop', () => {
    const cut = [...events.slice(0, 4), events[5] as (typeof events)[number]];
    const timeline = new RecordedTimeline(activeIntervals(cut, 20_000));
    expect(recorderGaps(cut, timeline)).toEqual([{ fromMs: 5000, toMs: 10_000 }]);
  });
});
