/** Bars a voice message's waveform is drawn with (the server measures 64 peaks). */
export const waveformBars = 64;

/**
 * Peak levels (0-255, any count) as `bars` heights from 0.08 to 1, so silence still shows a
 * line. A missing waveform draws flat.
 */
export function barHeights(waveform: readonly number[] | null, bars = waveformBars): number[] {
  if (waveform === null || waveform.length === 0) return Array.from({ length: bars }, () => 0.08);
  const peak = Math.max(...waveform, 1);
  return Array.from({ length: bars }, (_, bar) => {
    // The loudest source sample that falls within this bar.
    const from = Math.floor((bar * waveform.length) / bars);
    const to = Math.max(from + 1, Math.floor(((bar + 1) * waveform.length) / bars));
    const level = Math.max(...waveform.slice(from, to));
    return Math.max(0.08, level / peak);
  });
}

/** Where a click lands on the waveform, 0..1 of its width. */
export function fractionAt(clientX: number, box: { left: number; width: number }): number {
  if (box.width <= 0) return 0;
  return clamp((clientX - box.left) / box.width);
}

/**
 * The new position (ms) for a key on the waveform slider: arrows step 1 s (5 s with Page
 * keys), Home and End jump to either end. Null for any other key.
 */
export function positionForKey(key: string, positionMs: number, durationMs: number): number | null {
  const step = {
    ArrowLeft: -1000,
    ArrowDown: -1000,
    ArrowRight: 1000,
    ArrowUp: 1000,
    PageDown: -5000,
    PageUp: 5000,
  }[key];
  if (step !== undefined) return Math.min(durationMs, Math.max(0, positionMs + step));
  if (key === 'Home') return 0;
  if (key === 'End') return durationMs;
  return null;
}

/** How many bars are drawn as played at a position. */
export function playedBars(positionMs: number, durationMs: number, bars = waveformBars): number {
  if (durationMs <= 0) return 0;
  return Math.round(clamp(positionMs / durationMs) * bars);
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}
