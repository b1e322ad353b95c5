import {
  BufferTarget,
  EncodedAudioPacketSource,
  EncodedPacket,
  EncodedVideoPacketSource,
  Output,
  WebMOutputFormat,
} from 'mediabunny';

/** What a chunk holds: Opus (48 kHz stereo, as WebRTC negotiates it) or VP8 of a known size. */
export type ChunkTrack = { kind: 'audio' } | { kind: 'video'; width: number; height: number };

/** One frame as it goes into a chunk; times in seconds from the chunk's first frame. */
export interface ChunkFrame {
  data: Uint8Array;
  key: boolean;
  timestamp: number;
  duration: number;
}

/**
 * The Opus identification header (RFC 7845 section 5.1) Matroska requires as CodecPrivate: stereo,
 * 48 kHz, no pre-skip (RTP carries none, and chunks are cut out of a running stream), channel
 * mapping family 0.
 */
const opusHead = (() => {
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'latin1');
  head[8] = 1; // version
  head[9] = 2; // channels
  head.writeUInt16LE(0, 10); // pre-skip
  head.writeUInt32LE(48_000, 12); // input sample rate
  return head;
})();

/**
 * Muxes the frames of one track, without transcoding, into a WebM file held in memory (mediabunny).
 * `add` only queues: frames are written one after another in the background, and `finish` waits for
 * them. A failed write fails `finish`, and later frames are not written.
 */
export class WebmChunkWriter {
  readonly #output = new Output({ format: new WebMOutputFormat(), target: new BufferTarget() });
  /** Writes a packet; mediabunny takes the decoder config with the first packet only. */
  readonly #write: (packet: EncodedPacket, first: boolean) => Promise<void>;
  #writing: Promise<void>;
  #first = true;

  constructor(track: ChunkTrack) {
    if (track.kind === 'audio') {
      const source = new EncodedAudioPacketSource('opus');
      this.#output.addAudioTrack(source);
      const decoderConfig = { codec: 'opus', numberOfChannels: 2, sampleRate: 48_000, description: opusHead };
      this.#write = (packet, first) => source.add(packet, first ? { decoderConfig } : undefined);
    } else {
      const source = new EncodedVideoPacketSource('vp8');
      this.#output.addVideoTrack(source);
      const decoderConfig = { codec: 'vp8', codedWidth: track.width, codedHeight: track.height };
      this.#write = (packet, first) => source.add(packet, first ? { decoderConfig } : undefined);
    }
    this.#writing = this.#output.start();
  }

  /** Queues a frame; frames come in decode order, the first of a video chunk a keyframe. */
  add(frame: ChunkFrame): void {
    const packet = new EncodedPacket(
      frame.data,
      frame.key ? 'key' : 'delta',
      frame.timestamp,
      frame.duration,
    );
    const first = this.#first;
    this.#first = false;
    this.#writing = this.#writing.then(() => this.#write(packet, first));
  }

  /** The finished WebM file. */
  async finish(): Promise<Uint8Array> {
    try {
      await this.#writing;
      await this.#output.finalize();
    } catch (error) {
      await this.#output.cancel().catch(() => undefined);
      throw error;
    }
    const { buffer } = this.#output.target;
    if (!buffer) throw new Error('the WebM muxer produced no file');
    return new Uint8Array(buffer);
  }
}
