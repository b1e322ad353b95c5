import type { RTCRtpSender, RTCRtpTransceiver, RtpPacket } from 'werift';
import type { ConsumerLayers, ConsumerStats, MediaKind, ProducerType, VideoSize } from '../types.ts';
import { BitrateMeter } from './bitrate-meter.ts';
import { type LayerInfo, layerForTileSize } from './layer-allocation.ts';
import type { MediaProducer } from './media-producer.ts';
import type { RtpRewriter } from './rtp-rewriter.ts';
import type { ForwardRtp } from './sender-fast-path.ts';
import { senderFeedback } from './werift-workarounds.ts';

/**
 * One sendonly m-section of a subscribe connection. It outlives consumers: when a consumer closes,
 * the next consumer of the same kind reuses it without a renegotiation, and the rewriter keeps the
 * outgoing sequence numbers and timestamps continuous across them.
 */
export interface SenderSlot {
  readonly kind: MediaKind;
  readonly transceiver: RTCRtpTransceiver;
  readonly sender: RTCRtpSender;
  readonly rewriter: RtpRewriter;
  /** Sends a forwarded packet on this m-section (sender-fast-path.ts). */
  readonly forward: ForwardRtp;
  consumer: MediaConsumer | undefined;
  /** The subscriber has answered an offer that contains this m-section. */
  negotiated: boolean;
}

/**
 * One producer's track forwarded to one subscriber. Video waits for a keyframe before it starts and
 * switches simulcast layers only on a keyframe of the target layer, asking for one each time. It
 * starts on the first keyframe of any layer up to its target (the lowest is asked for too) and moves
 * up at the target's: a browser turns its top layers off and on under CPU or bandwidth pressure,
 * and a layer it has just turned off answers no keyframe request until it is back.
 */
export class MediaConsumer {
  readonly id: string;
  readonly producer: MediaProducer;
  readonly slot: SenderSlot;
  readonly kind: MediaKind;
  readonly type: ProducerType;
  readonly meter = new BitrateMeter();
  paused: boolean;
  preferredLayers: ConsumerLayers | undefined;
  tileSize: VideoSize | undefined;
  /** The layer the allocation wants; forwarding moves there at its next keyframe. */
  targetLayer = 0;
  /** The layer being forwarded; -1 while waiting for a keyframe (or the first audio packet). */
  currentLayer = -1;
  closed = false;
  #ready = false;
  readonly #onClose: () => void;
  readonly #onLayersChange: (layers: ConsumerLayers | null) => void;

  constructor(options: {
    id: string;
    producer: MediaProducer;
    slot: SenderSlot;
    paused: boolean;
    preferredLayers?: ConsumerLayers;
    tileSize?: VideoSize;
    onClose: () => void;
    onLayersChange: (layers: ConsumerLayers | null) => void;
  }) {
    this.id = options.id;
    this.producer = options.producer;
    this.slot = options.slot;
    this.kind = options.producer.kind;
    this.type = options.producer.type;
    this.paused = options.paused;
    this.preferredLayers = options.preferredLayers;
    this.tileSize = options.tileSize;
    this.#onClose = options.onClose;
    this.#onLayersChange = options.onLayersChange;
    this.slot.consumer = this;
    this.producer.consumers.add(this);
  }

  /** The best layer for this subscriber's tile, capped by its preferred layer. */
  maxLayer(layers: LayerInfo[]): number {
    const byTile = layerForTileSize(layers, this.tileSize);
    const preferred = this.preferredLayers?.spatialLayer;
    return preferred === undefined ? byTile : Math.max(0, Math.min(byTile, preferred));
  }

  get ready(): boolean {
    return this.#ready;
  }

  /** The m-section is negotiated and the connection is up: start, beginning with a keyframe. */
  setReady(): void {
    if (this.#ready || this.closed) return;
    this.#ready = true;
    this.restart();
  }

  /** Wait for a fresh keyframe (or the next audio packet) and resynchronise the outgoing stream. */
  restart(): void {
    if (this.currentLayer !== -1) {
      this.currentLayer = -1;
      if (this.kind === 'video') this.#onLayersChange(null);
    }
    this.requestKeyFrame();
  }

  requestKeyFrame(): void {
    if (!this.#ready || this.paused || this.producer.paused) return;
    this.producer.requestKeyFrame(this.targetLayer);
    if (this.currentLayer === -1 && this.targetLayer > 0) this.producer.requestKeyFrame(0);
  }

  /** Whether a keyframe of `spatialLayer` may start the forwarding, or switch it to that layer. */
  acceptsKeyFrameOf(spatialLayer: number): boolean {
    return spatialLayer === this.targetLayer || (this.currentLayer === -1 && spatialLayer < this.targetLayer);
  }

  setTargetLayer(layer: number): void {
    if (layer === this.targetLayer) return;
    this.targetLayer = layer;
    if (layer !== this.currentLayer) this.requestKeyFrame();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.restart();
  }

  /** The subscriber lost a picture: relay the PLI to the publisher (throttled there). */
  onSubscriberPli(): void {
    if (this.currentLayer >= 0) this.producer.requestKeyFrame(this.currentLayer);
    else this.requestKeyFrame();
  }

  onProducerRtp(spatialLayer: number, packet: RtpPacket, keyframe: boolean, now: number): void {
    if (!this.#ready || this.paused) return;
    const { header, payload } = packet;
    const rewriter = this.slot.rewriter;
    if (spatialLayer !== this.currentLayer) {
      if (!this.acceptsKeyFrameOf(spatialLayer) || (this.kind === 'video' && !keyframe)) return;
      rewriter.switchTo(header.sequenceNumber, header.timestamp, now);
      this.currentLayer = spatialLayer;
      if (this.kind === 'video') this.#onLayersChange({ spatialLayer });
    }
    if (!rewriter.rewrite(header.sequenceNumber, header.timestamp, now)) return;
    // werift leaks the publisher's header extensions (with the publisher's ids) into what it sends:
    // the fast path writes a fresh header with only the subscriber's own.
    this.meter.add(payload.length + 12);
    this.slot.forward(rewriter.sequenceNumber, rewriter.timestamp, header.marker, payload, now);
  }

  getStats(): ConsumerStats {
    const timestamp = Date.now();
    let nackCount = 0;
    let pliCount = 0;
    let retransmittedPackets = 0;
    let packetsLost: number | undefined;
    for (const stat of this.slot.sender.collectStats(timestamp)) {
      const entry = stat as unknown as Record<string, unknown>;
      if (entry.type === 'outbound-rtp') {
        nackCount = Number(entry.nackCount ?? 0);
        pliCount = Number(entry.pliCount ?? 0);
        retransmittedPackets = Number(entry.retransmittedPacketsSent ?? 0);
      } else if (entry.type === 'remote-inbound-rtp' && typeof entry.packetsLost === 'number') {
        packetsLost = entry.packetsLost;
      }
    }
    const feedback = senderFeedback(this.slot.sender);
    return {
      type: 'consumer',
      consumerId: this.id,
      producerId: this.producer.id,
      kind: this.kind,
      timestamp,
      bitrate: Math.round(this.meter.bitrate),
      packets: this.meter.packets,
      bytes: this.meter.bytes,
      packetsLost,
      fractionLost: feedback.fractionLost,
      roundTripTime: feedback.rtt === undefined ? undefined : Math.round(feedback.rtt * 1000 * 10) / 10,
      nackCount,
      pliCount,
      retransmittedPackets,
      currentLayer: this.currentLayer >= 0 ? this.currentLayer : undefined,
      targetLayer: this.kind === 'video' ? this.targetLayer : undefined,
      paused: this.paused,
      producerPaused: this.producer.paused,
    };
  }

  /** Frees the m-section for the next consumer of this kind. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.producer.consumers.delete(this);
    if (this.slot.consumer === this) this.slot.consumer = undefined;
    this.#onClose();
  }
}
