/**
 * Runs at most `limit` tasks at once; the rest wait in arrival order. Used where each task holds a
 * lot of memory (image decoding), so that a burst of requests cannot exhaust it.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    // A finishing task hands its slot straight to the next waiter (the count stays), so a new
    // arrival can never slip in between and exceed the limit.
    if (this.running < this.limit) this.running += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
