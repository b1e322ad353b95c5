import { Vp8Depacketizer } from '@parley/sfu';
import pino, { type Logger } from 'pino';
import { opusPacketSamples } from './opus-packet-samples.ts';
import { RtpReorderBuffer } from './rtp-reorder-buffer.ts';
import { WebmChunkWriter } from './webm-chunk-writer.ts';

/** A finished stretch of one track: a WebM file playable on its own. */
export interface TrackChunk {
  /** Counts up from `firstSequence`, without gaps. */
  sequence: number;
  /** Wall-clock ms of the chunk's first frame. */
  startedAt: number;
  /** Media duration: from the first frame to the end of the last. */
  durationMs: number;
  /** A complete WebM file with this one track. */
  bytes: Uint8Array;
  /** Video: the size its first keyframe declares. */
  width?: number;
  height?: number;
}

export interface TrackChunkerOptions {
  /** Audio is Opus (48 kHz stereo), video VP8. */
  kind: 'audio' | 'video';
  firstSequence: number;
  /** Target chunk length; default 10 s. */
  chunkMs?: number;
  now: () => number;
  /** Asks the sender for a keyframe (a PLI); called at most every 500 ms. */
  requestKeyFrame: () => void;
  /** Receives each chunk as it ends; awaited, in order. */
  onChunk: (chunk: TrackChunk) => Promise<void>;
  /** Where a chunk that could not be written or handed over is reported; the chunker goes on. */
  logger?: Logger;
}

/** An RTP packet as the chunker reads it. */
export interface TrackPacket {
  payload: Buffer;
  sequenceNumber: number;
  timestamp: number;
  marker: boolean;
}

interface Frame {
  data: Uint8Array;
  /** RTP time, unwrapped past 32 bits. */
  time: number;
  key: boolean;
  /** Audio: how long the packet plays, in RTP ticks. */
  ticks?: number;
  width?: number;
  height?: number;
}

interface OpenChunk {
  writer: WebmChunkWriter;
  startTime: number;
  startedAt: number;
  /** RTP time where the last written frame ends. */
  endTime: number;
  /** Duration of the last written frame, in ticks: the guess for a last frame whose successor never comes. */
  lastFrameTicks: number;
  width?: number;
  height?: number;
}

const keyFrameRequestIntervalMs = 500;
/**
 * A video chunk ends at the first keyframe this close to its target length; the keyframe is asked for
 * when the window opens. A browser makes keyframes only when asked, so the chunk lasts this lead plus
 * the PLI's round trip less than the target, and one keyframe per chunk is enough.
 */
const keyFrameLeadMs = 250;
/** Without a keyframe, a video chunk ends anyway at this many times its target length. */
const maxChunkFactor = 3;
/** A timestamp jump this large (or backwards) is a new start: the chunk ends and timing is re-anchored. */
const discontinuityMs = 5000;
/** Reorder buffer: how long a packet waits for a missing one before it. */
const reorderWaitMs = 150;
const reorderCapacity = 512;

let defaultLogger: Logger | undefined;

/**
 * Turns the RTP packets of one track into WebM chunks of about `chunkMs` (Opus or VP8, not
 * transcoded), each handed to `onChunk` as soon as it ends, so a crash loses only the chunk in
 * progress. Every video chunk starts with a keyframe, so each plays on its own. Chunk times come
 * from RTP timestamps, anchored to the wall clock at the first frame (and again after a pause or a
 * jump in the timestamps), so consecutive chunks line up without arrival jitter.
 */
export class TrackChunker {
  readonly #options: TrackChunkerOptions;
  readonly #clockRate: number;
  readonly #chunkTicks: number;
  readonly #reorder: RtpReorderBuffer<TrackPacket>;
  readonly #depacketizer: Vp8Depacketizer | undefined;
  #state: 'recording' | 'paused' | 'finished' = 'recording';
  #chunk: OpenChunk | undefined;
  /** The last frame accepted: written once the next one tells how long it lasts. */
  #pending: Frame | undefined;
  #anchor: { time: number; wall: number } | undefined;
  #lastTimestamp: { rtp: number; unwrapped: number } | undefined;
  #lastKeyFrameRequest = Number.NEGATIVE_INFINITY;
  #sequence: number;
  #delivery: Promise<void> = Promise.resolve();
  #finishing: Promise<void> | undefined;

  constructor(options: TrackChunkerOptions) {
    this.#options = options;
    this.#clockRate = options.kind === 'audio' ? 48_000 : 90_000;
    this.#chunkTicks = this.#ticks(options.chunkMs ?? 10_000);
    this.#sequence = options.firstSequence;
    this.#reorder = new RtpReorderBuffer({
      now: options.now,
      maxWaitMs: reorderWaitMs,
      capacity: reorderCapacity,
    });
    this.#depacketizer = options.kind === 'video' ? new Vp8Depacketizer() : undefined;
  }

  push(packet: TrackPacket): void {
    if (this.#state !== 'recording') return;
    for (const ordered of this.#reorder.push(packet)) this.#take(ordered);
  }

  /** Ends the current chunk now (handed over before this resolves), then drops packets until `resume()`. */
  async pause(): Promise<void> {
    if (this.#state === 'recording') {
      this.#stop();
      this.#state = 'paused';
    }
    await this.#delivery;
  }

  /** Records again; video restarts at the next keyframe, asked for at once. */
  resume(): void {
    if (this.#state !== 'paused') return;
    this.#state = 'recording';
    if (this.#depacketizer) this.#requestKeyFrame(true);
  }

  /** Ends the last chunk and stops; resolves once `onChunk` of that chunk settled. */
  finish(): Promise<void> {
    if (!this.#finishing) {
      if (this.#state === 'recording') this.#stop();
      this.#state = 'finished';
      this.#finishing = this.#delivery;
    }
    return this.#finishing;
  }

  /** Ends the chunk with what was received and forgets the stream: what comes next is a new start. */
  #stop(): void {
    for (const ordered of this.#reorder.flush()) this.#take(ordered);
    this.#closeChunk();
    this.#reorder.reset();
    this.#depacketizer?.reset();
    this.#anchor = undefined;
    this.#lastTimestamp = undefined;
  }

  /** A packet in sequence order. */
  #take(packet: TrackPacket): void {
    const depacketizer = this.#depacketizer;
    if (!depacketizer) {
      if (packet.payload.length === 0) return;
      const samples = opusPacketSamples(packet.payload) ?? 960;
      this.#accept({ data: packet.payload, time: this.#unwrap(packet.timestamp), key: true, ticks: samples });
      return;
    }
    const frame = depacketizer.push(packet);
    if (depacketizer.waitingForKeyframe) this.#requestKeyFrame();
    if (!frame) return;
    this.#accept({
      data: frame.data,
      time: this.#unwrap(frame.timestamp),
      key: frame.keyframe,
      width: frame.width,
      height: frame.height,
    });
  }

  #accept(frame: Frame): void {
    const previous = this.#pending;
    this.#pending = undefined;
    if (previous) {
      const gap = frame.time - previous.time;
      if (gap <= 0 || gap > this.#ticks(discontinuityMs)) {
        this.#pending = previous;
        this.#closeChunk();
        this.#anchor = undefined;
      } else {
        this.#write(previous, previous.ticks ?? gap);
      }
    }
    const chunk = this.#chunk;
    if (chunk) {
      const age = frame.time - chunk.startTime;
      if (this.#depacketizer) {
        const window = age >= this.#chunkTicks - this.#ticks(keyFrameLeadMs);
        if (window) this.#requestKeyFrame();
        // A new size (the SFU switched layers) starts a new chunk too: a chunk has one size.
        const resized =
          frame.width !== undefined && (frame.width !== chunk.width || frame.height !== chunk.height);
        if ((frame.key && (window || resized)) || age >= this.#chunkTicks * maxChunkFactor)
          this.#closeChunk();
      } else if (age >= this.#chunkTicks) {
        this.#closeChunk();
      }
    }
    if (!this.#chunk) {
      if (!frame.key || (this.#depacketizer && frame.width === undefined)) {
        this.#requestKeyFrame();
        return;
      }
      this.#openChunk(frame);
    }
    this.#pending = frame;
  }

  #openChunk(frame: Frame): void {
    const now = this.#options.now();
    this.#anchor ??= { time: frame.time, wall: now };
    const { width, height } = frame;
    this.#chunk = {
      writer: new WebmChunkWriter(
        width !== undefined && height !== undefined ? { kind: 'video', width, height } : { kind: 'audio' },
      ),
      startTime: frame.time,
      startedAt: Math.round(this.#anchor.wall + this.#ms(frame.time - this.#anchor.time)),
      endTime: frame.time,
      lastFrameTicks: this.#ticks(1000 / 30),
      width,
      height,
    };
  }

  #write(frame: Frame, ticks: number): void {
    const chunk = this.#chunk;
    if (!chunk) return;
    chunk.writer.add({
      data: frame.data,
      key: frame.key,
      timestamp: (frame.time - chunk.startTime) / this.#clockRate,
      duration: ticks / this.#clockRate,
    });
    chunk.endTime = frame.time + ticks;
    chunk.lastFrameTicks = ticks;
  }

  /** Writes the pending frame into the open chunk, ends the chunk and queues it for `onChunk`. */
  #closeChunk(): void {
    const chunk = this.#chunk;
    const pending = this.#pending;
    this.#pending = undefined;
    if (!chunk) return;
    if (pending) this.#write(pending, pending.ticks ?? chunk.lastFrameTicks);
    this.#chunk = undefined;
    const bytes = chunk.writer.finish();
    // Muxing failures surface here too, so every chunk settles in order whatever happened to it.
    bytes.catch(() => undefined);
    this.#delivery = this.#delivery.then(async () => {
      try {
        const sequence = this.#sequence;
        const written = await bytes;
        this.#sequence++;
        await this.#options.onChunk({
          sequence,
          startedAt: chunk.startedAt,
          durationMs: Math.round(this.#ms(chunk.endTime - chunk.startTime)),
          bytes: written,
          ...(chunk.width === undefined ? {} : { width: chunk.width, height: chunk.height }),
        });
      } catch (error) {
        defaultLogger ??= pino({ base: { module: 'track-chunker' } });
        (this.#options.logger ?? defaultLogger).error(
          { err: error, kind: this.#options.kind, startedAt: chunk.startedAt },
          'recording chunk lost',
        );
      }
    });
  }

  #requestKeyFrame(force = false): void {
    if (!this.#depacketizer) return;
    const now = this.#options.now();
    if (!force && now - this.#lastKeyFrameRequest < keyFrameRequestIntervalMs) return;
    this.#lastKeyFrameRequest = now;
    this.#options.requestKeyFrame();
  }

  /** Extends a 32-bit RTP timestamp past its wrap, by the shortest step from the previous one. */
  #unwrap(rtp: number): number {
    const last = this.#lastTimestamp;
    const unwrapped = last ? last.unwrapped + ((rtp - last.rtp) | 0) : rtp;
    this.#lastTimestamp = { rtp, unwrapped };
    return unwrapped;
  }

  #ticks(ms: number): number {
    return Math.round((ms * this.#clockRate) / 1000);
  }

  #ms(ticks: number): number {
    return (ticks * 1000) / this.#clockRate;
  }
}
