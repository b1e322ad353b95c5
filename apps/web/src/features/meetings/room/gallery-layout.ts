import { meetingLimits } from '@parley/protocol';

export interface Size {
  width: number;
  height: number;
}

/** Space between tiles, in CSS pixels (the stylesheet uses the same). */
export const tileGap = 8;
/** Narrower than this is a phone: at most two columns, and tiles fill their cells. */
export const phoneWidth = 600;

const wideAspect = 16 / 9;
const minTile = {
  desktop: { width: 200, height: 112 },
  phone: { width: 140, height: 150 },
};

export interface GalleryGrid {
  columns: number;
  rows: number;
  /** Each tile's size in CSS pixels. */
  tile: Size;
}

/**
 * How many tiles one gallery page shows: up to meetingLimits.galleryPageSize, fewer when the
 * screen is too small for that many faces to stay recognizable (a phone shows six).
 */
export function galleryPageSize(area: Size): number {
  const phone = area.width < phoneWidth;
  const min = phone ? minTile.phone : minTile.desktop;
  const columns = phone ? 2 : fitting(area.width, min.width);
  const rows = fitting(area.height, min.height);
  return clamp(columns * rows, 1, meetingLimits.galleryPageSize);
}

/**
 * The grid that makes `count` tiles as large as possible in `area`. On wider screens tiles keep
 * 16:9 and the grid is centered; on phones (one or two columns) tiles fill their cells, since a
 * face cropped from a tall cell reads better than a small letterboxed one.
 */
export function galleryGrid(count: number, area: Size): GalleryGrid {
  if (count <= 0 || area.width <= 0 || area.height <= 0) {
    return { columns: 1, rows: 1, tile: { width: 0, height: 0 } };
  }
  const phone = area.width < phoneWidth;
  // Phones score cells by the square they hold; wider screens by the 16:9 tile they hold.
  const aspect = phone ? 1 : wideAspect;
  const maxColumns = phone ? Math.min(2, count) : count;
  let best: (GalleryGrid & { score: number }) | null = null;
  for (let columns = 1; columns <= maxColumns; columns += 1) {
    const rows = Math.ceil(count / columns);
    const cell = {
      width: (area.width - tileGap * (columns - 1)) / columns,
      height: (area.height - tileGap * (rows - 1)) / rows,
    };
    const width = Math.min(cell.width, cell.height * aspect);
    const score = width * (width / aspect);
    if (best !== null && score <= best.score) continue;
    const tile = phone ? cell : { width, height: width / wideAspect };
    best = { columns, rows, tile: floorSize(tile), score };
  }
  if (best === null) return { columns: 1, rows: 1, tile: { width: 0, height: 0 } };
  return { columns: best.columns, rows: best.rows, tile: best.tile };
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
}

/** A page number that exists: pages shrink when people leave or the window gets smaller. */
export function clampPage(page: number, pages: number): number {
  return clamp(page, 0, Math.max(0, pages - 1));
}

export function pageItems<T>(items: readonly T[], page: number, pageSize: number): T[] {
  const start = page * pageSize;
  return items.slice(start, start + pageSize);
}

/** A filmstrip tile, in CSS pixels. */
export function stripTileSize(areaWidth: number): Size {
  return areaWidth < phoneWidth ? { width: 112, height: 84 } : { width: 176, height: 99 };
}

/** Room the strip's page arrows take at each end when not everyone fits. */
export const stripArrowWidth = 40;

/** How many filmstrip tiles fit in `width`; the arrows take room only when some do not fit. */
export function stripCapacity(width: number, count: number, tileWidth: number): number {
  const fits = (space: number) => fitting(space, tileWidth);
  if (fits(width) >= count) return count;
  return fits(width - 2 * stripArrowWidth);
}

/** How many items of `size` fit in `space` with the gap between them; at least one. */
function fitting(space: number, size: number): number {
  return Math.max(1, Math.floor((space + tileGap) / (size + tileGap)));
}

function floorSize(size: Size): Size {
  return { width: Math.max(1, Math.floor(size.width)), height: Math.max(1, Math.floor(size.height)) };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
