/** Feedback is sent this often while packets arrive. */
export const transportCcIntervalMs = 100;
/**
 * Statuses per feedback packet. At worst (alternating lost and received, large deltas) a status costs
 * a 2-byte chunk and a 2-byte delta: 256 of them stay within one MTU.
 */
const maxStatusesPerPacket = 256;
/** Receive deltas are in 250 µs ticks, the reference time in 64 ms ticks. */
const deltaTickUs = 250;
const referenceTickUs = 64_000;
const headerBytes = 20;

/** Packet status symbols. */
const notReceived = 0;
const smallDelta = 1;
const largeDelta = 2;

/**
 * Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01) for
 * one publish connection: which transport-wide sequence numbers arrived and when. A browser's
 * congestion controller (Chromium's GCC) sets the publisher's send rate, and with it the simulcast
 * layers it sends, from these reports.
 *
 * Parley replaces werift's ReceiverTWCC with this (see werift-workarounds.ts). As libwebrtc does,
 * the first receive delta counts from the reference time, which is in whole 64 ms ticks; deltas are
 * rounded and the reported clock advances by what was reported, so rounding never accumulates;
 * missing packets are reported as not received; the packet is padded to 32 bits.
 */
export class TransportCcFeedback {
  readonly #send: (packet: Buffer) => void;
  readonly #senderSsrc: number;
  /** Arrival times in microseconds by unwrapped sequence number, not reported yet. */
  readonly #arrivals = new Map<number, number>();
  #mediaSsrc = 0;
  #highest: number | undefined;
  #nextToReport: number | undefined;
  #feedbackCount = 0;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(send: (packet: Buffer) => void, senderSsrc: number) {
    this.#send = send;
    this.#senderSsrc = senderSsrc;
  }

  /** True while the feedback timer runs. */
  get active(): boolean {
    return this.#timer !== undefined;
  }

  /** A packet with transport-wide sequence number `sequenceNumber` arrived (µs on a monotonic clock). */
  onPacket(sequenceNumber: number, ssrc: number, arrivalUs = performance.now() * 1000): void {
    if (this.#closed) return;
    const unwrapped = this.#unwrap(sequenceNumber);
    // Reported already (as lost): too late for the congestion controller.
    if (this.#nextToReport !== undefined && unwrapped < this.#nextToReport) return;
    if (this.#arrivals.has(unwrapped)) return;
    this.#arrivals.set(unwrapped, arrivalUs);
    this.#nextToReport ??= unwrapped;
    this.#mediaSsrc = ssrc;
    if ((this.#highest ?? unwrapped) - this.#nextToReport + 1 >= maxStatusesPerPacket) this.flush();
    if (this.#timer === undefined && this.#arrivals.size > 0) {
      this.#timer = setInterval(() => this.#tick(), transportCcIntervalMs);
      this.#timer.unref();
    }
  }

  /** Sends feedback for every packet not reported yet. */
  flush(): void {
    while (this.#arrivals.size > 0) this.#send(this.#build());
  }

  close(): void {
    this.#closed = true;
    this.#arrivals.clear();
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #tick(): void {
    if (this.#arrivals.size === 0) {
      clearInterval(this.#timer);
      this.#timer = undefined;
      return;
    }
    this.flush();
  }

  #unwrap(sequenceNumber: number): number {
    if (this.#highest === undefined) {
      this.#highest = sequenceNumber;
      return sequenceNumber;
    }
    const difference = (((sequenceNumber - this.#highest) & 0xffff) << 16) >> 16;
    const unwrapped = this.#highest + difference;
    if (unwrapped > this.#highest) this.#highest = unwrapped;
    return unwrapped;
  }

  /** One feedback packet from the oldest unreported sequence number on; removes what it reports. */
  #build(): Buffer {
    const received = [...this.#arrivals.keys()].sort((a, b) => a - b);
    const firstReceived = received[0] as number;
    let base = this.#nextToReport ?? firstReceived;
    // A gap longer than a whole feedback (a restarted sender) is not worth reporting packet by packet.
    if (firstReceived - base >= maxStatusesPerPacket) base = firstReceived;
    const firstArrival = this.#arrivals.get(firstReceived) as number;
    const referenceTicks = Math.floor(firstArrival / referenceTickUs);
    let reportedUs = referenceTicks * referenceTickUs;
    const statuses: number[] = [];
    const deltas: number[] = [];
    const last = Math.min(received[received.length - 1] as number, base + maxStatusesPerPacket - 1);
    for (let sequence = base; sequence <= last; sequence++) {
      const arrival = this.#arrivals.get(sequence);
      if (arrival === undefined) {
        statuses.push(notReceived);
        continue;
      }
      const delta = Math.round((arrival - reportedUs) / deltaTickUs);
      // Beyond a signed 16-bit delta (8 s of reordering): the next feedback starts here.
      if (delta < -0x8000 || delta > 0x7fff) break;
      reportedUs += delta * deltaTickUs;
      statuses.push(delta >= 0 && delta <= 0xff ? smallDelta : largeDelta);
      deltas.push(delta);
      this.#arrivals.delete(sequence);
    }
    // Trailing statuses of packets not received are left for the next feedback.
    while (statuses[statuses.length - 1] === notReceived) statuses.pop();
    this.#nextToReport = base + statuses.length;

    const chunks: number[] = [];
    for (let index = 0; index < statuses.length; ) {
      const status = statuses[index] as number;
      let run = 1;
      while (index + run < statuses.length && statuses[index + run] === status && run < 0x1fff) run++;
      chunks.push((status << 13) | run);
      index += run;
    }
    const deltaBytes = deltas.reduce((sum, delta) => sum + (delta >= 0 && delta <= 0xff ? 1 : 2), 0);
    const unpadded = headerBytes + chunks.length * 2 + deltaBytes;
    const padding = (4 - (unpadded % 4)) % 4;
    const packet = Buffer.alloc(unpadded + padding);
    // V=2, P when padded, FMT=15; PT=205 (RTPFB); length in 32-bit words minus one.
    packet[0] = 0x80 | (padding > 0 ? 0x20 : 0) | 15;
    packet[1] = 205;
    packet.writeUInt16BE(packet.length / 4 - 1, 2);
    packet.writeUInt32BE(this.#senderSsrc >>> 0, 4);
    packet.writeUInt32BE(this.#mediaSsrc >>> 0, 8);
    packet.writeUInt16BE(base & 0xffff, 12);
    packet.writeUInt16BE(statuses.length, 14);
    packet.writeUIntBE(referenceTicks & 0xffffff, 16, 3);
    packet[19] = this.#feedbackCount;
    this.#feedbackCount = (this.#feedbackCount + 1) & 0xff;
    let offset = headerBytes;
    for (const chunk of chunks) offset = packet.writeUInt16BE(chunk, offset);
    for (const delta of deltas) {
      offset =
        delta >= 0 && delta <= 0xff ? packet.writeUInt8(delta, offset) : packet.writeInt16BE(delta, offset);
    }
    if (padding > 0) packet[packet.length - 1] = padding;
    return packet;
  }
}
