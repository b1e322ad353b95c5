/** Columns for a call's video grid: one tile fills the screen, then 2 across, 3 from 5 people. */
export function gridColumns(tiles: number, narrow: boolean): number {
  if (tiles <= 1) return 1;
  if (narrow) return tiles <= 3 ? 1 : 2;
  if (tiles <= 4) return 2;
  return 3;
}
