const WAIT_MS = 5_000;

/** Collects what a handler receives; `next(n)` waits until n messages have arrived. */
export class Inbox {
  readonly messages: unknown[] = [];
  #waiters: { count: number; resolve: () => void }[] = [];

  readonly handler = (message: unknown): void => {
    this.messages.push(message);
    this.#waiters = this.#waiters.filter((waiter) => {
      if (this.messages.length < waiter.count) return true;
      waiter.resolve();
      return false;
    });
  };

  async next(count: number): Promise<unknown[]> {
    if (this.messages.length < count) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve, reject) => {
        this.#waiters.push({ count, resolve });
        timer = setTimeout(
          () => reject(new Error(`got ${this.messages.length} of ${count} messages in ${WAIT_MS} ms`)),
          WAIT_MS,
        );
      }).finally(() => clearTimeout(timer));
    }
    return [...this.messages];
  }
}
