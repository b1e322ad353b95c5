/** Feedback is sent this often while packets arrive. */
export const transportCcIntervalMs = 100;
/**
 * Statuses per feedback packet. At worst (alternating lost and received, large deltas) a status costs
 * a 2-byte chunk and a 2-byte delta: 256 of them stay within one MTU.
 */
const maxStatusesPerPacket = 256;
/**
 * Arrival times not reported yet, by sequence number modulo this. What is stored spans less than
 * `maxStatusesPerPacket` numbers after each packet (more sends feedback at once), and a packet this far
 * ahead of the oldest unreported one sends what is stored first, so slots never collide.
 */
const ringSize = 1024;
const ringMask = ringSize - 1;
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
 *
 * `onPacket` runs for every packet the connection receives, so it only writes a number into a ring;
 * the reports are built once per interval.
 */
export class TransportCcFeedback {
  readonly #send: (packet: Buffer) => void;
  readonly #senderSsrc: number;
  /** Arrival times in microseconds by unwrapped sequence number & ringMask; NaN: none stored. */
  readonly #arrivals = new Float64Array(ringSize).fill(Number.NaN);
  /** How many arrivals are stored (not reported yet). */
  #stored = 0;
  /** Scratch space of one report: status symbols and receive deltas. */
  readonly #statuses = new Uint8Array(maxStatusesPerPacket);
  readonly #deltas = new Int32Array(maxStatusesPerPacket);
  #mediaSsrc = 0;
  /** Highest unwrapped sequence number seen; -1 before the first packet. */
  #highest = -1;
  /** Oldest unwrapped sequence number not reported yet; -1 before the first packet. */
  #nextToReport = -1;
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
    if (this.#nextToReport < 0) this.#nextToReport = unwrapped;
    // Reported already (as lost): too late for the congestion controller.
    if (unwrapped < this.#nextToReport) return;
    if (unwrapped - this.#nextToReport >= ringSize) {
      this.flush();
      // A gap longer than a whole feedback (a restarted sender) is not worth reporting packet by packet.
      if (unwrapped - this.#nextToReport >= maxStatusesPerPacket) this.#nextToReport = unwrapped;
    }
    const slot = unwrapped & ringMask;
    if (!Number.isNaN(this.#arrivals[slot] as number)) return;
    this.#arrivals[slot] = arrivalUs;
    this.#stored++;
    this.#mediaSsrc = ssrc;
    if (this.#highest - this.#nextToReport + 1 >= maxStatusesPerPacket) this.flush();
    if (this.#timer === undefined && this.#stored > 0) {
      this.#timer = setInterval(() => this.#tick(), transportCcIntervalMs);
      this.#timer.unref();
    }
  }

  /** Sends feedback for every packet not reported yet. */
  flush(): void {
    while (this.#stored > 0) this.#send(this.#build());
  }

  close(): void {
    this.#closed = true;
    this.#arrivals.fill(Number.NaN);
    this.#stored = 0;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #tick(): void {
    if (this.#stored === 0) {
      clearInterval(this.#timer);
      this.#timer = undefined;
      return;
    }
    this.flush();
  }

  #unwrap(sequenceNumber: number): number {
    if (this.#highest < 0) {
      // Far enough from 0 that reordering before the first packet never unwraps below it.
      this.#highest = 0x10000 + sequenceNumber;
      return this.#highest;
    }
    const difference = (((sequenceNumber - this.#highest) & 0xffff) << 16) >> 16;
    const unwrapped = this.#highest + difference;
    if (unwrapped > this.#highest) this.#highest = unwrapped;
    return unwrapped;
  }

  /** One feedback packet from the oldest unreported sequence number on; removes what it reports. */
  #build(): Buffer {
    const arrivals = this.#arrivals;
    let base = this.#nextToReport;
    let firstReceived = base;
    while (Number.isNaN(arrivals[firstReceived & ringMask] as number)) firstReceived++;
    if (firstReceived - base >= maxStatusesPerPacket) base = firstReceived;
    const referenceTicks = Math.floor((arrivals[firstReceived & ringMask] as number) / referenceTickUs);
    let reportedUs = referenceTicks * referenceTickUs;
    const statuses = this.#statuses;
    const deltas = this.#deltas;
    // The highest number seen is stored until reported, and nothing is stored above it.
    const last = Math.min(this.#highest, base + maxStatusesPerPacket - 1);
    let statusCount = 0;
    let deltaCount = 0;
    let deltaBytes = 0;
    for (let sequence = base; sequence <= last; sequence++) {
      const slot = sequence & ringMask;
      const arrival = arrivals[slot] as number;
      if (Number.isNaN(arrival)) {
        statuses[statusCount++] = notReceived;
        continue;
      }
      const delta = Math.round((arrival - reportedUs) / deltaTickUs);
      // Beyond a signed 16-bit delta (8 s of reordering): the next feedback starts here.
      if (delta < -0x8000 || delta > 0x7fff) break;
      reportedUs += delta * deltaTickUs;
      const small = delta >= 0 && delta <= 0xff;
      statuses[statusCount++] = small ? smallDelta : largeDelta;
      deltas[deltaCount++] = delta;
      deltaBytes += small ? 1 : 2;
      arrivals[slot] = Number.NaN;
      this.#stored--;
    }
    // Trailing statuses of packets not received are left for the next feedback.
    while (statusCount > 0 && statuses[statusCount - 1] === notReceived) statusCount--;
    this.#nextToReport = base + statusCount;

    let chunkCount = 0;
    for (let index = 0; index < statusCount; chunkCount++) index += this.#runLength(index, statusCount);
    const unpadded = headerBytes + chunkCount * 2 + deltaBytes;
    const padding = (4 - (unpadded % 4)) % 4;
    const packet = Buffer.alloc(unpadded + padding);
    // V=2, P when padded, FMT=15; PT=205 (RTPFB); length in 32-bit words minus one.
    packet[0] = 0x80 | (padding > 0 ? 0x20 : 0) | 15;
    packet[1] = 205;
    packet.writeUInt16BE(packet.length / 4 - 1, 2);
    packet.writeUInt32BE(this.#senderSsrc >>> 0, 4);
    packet.writeUInt32BE(this.#mediaSsrc >>> 0, 8);
    packet.writeUInt16BE(base & 0xffff, 12);
    packet.writeUInt16BE(statusCount, 14);
    packet.writeUIntBE(referenceTicks & 0xffffff, 16, 3);
    packet[19] = this.#feedbackCount;
    this.#feedbackCount = (this.#feedbackCount + 1) & 0xff;
    let offset = headerBytes;
    for (let index = 0; index < statusCount; ) {
      const run = this.#runLength(index, statusCount);
      offset = packet.writeUInt16BE(((statuses[index] as number) << 13) | run, offset);
      index += run;
    }
    for (let index = 0; index < deltaCount; index++) {
      const delta = deltas[index] as number;
      offset =
        delta >= 0 && delta <= 0xff ? packet.writeUInt8(delta, offset) : packet.writeInt16BE(delta, offset);
    }
    if (padding > 0) packet[packet.length - 1] = padding;
    return packet;
  }

  /** Length of the run of equal statuses from `index` (a run-length chunk holds up to 8191). */
  #runLength(index: number, statusCount: number): number {
    const statuses = this.#statuses;
    let run = 1;
    while (index + run < statusCount && statuses[index + run] === statuses[index] && run < 0x1fff) run++;
    return run;
  }
}
