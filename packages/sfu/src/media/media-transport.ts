import { randomBytes } from 'node:crypto';
import {
  ReceiverEstimatedMaxBitrate,
  RTCPeerConnection,
  type RTCRtpTransceiver,
  RtcpPayloadSpecificFeedback,
} from 'werift';
import { InvalidStateError, UnsupportedError } from '../errors.ts';
import type { ConsumerSummary, TransportSettings } from '../protocol.ts';
import type {
  ConsumerLayers,
  MediaKind,
  SessionDescription,
  TransportConnectionState,
  TransportStats,
  VideoSize,
} from '../types.ts';
import { DownlinkEstimate } from './downlink-estimate.ts';
import { allocateLayers, type LayerDemand } from './layer-allocation.ts';
import { MediaConsumer, type SenderSlot } from './media-consumer.ts';
import { MediaProducer } from './media-producer.ts';
import type { MediaRouter } from './media-router.ts';
import { peerConfig } from './peer-config.ts';
import { RtpRewriter } from './rtp-rewriter.ts';
import { checkSessionDescription, midsOfDescription } from './sdp-check.ts';
import { senderFastPath } from './sender-fast-path.ts';
import { TransportCcFeedback } from './transport-cc-feedback.ts';
import {
  disableIceRenomination,
  disableReceiverNack,
  disableReceiverTwcc,
  observeTransportCc,
  pruneSenderBandwidthEstimator,
  resumeIceAfterRestart,
  routeSimulcastRtx,
  senderFeedback,
  sendRawRtcp,
  unbundleRejectedSections,
} from './werift-workarounds.ts';
import type { WorkerContext } from './worker-context.ts';

/**
 * One peer connection of a participant. A publish transport answers the browser's offers and turns
 * its m-sections into producers; a subscribe transport adds a sendonly m-section per consumer (reusing
 * free ones), offers, and fits its video consumers' layers into the subscriber's bandwidth.
 */
export class MediaTransport {
  readonly id: string;
  readonly settings: TransportSettings;
  readonly router: MediaRouter;
  readonly pc: RTCPeerConnection;
  readonly producers = new Map<string, MediaProducer>();
  readonly consumers = new Map<string, MediaConsumer>();
  closed = false;
  readonly #context: WorkerContext;
  readonly #slots: SenderSlot[] = [];
  /** Publish transports with transport-cc: the feedback the browser's congestion controller runs on. */
  readonly #transportCc: TransportCcFeedback | undefined;
  readonly #downlink = new DownlinkEstimate();
  #offeredSlots: SenderSlot[] = [];
  #negotiationNeeded = false;
  #negotiationCheckScheduled = false;
  #state: TransportConnectionState = 'new';
  #videoBudget: number | undefined;

  constructor(context: WorkerContext, router: MediaRouter, id: string, settings: TransportSettings) {
    this.#context = context;
    this.router = router;
    this.id = id;
    this.settings = settings;
    this.pc = new RTCPeerConnection(peerConfig(router.codecs, settings, context.portRange()));
    this.pc.connectionStateChange.subscribe((state) => this.#onConnectionState(state));
    if (settings.role === 'publish' && settings.enableTransportCc) {
      const feedback = new TransportCcFeedback(
        (packet) => sendRawRtcp(this.pc, packet),
        randomBytes(4).readUInt32BE(0),
      );
      observeTransportCc(this.pc, (sequenceNumber, ssrc) => feedback.onPacket(sequenceNumber, ssrc));
      this.#transportCc = feedback;
    }
  }

  get role(): TransportSettings['role'] {
    return this.settings.role;
  }

  get connectionState(): TransportConnectionState {
    return this.#state;
  }

  /** Publish: applies the browser's offer (first or renegotiated) and returns the answer. */
  async handleOffer(sdp: string): Promise<SessionDescription> {
    this.#assertRole('publish', 'handleOffer');
    checkSessionDescription(sdp, 'offer');
    routeSimulcastRtx(this.pc);
    disableIceRenomination(this.pc);
    await this.pc.setRemoteDescription({ type: 'offer', sdp });
    for (const transceiver of this.pc.getTransceivers()) {
      disableReceiverNack(transceiver.receiver);
      disableReceiverTwcc(transceiver.receiver);
    }
    this.#assertOpen();
    const answer = await this.pc.createAnswer();
    await this.#context.gather(this.pc, () => this.pc.setLocalDescription(answer));
    this.#assertOpen();
    resumeIceAfterRestart(this.pc);
    return { type: 'answer', sdp: unbundleRejectedSections(this.#localSdp()) };
  }

  /** Publish: starts forwarding what arrives on the m-section `mid` of the applied offer. */
  produce(options: { producerId: string; mid: string; kind: MediaKind; paused: boolean }): MediaProducer {
    this.#assertRole('publish', 'produce');
    if (this.router.producers.has(options.producerId)) throw new TypeError('a producer with this id exists');
    const transceiver = this.pc.getTransceivers().find((candidate) => candidate.mid === options.mid);
    if (!transceiver) throw new TypeError(`the offer has no m-section with mid ${options.mid}`);
    if (transceiver.kind !== options.kind) {
      throw new TypeError(`m-section ${options.mid} is ${transceiver.kind}, not ${options.kind}`);
    }
    for (const producer of this.producers.values()) {
      if (producer.mid === options.mid)
        throw new InvalidStateError(`m-section ${options.mid} already has a producer`);
    }
    const receiver = transceiver.receiver;
    const ridTracks = receiver.tracks.filter((track) => track.rid);
    const tracks =
      ridTracks.length > 0 ? ridTracks : receiver.tracks.filter((track) => track.ssrc).slice(0, 1);
    if (tracks.length === 0) throw new TypeError(`m-section ${options.mid} declares neither SSRCs nor RIDs`);
    const producer = new MediaProducer({
      id: options.producerId,
      mid: options.mid,
      kind: options.kind,
      receiver,
      tracks,
      paused: options.paused,
      onClose: () => {
        this.producers.delete(producer.id);
        this.router.producers.delete(producer.id);
        this.#context.producers.delete(producer.id);
      },
    });
    this.producers.set(producer.id, producer);
    this.router.producers.set(producer.id, producer);
    this.#context.producers.set(producer.id, producer);
    this.#context.log('debug', 'producer created', { transportId: this.id, producerId: producer.id });
    return producer;
  }

  /** Subscribe: forwards a producer of the router on a free or new m-section. */
  consume(options: {
    consumerId: string;
    producerId: string;
    paused: boolean;
    preferredLayers?: ConsumerLayers;
    tileSize?: VideoSize;
  }): { consumer: MediaConsumer; summary: ConsumerSummary } {
    this.#assertRole('subscribe', 'consume');
    const producer = this.router.producers.get(options.producerId);
    if (!producer) throw new TypeError(`no producer ${options.producerId} in this router`);
    if (this.consumers.has(options.consumerId)) throw new TypeError('a consumer with this id exists');
    const slot = this.#freeSlot(producer.kind);
    const consumer = new MediaConsumer({
      id: options.consumerId,
      producer,
      slot,
      paused: options.paused,
      preferredLayers: options.preferredLayers,
      tileSize: options.tileSize,
      onClose: () => {
        this.consumers.delete(consumer.id);
        this.#context.consumers.delete(consumer.id);
      },
      onLayersChange: (layers) => this.#context.notify(consumer.id, 'consumer.layerschange', { layers }),
    });
    this.consumers.set(consumer.id, consumer);
    this.#context.consumers.set(consumer.id, consumer);
    this.reallocate();
    if (slot.negotiated) {
      if (this.#state === 'connected') consumer.setReady();
    } else {
      this.#scheduleNegotiationNeeded();
    }
    return {
      consumer,
      summary: {
        kind: producer.kind,
        type: producer.type,
        mid: slot.transceiver.mid ?? undefined,
        negotiationNeeded: !slot.negotiated,
      },
    };
  }

  /** Subscribe: an offer with every m-section so far; `mids` maps consumer ids to their m-sections. */
  async createOffer(iceRestart: boolean): Promise<SessionDescription & { mids: Record<string, string> }> {
    this.#assertRole('subscribe', 'createOffer');
    if (this.pc.signalingState !== 'stable')
      throw new InvalidStateError('an offer is already waiting for its answer');
    this.#negotiationNeeded = false;
    const offered = this.#slots.filter((slot) => !slot.negotiated);
    const offer = await this.pc.createOffer({ iceRestart });
    await this.#context.gather(this.pc, () => this.pc.setLocalDescription(offer));
    this.#assertOpen();
    this.#offeredSlots = offered;
    const mids: Record<string, string> = {};
    for (const slot of this.#slots) {
      if (slot.consumer && slot.transceiver.mid) mids[slot.consumer.id] = slot.transceiver.mid;
    }
    return { type: 'offer', sdp: this.#localSdp(), mids };
  }

  /**
   * Subscribe: takes back an offer that was never answered (the subscriber lost it, or could not
   * apply it), so that the next `createOffer()` offers everything again. Nothing to take back: no-op.
   */
  async rollbackOffer(): Promise<void> {
    this.#assertRole('subscribe', 'rollbackOffer');
    if (this.pc.signalingState !== 'have-local-offer') return;
    await this.pc.setLocalDescription({ type: 'rollback' });
    this.#offeredSlots = [];
    this.#negotiationNeeded = true;
  }

  /** Subscribe: applies the subscriber's answer; the m-sections it answers start carrying media. */
  async handleAnswer(sdp: string): Promise<void> {
    this.#assertRole('subscribe', 'handleAnswer');
    if (this.pc.signalingState !== 'have-local-offer')
      throw new InvalidStateError('no offer is waiting for an answer');
    try {
      checkSessionDescription(sdp, 'answer', midsOfDescription(this.#localSdp()));
      disableIceRenomination(this.pc);
      await this.pc.setRemoteDescription({ type: 'answer', sdp });
    } catch (error) {
      // Give the offer back so the next createOffer can retry with everything in it.
      await this.pc.setLocalDescription({ type: 'rollback' }).catch(() => {});
      this.#negotiationNeeded = true;
      throw error;
    }
    resumeIceAfterRestart(this.pc);
    for (const slot of this.#offeredSlots) slot.negotiated = true;
    this.#offeredSlots = [];
    if (this.#state === 'connected') {
      for (const consumer of this.consumers.values()) if (consumer.slot.negotiated) consumer.setReady();
    }
    if (this.#slots.some((slot) => !slot.negotiated)) this.#scheduleNegotiationNeeded();
  }

  /** Chooses every video consumer's target layer from tile sizes, preferred layers and bandwidth. */
  reallocate(now = performance.now(), sampled = false): void {
    if (this.settings.role !== 'subscribe' || this.closed) return;
    let videoRate = 0;
    let audioRate = 0;
    let fractionLost = 0;
    const demands: LayerDemand[] = [];
    for (const consumer of this.consumers.values()) {
      if (sampled) consumer.meter.sample(now);
      if (consumer.kind === 'audio') {
        audioRate += consumer.meter.bitrate;
        continue;
      }
      if (consumer.paused || consumer.producer.paused) continue;
      videoRate += consumer.meter.bitrate;
      fractionLost = Math.max(fractionLost, senderFeedback(consumer.slot.sender).fractionLost ?? 0);
      if (consumer.producer.layerCount < 2) continue;
      const layers = consumer.producer.layerInfo(now);
      demands.push({
        consumerId: consumer.id,
        layers,
        maxLayer: consumer.maxLayer(layers),
        currentLayer: consumer.targetLayer,
      });
    }
    this.#downlink.onFractionLost(fractionLost);
    const { budget, probe } = this.#downlink.budget(now, videoRate + audioRate);
    const videoBudget = Math.max(0, budget - audioRate);
    this.#videoBudget = Number.isFinite(videoBudget) ? Math.round(videoBudget) : undefined;
    // Probing only on the periodic tick, so that a burst of consume calls does not probe each time.
    const allocation = allocateLayers(demands, videoBudget, probe && sampled);
    if (allocation.probed) this.#downlink.probed(now);
    for (const [consumerId, layer] of allocation.layers)
      this.consumers.get(consumerId)?.setTargetLayer(layer);
  }

  getStats(): TransportStats {
    const dtls = this.pc.dtlsTransports[0] as unknown as
      | { bytesSent?: number; bytesReceived?: number; packetsSent?: number; packetsReceived?: number }
      | undefined;
    return {
      type: 'transport',
      transportId: this.id,
      role: this.settings.role,
      timestamp: Date.now(),
      connectionState: this.#state,
      bytesSent: dtls?.bytesSent ?? 0,
      bytesReceived: dtls?.bytesReceived ?? 0,
      packetsSent: dtls?.packetsSent ?? 0,
      packetsReceived: dtls?.packetsReceived ?? 0,
      availableOutgoingBitrate: this.#downlink.remb,
      videoBudget: this.#videoBudget,
    };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.#transportCc?.close();
    for (const producer of [...this.producers.values()]) producer.close();
    for (const consumer of [...this.consumers.values()]) consumer.close();
    this.#state = 'closed';
    this.pc.close().catch(() => {});
  }

  #freeSlot(kind: MediaKind): SenderSlot {
    const free =
      this.#slots.find((slot) => !slot.consumer && slot.kind === kind && slot.negotiated) ??
      this.#slots.find((slot) => !slot.consumer && slot.kind === kind);
    if (free) return free;
    const transceiver: RTCRtpTransceiver = this.pc.addTransceiver(kind, { direction: 'sendonly' });
    const sender = transceiver.sender;
    pruneSenderBandwidthEstimator(sender, false);
    const slot: SenderSlot = {
      kind,
      transceiver,
      sender,
      rewriter: new RtpRewriter(kind === 'audio' ? 48000 : 90000),
      forward: senderFastPath(sender),
      consumer: undefined,
      negotiated: false,
    };
    sender.onPictureLossIndication.subscribe(() => slot.consumer?.onSubscriberPli());
    sender.onRtcp.subscribe((packet) => {
      if (
        packet instanceof RtcpPayloadSpecificFeedback &&
        packet.feedback instanceof ReceiverEstimatedMaxBitrate
      ) {
        this.#downlink.onRemb(Number(packet.feedback.bitrate));
      }
    });
    this.#slots.push(slot);
    return slot;
  }

  #scheduleNegotiationNeeded(): void {
    this.#negotiationNeeded = true;
    if (this.#negotiationCheckScheduled) return;
    this.#negotiationCheckScheduled = true;
    // One event for a burst of consume calls.
    setImmediate(() => {
      this.#negotiationCheckScheduled = false;
      if (this.closed || !this.#negotiationNeeded || this.pc.signalingState !== 'stable') return;
      this.#context.notify(this.id, 'transport.negotiationneeded', {});
    });
  }

  #onConnectionState(state: string): void {
    if (this.closed) return;
    const previous = this.#state;
    this.#state = state as TransportConnectionState;
    if (state === previous) return;
    this.#context.log('debug', 'transport connection state', { transportId: this.id, state });
    this.#context.notify(this.id, 'transport.connectionstatechange', { state: this.#state });
    if (state === 'connected') {
      for (const consumer of this.consumers.values()) {
        if (!consumer.slot.negotiated) continue;
        // Back after an outage (or an ICE restart): the subscriber needs a fresh keyframe.
        if (consumer.ready) consumer.restart();
        else consumer.setReady();
      }
    }
  }

  #localSdp(): string {
    const description = this.pc.localDescription;
    if (!description) throw new InvalidStateError('no local description');
    return description.sdp;
  }

  #assertRole(role: TransportSettings['role'], method: string): void {
    this.#assertOpen();
    if (this.settings.role !== role) {
      throw new UnsupportedError(`${method}() is for ${role} transports; this one is ${this.settings.role}`);
    }
  }

  #assertOpen(): void {
    if (this.closed) throw new InvalidStateError('transport closed');
  }
}
