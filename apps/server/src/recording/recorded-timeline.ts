/** A wall-clock span (ms since the epoch) during which the recording was running, not paused. */
export interface ActiveInterval {
  from: number;
  to: number;
}

/** A recorded stretch of a wall-clock span, placed on the recording's pause-free timeline. */
export interface RecordedPart {
  /** Offsets into the recording, ms. */
  offsetFrom: number;
  offsetTo: number;
  /** The wall-clock instant at `offsetFrom`. */
  wallFrom: number;
}

/**
 * The recording's own timeline: the active intervals laid end to end, pauses cut out. Overlapping
 * or unordered intervals are tolerated (merged), so a sloppy index cannot count time twice.
 */
export class RecordedTimeline {
  readonly durationMs: number;
  private readonly spans: { from: number; to: number; offset: number }[] = [];

  constructor(intervals: readonly ActiveInterval[]) {
    const sorted = intervals.filter((i) => i.to > i.from).sort((a, b) => a.from - b.from);
    let offset = 0;
    for (const { from, to } of sorted) {
      const last = this.spans.at(-1);
      if (last && from <= last.to) {
        if (to > last.to) {
          offset += to - last.to;
          last.to = to;
        }
        continue;
      }
      this.spans.push({ from, to, offset });
      offset += to - from;
    }
    this.durationMs = offset;
  }

  /**
   * Offset into the recording of a wall-clock instant. An instant during a pause maps to the point
   * where the pause sits in the recording; before the start to 0, after the end to the duration.
   */
  offsetOf(wall: number): number {
    for (const span of this.spans) {
      if (wall < span.from) return span.offset;
      if (wall < span.to) return span.offset + (wall - span.from);
    }
    return this.durationMs;
  }

  /** The parts of a wall-clock span that were recorded, in order. */
  recordedParts(from: number, to: number): RecordedPart[] {
    const parts: RecordedPart[] = [];
    for (const span of this.spans) {
      const start = Math.max(from, span.from);
      const end = Math.min(to, span.to);
      if (end <= start) continue;
      const offsetFrom = span.offset + (start - span.from);
      parts.push({ offsetFrom, offsetTo: offsetFrom + (end - start), wallFrom: start });
    }
    return parts;
  }
}
