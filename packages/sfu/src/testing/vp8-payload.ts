/**
 * Minimal VP8 RTP payloads (RFC 7741 descriptor with a 15-bit picture ID, RFC 6386 frame tag and
 * keyframe header). The frame data after the header is a marker tests read back: layer, frame number.
 */
export function vp8Payload(options: {
  keyframe: boolean;
  /** First packet of the frame (S=1). */
  start: boolean;
  pictureId: number;
  width?: number;
  height?: number;
  layer: number;
  frame: number;
  size?: number;
}): Buffer {
  const size = Math.max(options.size ?? 120, 24);
  const payload = Buffer.alloc(size, 0xaa);
  payload[0] = 0x80 | (options.start ? 0x10 : 0); // X, S, PID 0
  payload[1] = 0x80; // I: picture ID present
  payload.writeUInt16BE(0x8000 | (options.pictureId & 0x7fff), 2);
  let offset = 4;
  if (options.start) {
    // Frame tag: P (bit 0) is 0 for a keyframe; show_frame set.
    payload[offset] = options.keyframe ? 0x10 : 0x11;
    payload[offset + 1] = 0x00;
    payload[offset + 2] = 0x00;
    if (options.keyframe) {
      payload[offset + 3] = 0x9d;
      payload[offset + 4] = 0x01;
      payload[offset + 5] = 0x2a;
      payload.writeUInt16LE((options.width ?? 320) & 0x3fff, offset + 6);
      payload.writeUInt16LE((options.height ?? 180) & 0x3fff, offset + 8);
    }
    offset += 10;
  }
  payload[offset] = options.layer;
  payload.writeUInt32BE(options.frame, offset + 1);
  return payload;
}

/** Reads back the marker `vp8Payload` wrote: which layer and frame a forwarded packet carries. */
export function readVp8Marker(payload: Buffer): { layer: number; frame: number } {
  const start = (payload[0] as number) & 0x10;
  const offset = start ? 14 : 4;
  return { layer: payload[offset] as number, frame: payload.readUInt32BE(offset + 1) };
}
