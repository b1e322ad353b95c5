import type { Clock, TimerHandle } from '../clock.ts';
import type { QueuedEvent } from '../store/records.ts';

export interface EventInboxOptions {
  /** Applies events durably, in order; resolves once they are committed. */
  apply(events: QueuedEvent[]): Promise<void>;
  /** Sends a cumulative ack; returns false when there is no connection to send it on. */
  sendAck(seq: number): boolean;
  /** Everything before a caught-up marker is applied. */
  onCaughtUp(marker: unknown): void;
  /** Applying failed: nothing after the last ack is applied, the connection must start over. */
  onFailure(error: unknown): void;
  clock: Clock;
  ackDelayMs: number;
  ackEvery: number;
  applyBatch: number;
}

type Item = { kind: 'event'; event: QueuedEvent } | { kind: 'caught-up'; marker: unknown };

/**
 * Queued events between the socket and the store: applied in order, one transaction per batch,
 * then acknowledged, at most `ackDelayMs` later or at once after `ackEvery` events, so the
 * server's window of unacknowledged events (500) never fills while the client keeps up.
 */
export class EventInbox {
  readonly #options: EventInboxOptions;
  #items: Item[] = [];
  #draining = false;
  #appliedSeq = 0;
  #ackedSeq = 0;
  #ackTimer: TimerHandle | undefined;

  constructor(options: EventInboxOptions) {
    this.#options = options;
  }

  get appliedSeq(): number {
    return this.#appliedSeq;
  }

  /** A new connection said hello with `lastSeq`, which acknowledges everything up to it. */
  resume(lastSeq: number): void {
    this.#appliedSeq = lastSeq;
    this.#ackedSeq = lastSeq;
  }

  push(event: QueuedEvent): void {
    this.#items.push({ kind: 'event', event });
    void this.#drain();
  }

  /** Marks the end of the backlog: `onCaughtUp(marker)` runs once everything before it is applied. */
  caughtUp(marker: unknown): void {
    this.#items.push({ kind: 'caught-up', marker });
    void this.#drain();
  }

  /** Sends the pending ack now (the backlog ended, or a batch filled up). */
  flushAck(): void {
    this.cancelAck();
    if (this.#appliedSeq <= this.#ackedSeq) return;
    if (this.#options.sendAck(this.#appliedSeq)) this.#ackedSeq = this.#appliedSeq;
  }

  /** The connection closed: the next hello acknowledges instead. */
  cancelAck(): void {
    if (this.#ackTimer === undefined) return;
    this.#options.clock.clearTimeout(this.#ackTimer);
    this.#ackTimer = undefined;
  }

  async #drain(): Promise<void> {
    if (this.#draining) return;
    this.#draining = true;
    try {
      while (this.#items.length > 0) {
        const head = this.#items[0];
        if (head?.kind === 'caught-up') {
          this.#items.shift();
          this.#options.onCaughtUp(head.marker);
          continue;
        }
        const batch: QueuedEvent[] = [];
        while (batch.length < this.#options.applyBatch) {
          const next = this.#items[0];
          if (next?.kind !== 'event') break;
          this.#items.shift();
          // A resent event (seq at or below what is applied) is acknowledged, not applied again.
          if (next.event.seq > this.#appliedSeq) batch.push(next.event);
        }
        if (batch.length > 0) {
          await this.#options.apply(batch);
          for (const { seq } of batch) this.#appliedSeq = Math.max(this.#appliedSeq, seq);
        }
        this.#scheduleAck();
      }
    } catch (error) {
      this.#items = [];
      this.cancelAck();
      this.#options.onFailure(error);
    } finally {
      this.#draining = false;
    }
  }

  #scheduleAck(): void {
    const unacked = this.#appliedSeq - this.#ackedSeq;
    if (unacked <= 0) return;
    if (unacked >= this.#options.ackEvery) {
      this.flushAck();
    } else if (this.#ackTimer === undefined) {
      this.#ackTimer = this.#options.clock.setTimeout(() => {
        this.#ackTimer = undefined;
        this.flushAck();
      }, this.#options.ackDelayMs);
    }
  }
}
