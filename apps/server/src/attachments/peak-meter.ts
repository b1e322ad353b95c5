/** Levels in a waveform, as the protocol's attachment carries them. */
export const waveformLength = 64;

// Enough resolution to place 64 buckets well, in memory that does not grow with the audio's length.
const maxBlocks = 4096;

/**
 * Peak levels of a decoded signal (16-bit little-endian mono PCM, fed in chunks of any size). The
 * length is not known ahead (browser recordings carry no duration), so peaks are kept per block and
 * neighbouring blocks merge whenever there are too many: the total is counted exactly.
 */
export class PeakMeter {
  #blocks: number[] = [];
  #blockSamples = 16;
  #current = 0;
  #inCurrent = 0;
  #samples = 0;
  #carry: number | undefined;

  push(chunk: Buffer): void {
    let offset = 0;
    if (this.#carry !== undefined && chunk.length > 0) {
      this.#add(Buffer.from([this.#carry, chunk[0] as number]).readInt16LE(0));
      this.#carry = undefined;
      offset = 1;
    }
    for (; offset + 1 < chunk.length; offset += 2) this.#add(chunk.readInt16LE(offset));
    // A sample split across two chunks: keep its first byte for the next one.
    if (offset < chunk.length) this.#carry = chunk[offset];
  }

  /** Samples seen so far. */
  get sampleCount(): number {
    return this.#samples;
  }

  /** `waveformLength` levels 0-255, relative to the loudest; all zero for silence or no samples. */
  levels(): number[] {
    const blocks = this.#inCurrent > 0 ? [...this.#blocks, this.#current] : this.#blocks;
    if (blocks.length === 0) return new Array<number>(waveformLength).fill(0);
    const peaks = Array.from({ length: waveformLength }, (_, i) => {
      const from = Math.floor((i * blocks.length) / waveformLength);
      // Audio shorter than 64 blocks: a bucket repeats its block rather than being empty.
      const to = Math.max(from + 1, Math.floor(((i + 1) * blocks.length) / waveformLength));
      let peak = 0;
      for (let b = from; b < to; b++) peak = Math.max(peak, blocks[b] as number);
      return peak;
    });
    const loudest = Math.max(...peaks);
    return loudest === 0 ? peaks.map(() => 0) : peaks.map((peak) => Math.round((255 * peak) / loudest));
  }

  #add(sample: number): void {
    this.#samples += 1;
    this.#current = Math.max(this.#current, Math.abs(sample));
    this.#inCurrent += 1;
    if (this.#inCurrent < this.#blockSamples) return;
    this.#blocks.push(this.#current);
    this.#current = 0;
    this.#inCurrent = 0;
    if (this.#blocks.length === maxBlocks) {
      const merged: number[] = [];
      for (let b = 0; b < maxBlocks; b += 2) {
        merged.push(Math.max(this.#blocks[b] as number, this.#blocks[b + 1] as number));
      }
      this.#blocks = merged;
      this.#blockSamples *= 2;
    }
  }
}
