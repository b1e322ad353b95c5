/**
 * Keeps one outgoing RTP stream continuous while its source changes: a simulcast layer switch, or a
 * recycled subscriber m-section that starts carrying another producer. Sequence numbers continue
 * from the last one sent; the timestamp advances by the wall-clock time since the last packet.
 * Packets of the new source older than the one switched on are dropped (their numbers are taken),
 * and so are packets more than `maxLag` behind the newest one (too late to be of use, and beyond
 * half the sequence space "older" and "newer" would swap).
 */
/** Packets this far behind the newest are dropped: retransmissions never lag that much. */
const maxLag = 0x1000;

export class RtpRewriter {
  readonly #clockRate: number;
  #seqOffset = 0;
  #tsOffset = 0;
  #lastSeq: number | undefined;
  #lastTs = 0;
  #lastSentAt = 0;
  /** The oldest sequence number of the current source still forwarded; it follows the newest one. */
  #floor: number | undefined;
  /** Results of the last successful `rewrite`. */
  sequenceNumber = 0;
  timestamp = 0;

  constructor(clockRate: number) {
    this.#clockRate = clockRate;
  }

  /** Call with the first packet of a new source, before `rewrite`ing it. */
  switchTo(sequenceNumber: number, timestamp: number, now: number): void {
    this.#floor = sequenceNumber;
    if (this.#lastSeq === undefined) {
      this.#seqOffset = 0;
      this.#tsOffset = 0;
      return;
    }
    this.#seqOffset = (this.#lastSeq + 1 - sequenceNumber) & 0xffff;
    const ticks = Math.max(1, Math.round(((now - this.#lastSentAt) * this.#clockRate) / 1000));
    this.#tsOffset = (this.#lastTs + ticks - timestamp) >>> 0;
  }

  /** Maps a packet of the current source; false when it must be dropped. */
  rewrite(sequenceNumber: number, timestamp: number, now: number): boolean {
    if (this.#floor !== undefined) {
      const sinceFloor = (sequenceNumber - this.#floor) & 0xffff;
      if (sinceFloor >= 0x8000) return false;
      // A fixed floor would read every packet as older once the source moved 32768 past it.
      if (sinceFloor > maxLag) this.#floor = (sequenceNumber - maxLag) & 0xffff;
    }
    const seq = (sequenceNumber + this.#seqOffset) & 0xffff;
    const ts = (timestamp + this.#tsOffset) >>> 0;
    if (this.#lastSeq === undefined || ((seq - this.#lastSeq) & 0xffff) < 0x8000) {
      this.#lastSeq = seq;
      this.#lastTs = ts;
      this.#lastSentAt = now;
    }
    this.sequenceNumber = seq;
    this.timestamp = ts;
    return true;
  }
}
