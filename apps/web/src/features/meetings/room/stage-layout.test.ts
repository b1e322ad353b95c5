import { describe, expect, it } from 'vitest';
import {
  pickShare,
  pickSpeaker,
  type StageInput,
  stageLayout,
  tileOrder,
  visibleTiles,
} from './stage-layout.ts';

const ids = (n: number) => Array.from({ length: n }, (_, i) => (i === 0 ? 'me' : `p${i}`));
const base: StageInput = {
  order: ids(3),
  mode: 'gallery',
  speaker: 'p1',
  share: null,
  page: 0,
  area: { width: 1280, height: 640 },
};

describe('stageLayout', () => {
  it('puts everyone on one gallery page when they fit', () => {
    const layout = stageLayout(base);
    expect(layout).toMatchObject({ kind: 'gallery', tiles: ['me', 'p1', 'p2'], page: 0, pages: 1 });
  });

  it('pages the gallery by 16', () => {
    const order = ids(20);
    const first = stageLayout({ ...base, order });
    const second = stageLayout({ ...base, order, page: 1 });
    expect(first).toMatchObject({ pages: 2 });
    expect(first.kind === 'gallery' && first.tiles.length).toBe(16);
    expect(second.kind === 'gallery' && second.tiles).toEqual(order.slice(16));
  });

  it('falls back to the last page when the page no longer exists', () => {
    const layout = stageLayout({ ...base, order: ids(20), page: 5 });
    expect(layout).toMatchObject({ page: 1 });
  });

  it('shows the speaker big and everyone else in the strip', () => {
    const layout = stageLayout({ ...base, mode: 'speaker' });
    expect(layout).toMatchObject({
      kind: 'speaker',
      main: { participantId: 'p1', source: 'camera' },
      strip: ['me', 'p2'],
    });
  });

  it('gives a shared screen the main area, with everyone in the strip, in either mode', () => {
    for (const mode of ['gallery', 'speaker'] as const) {
      const layout = stageLayout({ ...base, mode, share: 'p2' });
      expect(layout).toMatchObject({
        kind: 'screen',
        main: { participantId: 'p2', source: 'screen' },
        strip: ['me', 'p1', 'p2'],
      });
    }
  });

  it('pages a strip that does not fit', () => {
    const order = ids(12);
    const layout = stageLayout({ ...base, order, mode: 'speaker', area: { width: 360, height: 560 } });
    expect(layout).toMatchObject({ kind: 'speaker', pages: 6, strip: ['me', 'p2'] });
  });
});

describe('visibleTiles', () => {
  it('is the gallery page without me', () => {
    expect(visibleTiles(stageLayout(base), 'me')).toEqual([
      { participantId: 'p1', source: 'camera' },
      { participantId: 'p2', source: 'camera' },
    ]);
  });

  it('holds only the current page', () => {
    const layout = stageLayout({ ...base, order: ids(20), page: 1 });
    expect(visibleTiles(layout, 'me').map((t) => t.participantId)).toEqual(ids(20).slice(16));
  });

  it('is the speaker and the strip page', () => {
    const layout = stageLayout({ ...base, mode: 'speaker' });
    expect(visibleTiles(layout, 'me')).toEqual([
      { participantId: 'p1', source: 'camera' },
      { participantId: 'p2', source: 'camera' },
    ]);
  });

  it('is the shared screen and the strip, the sharer camera included', () => {
    const layout = stageLayout({ ...base, share: 'p2' });
    expect(visibleTiles(layout, 'me')).toEqual([
      { participantId: 'p2', source: 'screen' },
      { participantId: 'p1', source: 'camera' },
      { participantId: 'p2', source: 'camera' },
    ]);
  });

  it('leaves out my own share', () => {
    const layout = stageLayout({ ...base, share: 'me' });
    expect(visibleTiles(layout, 'me')).toEqual([
      { participantId: 'p1', source: 'camera' },
      { participantId: 'p2', source: 'camera' },
    ]);
  });
});

describe('tileOrder', () => {
  it('puts me first and keeps the rest in order', () => {
    expect(tileOrder(['a', 'me', 'b'], 'me')).toEqual(['me', 'a', 'b']);
    expect(tileOrder(['a', 'b'], 'me')).toEqual(['a', 'b']);
  });
});

describe('pickSpeaker', () => {
  const order = ['me', 'a', 'b'];
  it('follows the active speaker', () => {
    expect(pickSpeaker(order, 'me', 'b', 'a')).toBe('b');
  });

  it('keeps the last speaker while nobody else speaks', () => {
    expect(pickSpeaker(order, 'me', null, 'b')).toBe('b');
    expect(pickSpeaker(order, 'me', 'me', 'b')).toBe('b');
  });

  it('shows someone else before anyone spoke, and me only when alone', () => {
    expect(pickSpeaker(order, 'me', null, null)).toBe('a');
    expect(pickSpeaker(order, 'me', null, 'gone')).toBe('a');
    expect(pickSpeaker(['me'], 'me', 'me', null)).toBe('me');
  });
});

describe('pickShare', () => {
  it('shows the chosen share while it lasts', () => {
    expect(pickShare(['a', 'b'], 'me', 'b')).toBe('b');
    expect(pickShare(['a'], 'me', 'b')).toBe('a');
  });

  it("prefers others' shares to mine", () => {
    expect(pickShare(['me', 'a'], 'me', null)).toBe('a');
    expect(pickShare(['me'], 'me', null)).toBe('me');
    expect(pickShare([], 'me', null)).toBeNull();
  });
});

describe('gallery pager', () => {
  it('gives the page arrows a row under the tiles when there are pages', () => {
    const layout = stageLayout({ ...base, order: ids(20) });
    const single = stageLayout({ ...base, order: ids(16) });
    if (layout.kind !== 'gallery' || single.kind !== 'gallery') throw new Error('gallery expected');
    expect(layout.grid.rows * layout.grid.tile.height + (layout.grid.rows - 1) * 8).toBeLessThanOrEqual(
      640 - 48,
    );
    expect(single.grid.tile.height).toBeGreaterThan(layout.grid.tile.height);
  });
});
