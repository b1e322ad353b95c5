// A Clock for tests: time moves only when the test says so.
import type { Clock, TimerHandle } from '../clock.ts';

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

/** Lets every pending promise chain run (one macrotask turn), without letting time pass. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class ManualClock implements Clock {
  #now: number;
  #nextId = 0;
  #timers: Timer[] = [];

  constructor(start = Date.parse('2030-01-01T10:00:00.000Z')) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    this.#nextId += 1;
    this.#timers.push({ id: this.#nextId, at: this.#now + Math.max(0, ms), callback });
    return this.#nextId as unknown as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers = this.#timers.filter((timer) => timer.id !== (handle as unknown as number));
  }

  /** Timers still waiting, for assertions that nothing was left behind. */
  get pending(): number {
    return this.#timers.length;
  }

  /** Moves time forward, firing due timers in order and letting promises settle in between. */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    await settle();
    for (;;) {
      const next = this.#timers
        .filter((timer) => timer.at <= end)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!next) break;
      this.#timers = this.#timers.filter((timer) => timer !== next);
      this.#now = next.at;
      next.callback();
      await settle();
    }
    this.#now = end;
  }
}
