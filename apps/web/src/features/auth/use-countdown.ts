import { useEffect, useState } from 'react';

/** Whole seconds left until `deadline` (epoch ms), re-rendering every second until 0. */
export function useSecondsUntil(deadline: number): number {
  const [, setTick] = useState(0);
  // Read from the clock on each render, so a throttled background tab or a new deadline never
  // shows a stale count.
  const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
  const done = left === 0;
  useEffect(() => {
    if (done) return;
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [done]);
  return left;
}
