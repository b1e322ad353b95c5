/** Samples per frame at 48 kHz for each TOC configuration (RFC 6716 section 3.1, table 2). */
function frameSamples(config: number): number {
  if (config < 12) return [480, 960, 1920, 2880][config % 4] as number; // SILK: 10, 20, 40, 60 ms
  if (config < 16) return [480, 960][config % 2] as number; // hybrid: 10, 20 ms
  return [120, 240, 480, 960][config % 4] as number; // CELT: 2.5, 5, 10, 20 ms
}

/**
 * How long one Opus packet plays, in 48 kHz samples, read from its TOC byte (and frame count byte);
 * undefined when the packet is malformed.
 */
export function opusPacketSamples(packet: Uint8Array): number | undefined {
  const toc = packet[0];
  if (toc === undefined) return undefined;
  const code = toc & 0x03;
  let frames: number;
  if (code === 0) frames = 1;
  else if (code < 3) frames = 2;
  else frames = (packet[1] ?? 0) & 0x3f;
  const samples = frames * frameSamples(toc >> 3);
  // A packet holds at most 120 ms.
  return samples > 0 && samples <= 5760 ? samples : undefined;
}
