import type { SpeakerChange } from './render-plan.ts';

/**
 * The speaker turns worth switching the picture for: a turn shorter than `minHoldMs` (a cough, a
 * quick "yes", crosstalk) does not take over, and the turn it interrupted goes on through it.
 * "Nobody speaks" is no turn: the picture stays on the last speaker. The render knows the future,
 * so a kept turn switches the picture when the speaker started, not `minHoldMs` later.
 */
export function stableSpeakers(
  changes: readonly SpeakerChange[],
  minHoldMs: number,
): { at: number; participantId: string }[] {
  const turns: { at: number; participantId: string }[] = [];
  for (const { at, participantId } of changes.toSorted((a, b) => a.at - b.at)) {
    if (participantId !== null && turns.at(-1)?.participantId !== participantId) {
      turns.push({ at, participantId });
    }
  }
  const heldMs = (i: number) => (turns[i + 1]?.at ?? Number.POSITIVE_INFINITY) - (turns[i]?.at ?? 0);
  // Shortest first: dropping an interjection can join the two halves of the turn it interrupted
  // into one turn long enough to keep.
  for (;;) {
    let shortest = -1;
    for (let i = 0; i < turns.length; i += 1) {
      if (heldMs(i) < minHoldMs && (shortest < 0 || heldMs(i) < heldMs(shortest))) shortest = i;
    }
    if (shortest < 0) return turns;
    turns.splice(shortest, 1);
    if (shortest > 0 && turns[shortest - 1]?.participantId === turns[shortest]?.participantId) {
      turns.splice(shortest, 1);
    }
  }
}
