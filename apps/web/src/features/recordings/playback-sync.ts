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
 * Where playback should jump when `time` is in a hole between buffered ranges (a camera turned
 * off, the recorder down): the start of the next range; null when `time` can play or nothing
 * comes after it. `tolerance` covers the small gaps between chunks the browser plays through.
 */
export function nextPlayable(time: number, ranges: readonly TimeRange[], tolerance = 0.25): number | null {
  for (const [start, end] of ranges) {
    if (time >= start - tolerance && time < end - 0.05) return null;
    if (start > time) return start;
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
