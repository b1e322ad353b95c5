import {
  clampPage,
  type GalleryGrid,
  galleryGrid,
  galleryPageSize,
  pageCount,
  pageItems,
  type Size,
  stripCapacity,
  stripTileSize,
} from './gallery-layout.ts';

export type TileSource = 'camera' | 'screen';

/** One video tile: a participant's camera or their shared screen. */
export interface TileKey {
  participantId: string;
  source: TileSource;
}

export function tileKeyOf(tile: TileKey): string {
  return `${tile.participantId}:${tile.source}`;
}

export type ViewMode = 'gallery' | 'speaker';

/** The gallery's row of page arrows, in CSS pixels (the stylesheet uses the same). */
export const pagerHeight = 48;

export interface StageInput {
  /** Everyone in the meeting, in tile order (see tileOrder). */
  order: readonly string[];
  mode: ViewMode;
  /** Who the speaker view shows big (see pickSpeaker). */
  speaker: string;
  /** Whose shared screen takes the main area; null when nobody shares (see pickShare). */
  share: string | null;
  page: number;
  /** The stage's size in CSS pixels. */
  area: Size;
}

export type StageLayout =
  | { kind: 'gallery'; tiles: string[]; page: number; pages: number; grid: GalleryGrid }
  | {
      /** `screen`: a shared screen in the main area, everyone in the strip. */
      kind: 'speaker' | 'screen';
      main: TileKey;
      strip: string[];
      page: number;
      pages: number;
      stripTile: Size;
    };

/** What the stage shows: a gallery page, or one big tile with a page of the filmstrip. */
export function stageLayout(input: StageInput): StageLayout {
  const { order, area } = input;
  if (input.share !== null || input.mode === 'speaker') {
    const main: TileKey =
      input.share !== null
        ? { participantId: input.share, source: 'screen' }
        : { participantId: input.speaker, source: 'camera' };
    const members = input.share !== null ? [...order] : order.filter((id) => id !== input.speaker);
    const stripTile = stripTileSize(area.width);
    const perPage = Math.max(1, stripCapacity(area.width, members.length, stripTile.width));
    const pages = pageCount(members.length, perPage);
    const page = clampPage(input.page, pages);
    return {
      kind: input.share !== null ? 'screen' : 'speaker',
      main,
      strip: pageItems(members, page, perPage),
      page,
      pages,
      stripTile,
    };
  }
  let grid = area;
  let perPage = galleryPageSize(grid);
  if (order.length > perPage) {
    // The page arrows take a row under the tiles.
    grid = { width: area.width, height: Math.max(0, area.height - pagerHeight) };
    perPage = galleryPageSize(grid);
  }
  const pages = pageCount(order.length, perPage);
  const page = clampPage(input.page, pages);
  const tiles = pageItems(order, page, perPage);
  return { kind: 'gallery', tiles, page, pages, grid: galleryGrid(tiles.length, grid) };
}

/** The other participants' tiles on screen: the videos to ask the server for. */
export function visibleTiles(layout: StageLayout, me: string): TileKey[] {
  const cameras = layout.kind === 'gallery' ? layout.tiles : layout.strip;
  const tiles: TileKey[] = layout.kind === 'gallery' ? [] : [layout.main];
  for (const participantId of cameras) tiles.push({ participantId, source: 'camera' });
  return tiles.filter((tile) => tile.participantId !== me);
}

/** Me first, then everyone else in the server's (joining) order, so tiles do not jump around. */
export function tileOrder(participantIds: readonly string[], me: string): string[] {
  return participantIds.includes(me)
    ? [me, ...participantIds.filter((id) => id !== me)]
    : [...participantIds];
}

/**
 * Who the speaker view shows: the active speaker; while nobody (or only I) speak, whoever spoke
 * last, so the big tile does not flicker at every pause; otherwise the first other person.
 * I am shown only when alone.
 */
export function pickSpeaker(
  order: readonly string[],
  me: string,
  active: string | null,
  previous: string | null,
): string {
  const here = (id: string | null): id is string => id !== null && id !== me && order.includes(id);
  if (here(active)) return active;
  if (here(previous)) return previous;
  return order.find((id) => id !== me) ?? me;
}

/**
 * Whose shared screen the main area shows: the one the person picked while it lasts, else the
 * first other person sharing, else my own share (shown as a notice, not a mirror of my screen).
 */
export function pickShare(sharers: readonly string[], me: string, chosen: string | null): string | null {
  if (chosen !== null && sharers.includes(chosen)) return chosen;
  return sharers.find((id) => id !== me) ?? (sharers.includes(me) ? me : null);
}
