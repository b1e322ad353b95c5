import type { ViewTile } from '@parley/client';
import type { Size } from './gallery-layout.ts';
import { type TileKey, tileKeyOf } from './stage-layout.ts';

/**
 * The view to report to the server: each visible tile that has been measured, in device pixels
 * (a 300 CSS px tile on a 2x screen needs a 600 px video). Tiles not measured yet, or collapsed
 * to nothing, wait for their first measurement.
 */
export function toViewTiles(
  visible: readonly TileKey[],
  sizes: ReadonlyMap<string, Size>,
  devicePixelRatio: number,
): ViewTile[] {
  const ratio = devicePixelRatio > 0 ? devicePixelRatio : 1;
  const tiles: ViewTile[] = [];
  for (const tile of visible) {
    const size = sizes.get(tileKeyOf(tile));
    if (!size || size.width < 1 || size.height < 1) continue;
    tiles.push({
      participantId: tile.participantId,
      source: tile.source,
      width: Math.round(size.width * ratio),
      height: Math.round(size.height * ratio),
    });
  }
  return tiles;
}
