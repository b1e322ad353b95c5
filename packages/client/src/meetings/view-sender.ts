import { meetingLimits } from '@parley/protocol';
import type { Clock, TimerHandle } from '../clock.ts';
import type { Logger } from '../logger.ts';

/** A video tile on screen, sized in device pixels: the server forwards a layer that fits it. */
export interface ViewTile {
  participantId: string;
  source: 'camera' | 'screen';
  width: number;
  height: number;
}

export interface ViewSenderOptions {
  clock: Clock;
  delayMs: number;
  send(tiles: ViewTile[]): Promise<void>;
  logger: Logger;
}

/**
 * Tells the server which video tiles are visible. Layouts change in bursts (a window resized,
 * a gallery page turned), so a view goes out once it has been stable for `delayMs`, and only when
 * it differs from the last one sent. A new connection starts without a view: it gets the
 * current one at once.
 */
export class ViewSender {
  readonly #options: ViewSenderOptions;
  #tiles: ViewTile[] | null = null;
  #sentKey: string | null = null;
  #connected = false;
  #timer: TimerHandle | undefined;

  constructor(options: ViewSenderOptions) {
    this.#options = options;
  }

  set(tiles: readonly ViewTile[]): void {
    this.#tiles = normalize(tiles);
    this.#cancel();
    if (!this.#connected || viewKey(this.#tiles) === this.#sentKey) return;
    this.#timer = this.#options.clock.setTimeout(() => {
      this.#timer = undefined;
      this.#flush();
    }, this.#options.delayMs);
  }

  /** The server (re)admitted this participant and knows no view yet. */
  connected(): void {
    this.#connected = true;
    this.#sentKey = null;
    this.#cancel();
    this.#flush();
  }

  disconnected(): void {
    this.#connected = false;
    this.#cancel();
  }

  #flush(): void {
    const tiles = this.#tiles;
    if (!this.#connected || tiles === null) return;
    const key = viewKey(tiles);
    if (key === this.#sentKey) return;
    this.#sentKey = key;
    this.#options.send(tiles).catch((error: unknown) => {
      // Not applied: the same view must be sendable again (the next connection sends it anyway).
      if (this.#sentKey === key) this.#sentKey = null;
      this.#options.logger.debug({ error }, 'view not applied');
    });
  }

  #cancel(): void {
    if (this.#timer === undefined) return;
    this.#options.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/** Whole pixels within the protocol's bounds, one tile per participant and source, at most the limit. */
function normalize(tiles: readonly ViewTile[]): ViewTile[] {
  const seen = new Set<string>();
  const result: ViewTile[] = [];
  for (const tile of tiles) {
    const key = `${tile.participantId}:${tile.source}`;
    if (seen.has(key) || result.length === meetingLimits.maxViewedTiles) continue;
    seen.add(key);
    result.push({
      participantId: tile.participantId,
      source: tile.source,
      width: pixels(tile.width),
      height: pixels(tile.height),
    });
  }
  return result;
}

function pixels(value: number): number {
  return Math.min(8192, Math.max(1, Math.round(value)));
}

/** The same tiles in any order make the same key. */
function viewKey(tiles: readonly ViewTile[]): string {
  return tiles
    .map((tile) => `${tile.participantId}:${tile.source}:${tile.width}x${tile.height}`)
    .sort()
    .join(',');
}
