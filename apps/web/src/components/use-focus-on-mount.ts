import { type RefObject, useEffect, useRef } from 'react';

/** Moves keyboard focus to the element when a step appears, so the person can type straight away. */
export function useFocusOnMount<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
