import type { Clock, TimerHandle } from './clock.ts';

/** At most one pending timer per name (retry, handshake, ping...): setting a name again replaces it. */
export class NamedTimers<Name extends string> {
  readonly #timers = new Map<Name, TimerHandle>();

  constructor(private readonly clock: Clock) {}

  set(name: Name, ms: number, fn: () => void): void {
    this.clear(name);
    this.#timers.set(
      name,
      this.clock.setTimeout(() => {
        this.#timers.delete(name);
        fn();
      }, ms),
    );
  }

  clear(name: Name): void {
    const timer = this.#timers.get(name);
    if (timer === undefined) return;
    this.clock.clearTimeout(timer);
    this.#timers.delete(name);
  }
}
