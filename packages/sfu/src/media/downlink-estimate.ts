/**
 * A subscriber's downlink budget from what it reports: its REMB (the browser's receive-side estimate,
 * negotiated as goog-remb with abs-send-time) and the loss in its receiver reports.
 *
 * werift estimates bandwidth only from transport-wide feedback (TWCC) and sends no probes; Parley does
 * not negotiate transport-cc towards subscribers because it costs about a third of the forwarding
 * throughput (TESTING.md). A REMB stays near 1.5x of what the subscriber receives, so the budget is
 * the REMB while it shows congestion, and after `holdMs` without congestion the allocation may probe
 * one layer up; a probe followed by congestion doubles the hold (up to a minute).
 */
export class DownlinkEstimate {
  static readonly initialHoldMs = 4000;
  static readonly maxHoldMs = 60_000;
  #remb: number | undefined;
  #fractionLost = 0;
  #lastCongestionAt = Number.NEGATIVE_INFINITY;
  #lastProbeAt = Number.NEGATIVE_INFINITY;
  #holdMs = DownlinkEstimate.initialHoldMs;

  get remb(): number | undefined {
    return this.#remb;
  }

  onRemb(bitrate: number): void {
    this.#remb = bitrate;
  }

  /** The subscriber's latest fraction lost (0..1) over the video it receives. */
  onFractionLost(fraction: number): void {
    this.#fractionLost = fraction;
  }

  /** The video budget now, and whether a probe is allowed; `sendRate` is what is being forwarded. */
  budget(now: number, sendRate: number): { budget: number; probe: boolean } {
    const remb = this.#remb;
    if (remb === undefined) return { budget: Number.POSITIVE_INFINITY, probe: false };
    const congested = remb < sendRate * 0.9 || this.#fractionLost > 0.1;
    if (congested) {
      if (now - this.#lastProbeAt < 3000)
        this.#holdMs = Math.min(this.#holdMs * 2, DownlinkEstimate.maxHoldMs);
      this.#lastCongestionAt = now;
      return { budget: remb, probe: false };
    }
    if (now - this.#lastCongestionAt > 30_000) this.#holdMs = DownlinkEstimate.initialHoldMs;
    const quietSince = Math.max(this.#lastCongestionAt, this.#lastProbeAt);
    return { budget: Math.max(remb, sendRate), probe: now - quietSince >= this.#holdMs };
  }

  /** The allocation used a probe: the next one waits a full hold. */
  probed(now: number): void {
    this.#lastProbeAt = now;
  }
}
