import { describe, expect, test } from 'vitest';
import { allocateLayers, type LayerInfo, layerForTileSize } from './layer-allocation.ts';

const layers = (active = [true, true, true]): LayerInfo[] => [
  { width: 320, height: 180, bitrate: 150_000, active: active[0] as boolean },
  { width: 640, height: 360, bitrate: 500_000, active: active[1] as boolean },
  { width: 1280, height: 720, bitrate: 1_500_000, active: active[2] as boolean },
];

describe('layerForTileSize', () => {
  test('the lowest layer that covers the tile, the highest without a tile or when none covers', () => {
    expect(layerForTileSize(layers(), { width: 160, height: 90 })).toBe(0);
    expect(layerForTileSize(layers(), { width: 400, height: 225 })).toBe(1);
    expect(layerForTileSize(layers(), { width: 1920, height: 1080 })).toBe(2);
    expect(layerForTileSize(layers(), undefined)).toBe(2);
  });

  test('only active layers; unknown sizes are assumed from the usual 1/4, 1/2, 1 scaling', () => {
    expect(layerForTileSize(layers([true, false, true]), { width: 400, height: 225 })).toBe(2);
    const unknown = layers().map((layer) => ({ ...layer, width: 0, height: 0 }));
    expect(layerForTileSize(unknown, { width: 600, height: 340 })).toBe(1);
  });
});

describe('allocateLayers', () => {
  const demand = (consumerId: string, maxLayer = 2, currentLayer = maxLayer) => ({
    consumerId,
    layers: layers(),
    maxLayer,
    currentLayer,
  });

  test('everyone at its best layer when the budget allows', () => {
    const { layers: chosen } = allocateLayers([demand('a'), demand('b', 1)], Number.POSITIVE_INFINITY, false);
    expect(Object.fromEntries(chosen)).toEqual({ a: 2, b: 1 });
  });

  test('the most expensive steps down first, never below the lowest layer', () => {
    expect(Object.fromEntries(allocateLayers([demand('a'), demand('b')], 2_100_000, false).layers)).toEqual({
      a: 1,
      b: 2,
    });
    expect(Object.fromEntries(allocateLayers([demand('a'), demand('b')], 1_100_000, false).layers)).toEqual({
      a: 1,
      b: 1,
    });
    expect(Object.fromEntries(allocateLayers([demand('a'), demand('b')], 10_000, false).layers)).toEqual({
      a: 0,
      b: 0,
    });
  });

  test('a probe raises the cheapest upgrade by one layer above the budget', () => {
    const { layers: chosen, probed } = allocateLayers([demand('a', 2, 0), demand('b', 2, 1)], 700_000, true);
    expect(probed).toBe(true);
    expect(Object.fromEntries(chosen)).toEqual({ a: 1, b: 1 });
  });
});
