import type { MeetingRoom } from '@parley/client';
import { useCallback, useEffect, useRef } from 'react';
import type { Size } from './gallery-layout.ts';
import { type TileKey, tileKeyOf } from './stage-layout.ts';
import { toViewTiles } from './view-tiles.ts';

/**
 * Last-N: tells the room which other participants' videos are on screen and how large, so the
 * server forwards only those, each in a layer that fits. Each tile on screen passes its element
 * to `measure(key)`; one ResizeObserver follows them all. The room waits for the layout to
 * settle and sends only changes, so reporting on every resize is fine.
 */
export function useViewReporter(room: MeetingRoom, visible: readonly TileKey[]) {
  const sizes = useRef(new Map<string, Size>());
  const keys = useRef(new Map<Element, string>());
  const callbacks = useRef(new Map<string, (element: HTMLElement | null) => void>());
  const observer = useRef<ResizeObserver | null>(null);
  const visibleRef = useRef(visible);
  visibleRef.current = visible;

  const report = useCallback(() => {
    room.setView(toViewTiles(visibleRef.current, sizes.current, window.devicePixelRatio));
  }, [room]);

  useEffect(() => {
    const resizes = new ResizeObserver((entries) => {
      for (const entry of entries) {
        const key = keys.current.get(entry.target);
        if (key === undefined) continue;
        sizes.current.set(key, { width: entry.contentRect.width, height: entry.contentRect.height });
      }
      report();
    });
    observer.current = resizes;
    for (const element of keys.current.keys()) resizes.observe(element);
    return () => {
      resizes.disconnect();
      observer.current = null;
    };
  }, [report]);

  // A page turned or a layout switched: the set changes even when no size does.
  const visibleKey = visible.map(tileKeyOf).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: visibleKey stands for `visible`
  useEffect(() => {
    report();
  }, [visibleKey, report]);

  /** A ref callback for the tile showing `tile`; the same function for the same tile. */
  const measure = useCallback((tile: TileKey) => {
    const key = tileKeyOf(tile);
    let callback = callbacks.current.get(key);
    if (!callback) {
      let current: HTMLElement | null = null;
      callback = (element: HTMLElement | null) => {
        if (current) {
          observer.current?.unobserve(current);
          keys.current.delete(current);
          sizes.current.delete(key);
        }
        current = element;
        if (element) {
          keys.current.set(element, key);
          observer.current?.observe(element);
        }
      };
      callbacks.current.set(key, callback);
    }
    return callback;
  }, []);

  return measure;
}
