/**
 * What the forwarder reads from a VP8 RTP payload: the payload descriptor (RFC 7741 section 4.2)
 * and, at the start of a frame, the frame tag and keyframe header (RFC 6386 section 9.1).
 * Called for every video packet, so it reads a few bytes and allocates nothing.
 */

/**
 * Length of the payload descriptor: where the VP8 data of this packet begins, or -1 when the
 * descriptor is truncated (nothing would follow it).
 */
export function vp8DescriptorLength(payload: Uint8Array): number {
  const first = payload[0];
  if (first === undefined) return -1;
  let offset = 1;
  if (first & 0x80) {
    const extension = payload[offset++];
    if (extension === undefined) return -1;
    if (extension & 0x80) {
      const pictureId = payload[offset];
      if (pictureId === undefined) return -1;
      offset += pictureId & 0x80 ? 2 : 1;
    }
    if (extension & 0x40) offset += 1; // TL0PICIDX
    if (extension & 0x30) offset += 1; // TID/Y/KEYIDX
  }
  return offset < payload.length ? offset : -1;
}

/** True when this packet carries the first bytes of a frame (S=1 and PID 0). */
export function isVp8FrameStart(payload: Uint8Array): boolean {
  const first = payload[0];
  return first !== undefined && (first & 0x10) !== 0 && (first & 0x07) === 0;
}

/** Offset of the VP8 payload header, or -1 when this packet does not start a frame (S=0 or PID>0). */
function frameStartOffset(payload: Uint8Array): number {
  return isVp8FrameStart(payload) ? vp8DescriptorLength(payload) : -1;
}

/** True for the first packet of a VP8 keyframe (the P bit of the frame tag is 0). */
export function isVp8Keyframe(payload: Uint8Array): boolean {
  const offset = frameStartOffset(payload);
  return offset >= 0 && ((payload[offset] as number) & 0x01) === 0;
}

/** The frame size a keyframe's first packet declares, or undefined when it is not a keyframe start. */
export function vp8KeyframeSize(payload: Uint8Array): { width: number; height: number } | undefined {
  const offset = frameStartOffset(payload);
  if (offset < 0 || ((payload[offset] as number) & 0x01) !== 0) return undefined;
  // 3-byte frame tag, start code 9d 01 2a, then 14-bit little-endian width and height.
  if (payload.length < offset + 10) return undefined;
  if (payload[offset + 3] !== 0x9d || payload[offset + 4] !== 0x01 || payload[offset + 5] !== 0x2a) {
    return undefined;
  }
  const width = ((payload[offset + 6] as number) | ((payload[offset + 7] as number) << 8)) & 0x3fff;
  const height = ((payload[offset + 8] as number) | ((payload[offset + 9] as number) << 8)) & 0x3fff;
  return { width, height };
}
