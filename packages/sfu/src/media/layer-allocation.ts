import type { VideoSize } from '../types.ts';

/** What the allocation knows about one simulcast layer of a producer. */
export interface LayerInfo {
  /** From the layer's last keyframe; 0 while unknown. */
  width: number;
  height: number;
  /** Measured bits per second; 0 while unknown. */
  bitrate: number;
  active: boolean;
}

/** Bitrates assumed for layers not measured yet (browser defaults for 180p, 360p, 720p VP8). */
const assumedBitrates = [150_000, 500_000, 1_500_000];
/** Resolutions assumed for layers whose keyframe was not seen yet (the usual 1/4, 1/2, 1 scaling of 720p). */
const assumedHeights = [180, 360, 720];

export function layerBitrate(layers: LayerInfo[], layer: number): number {
  const info = layers[layer];
  if (info && info.bitrate > 0) return info.bitrate;
  return assumedBitrates[Math.min(layer, assumedBitrates.length - 1)] as number;
}

/**
 * The lowest layer whose picture covers the tile (no upscaling in the browser), or the highest one
 * when none does. Without a tile size, the highest. Only active layers count; with none active, 0.
 */
export function layerForTileSize(layers: LayerInfo[], tile: VideoSize | undefined): number {
  const active = layers.map((layer, index) => (layer.active ? index : -1)).filter((index) => index >= 0);
  if (active.length === 0) return 0;
  const highest = active[active.length - 1] as number;
  if (!tile) return highest;
  for (const index of active) {
    const layer = layers[index] as LayerInfo;
    const height = layer.height || (assumedHeights[Math.min(index, assumedHeights.length - 1)] as number);
    const width = layer.width || Math.round((height * 16) / 9);
    if (width >= tile.width && height >= tile.height) return index;
  }
  return highest;
}

/** The highest active layer at or below `layer`, else the lowest active one. */
export function activeLayerAtMost(layers: LayerInfo[], layer: number): number {
  for (let index = Math.min(layer, layers.length - 1); index >= 0; index--) {
    if (layers[index]?.active) return index;
  }
  const lowest = layers.findIndex((info) => info.active);
  return lowest >= 0 ? lowest : 0;
}

export interface LayerDemand {
  consumerId: string;
  layers: LayerInfo[];
  /** The best layer for this consumer: its tile size capped by its preferred layer. */
  maxLayer: number;
  /** The layer it currently targets (for picking the cheapest upgrade when probing). */
  currentLayer: number;
}

export interface LayerAllocation {
  layers: Map<string, number>;
  /** True when a consumer got one layer more than the budget allows, to probe for bandwidth. */
  probed: boolean;
}

/**
 * Fits a subscriber's video consumers into its budget: everyone starts at its `maxLayer`, then the
 * consumer whose current layer costs the most steps down, until the total fits or everyone is at its
 * lowest active layer (Parley never drops video below the lowest layer for bandwidth).
 *
 * With `probe`, one consumer that is below both its `maxLayer` and its current layer + 1 gets the next
 * layer although it does not fit: a subscriber's REMB never grows far above what it receives, so
 * stepping up is the only way to learn that more bandwidth is there.
 */
export function allocateLayers(demands: LayerDemand[], budget: number, probe: boolean): LayerAllocation {
  const chosen = new Map<string, number>();
  for (const demand of demands)
    chosen.set(demand.consumerId, activeLayerAtMost(demand.layers, demand.maxLayer));
  const total = () => {
    let sum = 0;
    for (const demand of demands) sum += layerBitrate(demand.layers, chosen.get(demand.consumerId) as number);
    return sum;
  };
  while (total() > budget) {
    let victim: LayerDemand | undefined;
    let victimCost = -1;
    for (const demand of demands) {
      const layer = chosen.get(demand.consumerId) as number;
      const lower = activeLayerAtMost(demand.layers, layer - 1);
      if (layer === 0 || lower >= layer) continue;
      const cost = layerBitrate(demand.layers, layer);
      if (cost > victimCost) {
        victim = demand;
        victimCost = cost;
      }
    }
    if (!victim) break;
    const layer = chosen.get(victim.consumerId) as number;
    chosen.set(victim.consumerId, activeLayerAtMost(victim.layers, layer - 1));
  }
  let probed = false;
  if (probe) {
    let best: LayerDemand | undefined;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const demand of demands) {
      const layer = chosen.get(demand.consumerId) as number;
      const next = layer + 1;
      if (next > demand.maxLayer || !demand.layers[next]?.active || layer < demand.currentLayer) continue;
      const cost = layerBitrate(demand.layers, next) - layerBitrate(demand.layers, layer);
      if (cost < bestCost) {
        best = demand;
        bestCost = cost;
      }
    }
    if (best) {
      chosen.set(best.consumerId, (chosen.get(best.consumerId) as number) + 1);
      probed = true;
    }
  }
  return { layers: chosen, probed };
}
