import { useEffect, useState } from 'react';

const query = '(max-width: 640px)';

/** Whether the screen is phone-sized, following rotation and resizing. */
export function useNarrowScreen(): boolean {
  const [narrow, setNarrow] = useState(() => globalThis.matchMedia?.(query).matches ?? false);
  useEffect(() => {
    const list = globalThis.matchMedia?.(query);
    if (!list) return;
    const update = () => setNarrow(list.matches);
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, []);
  return narrow;
}
