import { useLayoutEffect, useState } from 'react';
import type { Size } from './gallery-layout.ts';

/** An element's size in whole CSS pixels, kept up to date with a ResizeObserver. */
export function useElementSize<T extends Element>(): { ref: (element: T | null) => void; size: Size } {
  const [element, setElement] = useState<T | null>(null);
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  useLayoutEffect(() => {
    if (!element) return;
    const measure = () => {
      const rect = element.getBoundingClientRect();
      const next = { width: Math.floor(rect.width), height: Math.floor(rect.height) };
      setSize((current) => (current.width === next.width && current.height === next.height ? current : next));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return { ref: setElement, size };
}
