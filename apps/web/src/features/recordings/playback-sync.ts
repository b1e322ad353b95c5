/** A buffered range of a media element, in seconds. */
export type TimeRange = readonly [start: number, end: number];

/** How far (seconds) an audio track may drift from the video before it is moved back in step. */
export const maxDriftSeconds = 0.3;

/**
 * Where an audio element should jump to stay with the video's clock, or null to leave it: a
 * small drift is left alone, as each seek makes a short silence.
 */
export function audioCorrection(videoTime: number, audioTime: number): number | null {
  return Math.abs(videoTime - audioTime) > maxDriftSeconds ? videoTime : null;
}

/**
 * How close to the end of a buffered range a stalled element counts as stuck at its end. Chromium
 * stops at the start of a range's last frame (up to ~100 ms before its end at low frame rates),
 * and does not play across a hole wider than about two frames (measured: it stalls at 80 ms).
 */
const rangeTailSeconds = 0.25;

/**
 * Where a stalled element should jump when `time` is in a hole between buffered ranges (a camera
 * turned off, the recorder down, a seam between chunks) or stuck at the end of a range: the start
 * of the next range. Null while the range it is in has data ahead (the decoder is only slow), or
 * when nothing comes after.
 */
export function nextPlayable(time: number, ranges: readonly TimeRange[]): number | null {
  for (const [start, end] of ranges) {
    if (time < start) return start;
    if (time < end - rangeTailSeconds) return null;
  }
  return null;
}

/** A media element's buffered ranges as plain pairs. */
export function bufferedRanges(buffered: TimeRanges): TimeRange[] {
  const ranges: TimeRange[] = [];
  for (let i = 0; i < buffered.length; i += 1) ranges.push([buffered.start(i), buffered.end(i)]);
  return ranges;
}

/** Whether `timeMs` falls in one of the recorder's gaps. */
export function inGap(timeMs: number, gaps: readonly { fromMs: number; toMs: number }[]): boolean {
  return gaps.some((gap) => timeMs >= gap.fromMs && timeMs < gap.toMs);
}
