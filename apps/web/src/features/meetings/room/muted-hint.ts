/** The "you are muted" hint, shown when the microphone hears me while I am muted. */
export const mutedHint = {
  text: 'You are muted. Unmute to speak.',
  /** Not just "Unmute": the toolbar's button has that name. */
  action: 'Unmute now',
  topic: 'muted-hint',
  showMs: 5_000,
  /** A reminder, not a nag: someone who talks to the room while muted on purpose sees it rarely. */
  gapMs: 30_000,
} as const;

/** Whether the hint may show at `now`, having last shown at `lastShownAt` (same clock, in ms). */
export function mutedHintDue(lastShownAt: number | null, now: number): boolean {
  return lastShownAt === null || now - lastShownAt >= mutedHint.gapMs;
}
