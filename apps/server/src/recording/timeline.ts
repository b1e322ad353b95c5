import type { RecordingEventKind } from '@parley/storage';
import { type ActiveInterval, RecordedTimeline } from './recorded-timeline.ts';

type TimelineEvent = { at: number; kind: RecordingEventKind };

/**
 * The wall-clock intervals a recording ran (not paused), from its start/pause/resume/stop events;
 * an interval still open ends at `now`. Recorder restarts do not cut it: their gap is part of the
 * recording (the recording shows it), unlike a pause.
 */
export function activeIntervals(events: TimelineEvent[], now: number): ActiveInterval[] {
  const intervals: ActiveInterval[] = [];
  let openedAt: number | null = null;
  for (const event of events) {
    if ((event.kind === 'start' || event.kind === 'resume') && openedAt === null) openedAt = event.at;
    if ((event.kind === 'pause' || event.kind === 'stop') && openedAt !== null) {
      if (event.at > openedAt) intervals.push({ from: openedAt, to: event.at });
      openedAt = null;
    }
  }
  if (openedAt !== null && now > openedAt) intervals.push({ from: openedAt, to: now });
  return intervals;
}

/**
 * The spans of the pause-free timeline when the recorder was down: from each `interrupted` to the
 * next `continued` (or stop), as offsets.
 */
export function recorderGaps(
  events: TimelineEvent[],
  timeline: RecordedTimeline,
): { fromMs: number; toMs: number }[] {
  const gaps: { fromMs: number; toMs: number }[] = [];
  let downAt: number | null = null;
  for (const event of events) {
    if (event.kind === 'interrupted' && downAt === null) downAt = event.at;
    if ((event.kind === 'continued' || event.kind === 'stop') && downAt !== null) {
      const fromMs = timeline.offsetOf(downAt);
      const toMs = timeline.offsetOf(event.at);
      if (toMs > fromMs) gaps.push({ fromMs, toMs });
      downAt = null;
    }
  }
  return gaps;
}

export { RecordedTimeline };
