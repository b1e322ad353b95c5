import { describe, expect, it } from 'vitest';
import {
  clampPage,
  galleryGrid,
  galleryPageSize,
  pageCount,
  pageItems,
  stripArrowWidth,
  stripCapacity,
} from './gallery-layout.ts';

const desktop = { width: 1280, height: 640 };
const phone = { width: 360, height: 560 };

describe('galleryPageSize', () => {
  it('shows up to 16 tiles on a desktop screen', () => {
    expect(galleryPageSize(desktop)).toBe(16);
    expect(galleryPageSize({ width: 3840, height: 2000 })).toBe(16);
  });

  it('shows fewer on small screens, two columns on a phone', () => {
    expect(galleryPageSize(phone)).toBe(6);
    expect(galleryPageSize({ width: 700, height: 400 })).toBe(9);
  });

  it('shows at least one tile on a tiny area', () => {
    expect(galleryPageSize({ width: 50, height: 30 })).toBe(2);
    expect(galleryPageSize({ width: 650, height: 30 })).toBe(3);
    expect(galleryPageSize({ width: 0, height: 0 })).toBe(2);
  });
});

describe('galleryGrid', () => {
  it('fills a wide screen with 16:9 tiles in the grid that makes them largest', () => {
    expect(galleryGrid(1, desktop)).toEqual({ columns: 1, rows: 1, tile: { width: 1137, height: 640 } });
    expect(galleryGrid(2, desktop)).toEqual({ columns: 2, rows: 1, tile: { width: 636, height: 357 } });
    expect(galleryGrid(4, desktop).columns).toBe(2);
    expect(galleryGrid(16, desktop)).toMatchObject({ columns: 4, rows: 4 });
    const { tile } = galleryGrid(9, desktop);
    expect(tile.width / tile.height).toBeCloseTo(16 / 9, 1);
  });

  it('keeps every tile inside the area', () => {
    for (let count = 1; count <= 16; count += 1) {
      for (const area of [desktop, phone, { width: 900, height: 900 }, { width: 1920, height: 400 }]) {
        const { columns, rows, tile } = galleryGrid(count, area);
        expect(columns * rows).toBeGreaterThanOrEqual(count);
        expect(columns * tile.width + (columns - 1) * 8).toBeLessThanOrEqual(area.width);
        expect(rows * tile.height + (rows - 1) * 8).toBeLessThanOrEqual(area.height);
      }
    }
  });

  it('uses one or two columns on a phone, tiles filling their cells', () => {
    expect(galleryGrid(1, phone)).toEqual({ columns: 1, rows: 1, tile: { width: 360, height: 560 } });
    expect(galleryGrid(2, phone)).toEqual({ columns: 1, rows: 2, tile: { width: 360, height: 276 } });
    expect(galleryGrid(4, phone)).toEqual({ columns: 2, rows: 2, tile: { width: 176, height: 276 } });
    expect(galleryGrid(6, phone).columns).toBe(2);
  });

  it('has no tiles for nobody or for an area not measured yet', () => {
    expect(galleryGrid(0, desktop).tile).toEqual({ width: 0, height: 0 });
    expect(galleryGrid(3, { width: 0, height: 0 }).tile).toEqual({ width: 0, height: 0 });
  });
});

describe('pages', () => {
  it('counts pages, at least one', () => {
    expect(pageCount(0, 16)).toBe(1);
    expect(pageCount(16, 16)).toBe(1);
    expect(pageCount(17, 16)).toBe(2);
    expect(pageCount(5, 0)).toBe(5);
  });

  it('keeps the page inside the pages there are', () => {
    expect(clampPage(3, 2)).toBe(1);
    expect(clampPage(-1, 2)).toBe(0);
    expect(clampPage(0, 0)).toBe(0);
  });

  it('slices a page', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    expect(pageItems(items, 0, 2)).toEqual(['a', 'b']);
    expect(pageItems(items, 2, 2)).toEqual(['e']);
  });
});

describe('stripCapacity', () => {
  it('shows everyone when they fit, without arrows', () => {
    expect(stripCapacity(1000, 5, 176)).toBe(5);
  });

  it('leaves room for the arrows when not everyone fits', () => {
    expect(stripCapacity(1000, 9, 176)).toBe(Math.floor((1000 - 2 * stripArrowWidth + 8) / 184));
    expect(stripCapacity(360, 9, 112)).toBe(2);
  });
});
