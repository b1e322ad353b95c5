/** A packet the buffer can order: an RTP sequence number (16 bits, wrapping). */
interface Sequenced {
  sequenceNumber: number;
}

export interface RtpReorderBufferOptions {
  now: () => number;
  /** How long a packet waits for the ones before it (a late or retransmitted packet) before they count as lost. */
  maxWaitMs: number;
  /** At most this many packets wait; beyond, the oldest gap counts as lost at once. */
  capacity: number;
}

/** A sequence number this far from the expected one means the sender restarted its numbering. */
const restartDistance = 3000;

/**
 * Puts RTP packets back in sequence order. Packets behind a gap wait until the missing one arrives,
 * or until the oldest waited `maxWaitMs` (or too many wait): then the gap is skipped and the consumer
 * sees a jump in sequence numbers. Duplicates and packets older than what was released are dropped.
 */
export class RtpReorderBuffer<T extends Sequenced> {
  readonly #options: RtpReorderBufferOptions;
  readonly #waiting = new Map<number, { packet: T; arrivedAt: number }>();
  #expected: number | undefined;

  constructor(options: RtpReorderBufferOptions) {
    this.#options = options;
  }

  /** Takes a packet; returns the packets now in order, possibly none. */
  push(packet: T): T[] {
    const released: T[] = [];
    if (this.#expected === undefined) this.#expected = packet.sequenceNumber;
    const distance = signed16(packet.sequenceNumber - this.#expected);
    if (Math.abs(distance) > restartDistance) {
      released.push(...this.flush());
      this.#expected = packet.sequenceNumber;
    } else if (distance < 0 || this.#waiting.has(packet.sequenceNumber)) {
      return released;
    }
    const now = this.#options.now();
    this.#waiting.set(packet.sequenceNumber, { packet, arrivedAt: now });
    this.#release(released);
    while (this.#waiting.size > 0 && this.#mustSkip(now)) {
      this.#skipGap();
      this.#release(released);
    }
    return released;
  }

  /** Everything still waiting, in order, gaps skipped. */
  flush(): T[] {
    const released: T[] = [];
    while (this.#waiting.size > 0) {
      this.#skipGap();
      this.#release(released);
    }
    return released;
  }

  /** Forgets the stream: the next packet is taken as the first. */
  reset(): void {
    this.#waiting.clear();
    this.#expected = undefined;
  }

  #release(into: T[]): void {
    for (;;) {
      const next = this.#waiting.get(this.#expected as number);
      if (!next) return;
      this.#waiting.delete(this.#expected as number);
      into.push(next.packet);
      this.#expected = ((this.#expected as number) + 1) & 0xffff;
    }
  }

  #mustSkip(now: number): boolean {
    if (this.#waiting.size > this.#options.capacity) return true;
    let oldest = Number.POSITIVE_INFINITY;
    for (const { arrivedAt } of this.#waiting.values()) oldest = Math.min(oldest, arrivedAt);
    return now - oldest > this.#options.maxWaitMs;
  }

  /** Moves the expected sequence number to the first packet waiting after the gap. */
  #skipGap(): void {
    while (!this.#waiting.has(this.#expected as number)) {
      this.#expected = ((this.#expected as number) + 1) & 0xffff;
    }
  }
}

function signed16(value: number): number {
  return ((value + 0x8000) & 0xffff) - 0x8000;
}
