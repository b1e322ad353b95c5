import { isVp8FrameStart, vp8DescriptorLength, vp8KeyframeSize } from './vp8.ts';

/** The RTP fields a VP8 depacketizer reads. */
export interface Vp8Packet {
  payload: Uint8Array;
  sequenceNumber: number;
  timestamp: number;
  marker: boolean;
}

/** One VP8 frame put back together from its RTP packets. */
export interface Vp8Frame {
  /** The frame as the encoder wrote it (RFC 6386), without RTP payload descriptors. */
  data: Uint8Array;
  /** RTP timestamp (90 kHz) shared by the frame's packets. */
  timestamp: number;
  keyframe: boolean;
  /** Keyframes declare the frame size; undefined on delta frames. */
  width?: number;
  height?: number;
}

/**
 * Reassembles VP8 frames (RFC 7741) from RTP packets given in sequence order. A frame starts at a packet
 * with S=1 and partition 0 and ends at the marker bit. A missing packet breaks the frame it belonged to
 * and every frame after it up to the next keyframe (they reference the lost data), so those are
 * dropped; `waitingForKeyframe` tells when the sender should be asked for one.
 */
export class Vp8Depacketizer {
  #parts: Uint8Array[] = [];
  #assembling = false;
  #frameTimestamp = 0;
  #size: { width: number; height: number } | undefined;
  #lastSequenceNumber: number | undefined;
  #waitingForKeyframe = true;

  /** True from the start, after a loss and after `reset()`, until a keyframe is complete. */
  get waitingForKeyframe(): boolean {
    return this.#waitingForKeyframe;
  }

  /** Takes the next packet in sequence order; returns the frame it completes, if any. */
  push(packet: Vp8Packet): Vp8Frame | undefined {
    const expected =
      this.#lastSequenceNumber === undefined
        ? packet.sequenceNumber
        : (this.#lastSequenceNumber + 1) & 0xffff;
    this.#lastSequenceNumber = packet.sequenceNumber;
    if (packet.sequenceNumber !== expected) this.#lose();

    const offset = vp8DescriptorLength(packet.payload);
    if (offset < 0) {
      this.#lose();
      return undefined;
    }
    if (isVp8FrameStart(packet.payload)) {
      // A new frame while one is open: the open one lost its last packet.
      if (this.#assembling) this.#lose();
      this.#assembling = true;
      this.#parts = [];
      this.#frameTimestamp = packet.timestamp;
      this.#size = vp8KeyframeSize(packet.payload);
    } else if (!this.#assembling) {
      return undefined;
    } else if (packet.timestamp !== this.#frameTimestamp) {
      this.#lose();
      return undefined;
    }
    this.#parts.push(packet.payload.subarray(offset));
    if (!packet.marker) return undefined;

    this.#assembling = false;
    const data = Buffer.concat(this.#parts);
    this.#parts = [];
    const keyframe = ((data[0] as number) & 0x01) === 0;
    if (this.#waitingForKeyframe && !keyframe) return undefined;
    this.#waitingForKeyframe = false;
    return { data, timestamp: this.#frameTimestamp, keyframe, ...(keyframe ? this.#size : undefined) };
  }

  /** Forgets the stream (a pause, a new sender): the next frame it returns is a keyframe. */
  reset(): void {
    this.#lose();
    this.#lastSequenceNumber = undefined;
  }

  #lose(): void {
    this.#parts = [];
    this.#assembling = false;
    this.#waitingForKeyframe = true;
  }
}
