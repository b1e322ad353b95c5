import {
  GenericNack,
  type MediaStreamTrack,
  type RTCRtpReceiver,
  RTP_EXTENSION_URI,
  RtcpTransportLayerFeedback,
  type RtpPacket,
} from 'werift';
import type { MediaKind, ProducerStats, ProducerType } from '../types.ts';
import type { AudioLevelMeter } from './audio-level-meter.ts';
import { BitrateMeter } from './bitrate-meter.ts';
import type { LayerInfo } from './layer-allocation.ts';
import type { MediaConsumer } from './media-consumer.ts';
import { NackGenerator } from './nack-generator.ts';
import { isVp8Keyframe, vp8KeyframeSize } from './vp8.ts';

/** At most one PLI per layer (SSRC) in this many milliseconds; later requests wait for the window. */
export const pliIntervalMs = 500;
/** A PLI that brought no keyframe in this long (it or the keyframe was lost) is sent again. */
export const keyFrameRetryMs = 1000;
/** A layer without RTP for this long is off (browsers turn high layers off when short of bandwidth). */
const layerTimeoutMs = 2000;

interface ProducerLayer {
  spatialLayer: number;
  rid?: string;
  ssrc?: number;
  meter: BitrateMeter;
  width: number;
  height: number;
  lastPacketAt: number;
  lastPliAt: number;
  pliCount: number;
  /** A keyframe was asked for and has not arrived yet. */
  keyFrameWanted: boolean;
  pliTimer?: NodeJS.Timeout;
  retryTimer?: NodeJS.Timeout;
  nack?: NackGenerator;
}

/**
 * One track a participant publishes: an audio track, or a video track with one layer or up to three
 * simulcast layers (one per RID). Reads keyframes and audio levels, asks for retransmissions and
 * keyframes, and hands every packet to its consumers.
 */
export class MediaProducer {
  readonly id: string;
  /** The publish connection's m-section this producer reads. */
  readonly mid: string;
  readonly kind: MediaKind;
  readonly type: ProducerType;
  readonly consumers = new Set<MediaConsumer>();
  readonly audioLevelMeters = new Set<AudioLevelMeter>();
  paused: boolean;
  closed = false;
  readonly #receiver: RTCRtpReceiver;
  readonly #layers: ProducerLayer[];
  readonly #unsubscribers: Array<() => void> = [];
  readonly #onClose: () => void;

  constructor(options: {
    id: string;
    mid: string;
    kind: MediaKind;
    receiver: RTCRtpReceiver;
    tracks: MediaStreamTrack[];
    paused: boolean;
    onClose: () => void;
  }) {
    this.id = options.id;
    this.mid = options.mid;
    this.kind = options.kind;
    this.paused = options.paused;
    this.#receiver = options.receiver;
    this.#onClose = options.onClose;
    this.type = options.tracks.some((track) => track.rid) ? 'simulcast' : 'simple';
    const now = performance.now();
    this.#layers = options.tracks.map((track, spatialLayer) => {
      const layer: ProducerLayer = {
        spatialLayer,
        rid: track.rid,
        ssrc: track.ssrc,
        meter: new BitrateMeter(now),
        width: 0,
        height: 0,
        lastPacketAt: 0,
        lastPliAt: Number.NEGATIVE_INFINITY,
        pliCount: 0,
        keyFrameWanted: false,
      };
      if (this.kind === 'video') {
        layer.nack = new NackGenerator(
          (lost) => this.#sendNack(layer, lost),
          () => this.requestKeyFrame(spatialLayer),
        );
      }
      const { unSubscribe } = track.onReceiveRtp.subscribe((packet, extensions) =>
        this.#onRtp(layer, packet, extensions),
      );
      this.#unsubscribers.push(unSubscribe);
      return layer;
    });
  }

  get rids(): string[] {
    return this.#layers.map((layer) => layer.rid).filter((rid): rid is string => rid !== undefined);
  }

  get layerCount(): number {
    return this.#layers.length;
  }

  layerInfo(now = performance.now()): LayerInfo[] {
    return this.#layers.map((layer) => ({
      width: layer.width,
      height: layer.height,
      bitrate: layer.meter.bitrate,
      active: layer.lastPacketAt > 0 && now - layer.lastPacketAt < layerTimeoutMs,
    }));
  }

  /** Asks the publisher for a keyframe of one layer, at most once per `pliIntervalMs` per layer. */
  requestKeyFrame(spatialLayer: number): void {
    const layer = this.#layers[spatialLayer];
    if (!layer || this.kind !== 'video' || this.closed) return;
    layer.keyFrameWanted = true;
    // Without a known SSRC (no packet of this RID yet) the request waits for the first packet.
    if (layer.ssrc === undefined || layer.pliTimer) return;
    const wait = layer.lastPliAt + pliIntervalMs - performance.now();
    if (wait <= 0) {
      this.#sendPli(layer);
      return;
    }
    layer.pliTimer = setTimeout(() => {
      layer.pliTimer = undefined;
      if (layer.keyFrameWanted && !this.closed) this.#sendPli(layer);
    }, wait);
    layer.pliTimer.unref();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    for (const consumer of this.consumers) consumer.restart();
  }

  /** Samples the layers' bitrates (the worker's tick). */
  sample(now: number): void {
    for (const layer of this.#layers) layer.meter.sample(now);
  }

  getStats(): ProducerStats {
    const timestamp = Date.now();
    const inbound = new Map<number, Record<string, unknown>>();
    for (const stat of this.#receiver.collectStats(timestamp)) {
      const entry = stat as unknown as Record<string, unknown>;
      if (entry.type === 'inbound-rtp' && typeof entry.ssrc === 'number') inbound.set(entry.ssrc, entry);
    }
    const now = performance.now();
    const active = this.layerInfo(now);
    const layers = this.#layers.map((layer) => {
      const stats = layer.ssrc === undefined ? undefined : inbound.get(layer.ssrc);
      return {
        spatialLayer: layer.spatialLayer,
        rid: layer.rid,
        ssrc: layer.ssrc,
        bitrate: Math.round(layer.meter.bitrate),
        packets: layer.meter.packets,
        bytes: layer.meter.bytes,
        packetsLost: Math.max(0, Number(stats?.packetsLost ?? 0)),
        jitter: typeof stats?.jitter === 'number' ? stats.jitter : undefined,
        nackCount: layer.nack?.nackCount ?? 0,
        pliCount: layer.pliCount,
        width: layer.width,
        height: layer.height,
        active: active[layer.spatialLayer]?.active ?? false,
      };
    });
    return {
      type: 'producer',
      producerId: this.id,
      kind: this.kind,
      timestamp,
      bitrate: layers.reduce((sum, layer) => sum + layer.bitrate, 0),
      packets: layers.reduce((sum, layer) => sum + layer.packets, 0),
      bytes: layers.reduce((sum, layer) => sum + layer.bytes, 0),
      packetsLost: layers.reduce((sum, layer) => sum + layer.packetsLost, 0),
      paused: this.paused,
      layers,
    };
  }

  /** Closes the producer and, in this process, its consumers (the API side cascades on its own). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const unsubscribe of this.#unsubscribers) unsubscribe();
    for (const layer of this.#layers) {
      layer.nack?.close();
      if (layer.pliTimer) clearTimeout(layer.pliTimer);
      if (layer.retryTimer) clearTimeout(layer.retryTimer);
    }
    for (const consumer of [...this.consumers]) consumer.close();
    for (const meter of this.audioLevelMeters) meter.remove(this.id);
    this.audioLevelMeters.clear();
    this.#onClose();
  }

  #onRtp(layer: ProducerLayer, packet: RtpPacket, extensions: Record<string, unknown> | undefined): void {
    if (this.closed) return;
    const now = performance.now();
    const { header, payload } = packet;
    layer.lastPacketAt = now;
    layer.meter.add(payload.length + 12);
    if (layer.ssrc !== header.ssrc) {
      layer.ssrc = header.ssrc;
      if (layer.keyFrameWanted) this.requestKeyFrame(layer.spatialLayer);
    }
    let keyframe = false;
    if (this.kind === 'video') {
      layer.nack?.onPacket(header.sequenceNumber, now);
      keyframe = isVp8Keyframe(payload);
      if (keyframe) {
        layer.keyFrameWanted = false;
        const size = vp8KeyframeSize(payload);
        if (size) {
          layer.width = size.width;
          layer.height = size.height;
        }
      }
    } else if (this.audioLevelMeters.size > 0) {
      const level = extensions?.[RTP_EXTENSION_URI.audioLevelIndication] as { level: number } | undefined;
      if (level) for (const meter of this.audioLevelMeters) meter.record(this.id, level.level);
    }
    if (this.paused) return;
    for (const consumer of this.consumers) consumer.onProducerRtp(layer.spatialLayer, packet, keyframe, now);
  }

  #sendPli(layer: ProducerLayer): void {
    if (layer.ssrc === undefined) return;
    layer.lastPliAt = performance.now();
    layer.pliCount++;
    void this.#receiver.sendRtcpPLI(layer.ssrc);
    if (layer.retryTimer) return;
    layer.retryTimer = setTimeout(() => {
      layer.retryTimer = undefined;
      if (layer.keyFrameWanted && !this.closed && this.#awaitedBySomeone(layer.spatialLayer)) {
        this.requestKeyFrame(layer.spatialLayer);
      }
    }, keyFrameRetryMs);
    layer.retryTimer.unref();
  }

  /** A consumer is waiting to start on (or switch to) this layer. */
  #awaitedBySomeone(spatialLayer: number): boolean {
    for (const consumer of this.consumers) {
      if (
        consumer.ready &&
        !consumer.paused &&
        consumer.currentLayer !== spatialLayer &&
        consumer.acceptsKeyFrameOf(spatialLayer)
      ) {
        return true;
      }
    }
    return false;
  }

  #sendNack(layer: ProducerLayer, lost: number[]): void {
    if (layer.ssrc === undefined || !this.#receiver.dtlsTransport) return;
    const feedback = new GenericNack({
      senderSsrc: this.#receiver.rtcpSsrc,
      mediaSourceSsrc: layer.ssrc,
      lost,
    });
    this.#receiver.dtlsTransport.sendRtcp([new RtcpTransportLayerFeedback({ feedback })]).catch(() => {});
  }
}
