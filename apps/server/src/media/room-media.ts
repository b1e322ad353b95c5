import type { MediaSource, SubscribedTrack } from '@parley/protocol';
import {
  type ActiveSpeakerObserver,
  type Consumer,
  type ConsumerStats,
  InvalidStateError,
  type Producer,
  type ProducerStats,
  type Router,
  type WebRtcTransport,
} from '@parley/sfu';
import type { Logger } from 'pino';
import { AppError } from '../errors.ts';
import { type NetworkSample, networkQuality } from './network-quality.ts';
import type { WorkerPool } from './worker-pool.ts';

export interface VideoTile {
  participantId: string;
  source: 'camera' | 'screen';
  width: number;
  height: number;
}

export interface PublishedTrack {
  mid: string;
  source: MediaSource;
  paused: boolean;
}

export interface RoomMediaEvents {
  /** A participant's subscribe connection changed: send them this offer (answer with `answer`). */
  offer(participantId: string, sdp: string, tracks: SubscribedTrack[]): void;
  activeSpeaker(participantId: string | null): void;
  /** The worker hosting this room died: every participant must publish again on a new room. */
  lost(): void;
  /** Stats of every producer and consumer, as the worker pushes them (for /metrics). */
  producerStats?(stats: ProducerStats): void;
  consumerStats?(stats: ConsumerStats): void;
}

export interface RoomMediaSettings {
  listenIp: string;
  announcedIp: string | undefined;
  iceServers: { urls: string | string[]; username?: string; credential?: string }[];
  /** A subscribe offer unanswered this long is taken back and made again. */
  answerTimeoutMs: number;
}

type ParticipantData = { participantId: string; source: MediaSource };
type ProducerData = ParticipantData & { mid: string };

/** One participant's two connections with the SFU and what flows over them. */
interface Peer {
  id: string;
  publish?: WebRtcTransport;
  subscribe?: WebRtcTransport;
  producers: Map<MediaSource, Producer<ProducerData>>;
  /** Consumers by the id of the producer they forward. */
  consumers: Map<string, Consumer<ParticipantData>>;
  view: VideoTile[];
  /** The recorder: it receives every track, video at the top layer, whatever anyone views. */
  records: boolean;
  /** Media operations of one participant run one after another, in the order they were asked for. */
  chain: Promise<unknown>;
  /**
   * `making`: an offer is queued; `sent`: it waits for the participant's answer. Changes meanwhile
   * go into the next offer. Only a sent offer can be answered or taken back.
   */
  offer: 'none' | 'making' | 'sent';
  /** Takes the waiting offer back if its answer does not come. */
  answerTimer: ReturnType<typeof setTimeout> | undefined;
  /** Answers the SFU refused in a row: past `maxRefusedAnswers`, no new offer until the next change. */
  refusedAnswers: number;
  offerAgain: boolean;
  restartIce: boolean;
  closed: boolean;
  /** Uplink loss per producer, from the last two stats of each. */
  uplink: Map<string, { packets: number; lost: number; fraction: number }>;
}

const audioSources: ReadonlySet<MediaSource> = new Set(['mic', 'screen-audio']);
/** A client whose answers keep failing is not sent offer after offer. */
const maxRefusedAnswers = 3;
/** The recorder asks for the top layer of every video (what a full-HD tile would get). */
const recorderTile = { participantId: '', source: 'camera', width: 1920, height: 1080 } as const;

/**
 * A meeting's media on the SFU: one router, each participant's publish and subscribe transports,
 * and the consumers that follow what each participant views (last-N: only visible video tiles are
 * forwarded; every audio track is). Speaks in participants and sources; the SFU's ids stay inside.
 */
export class RoomMedia {
  readonly #peers = new Map<string, Peer>();
  #closed = false;

  private constructor(
    private readonly router: Router,
    private readonly speaker: ActiveSpeakerObserver,
    private readonly settings: RoomMediaSettings,
    private readonly events: RoomMediaEvents,
    private readonly logger: Logger,
  ) {
    router.on('workerclose', () => {
      if (this.#closed) return;
      this.#closed = true;
      this.events.lost();
    });
    speaker.on('dominantspeaker', ({ producer }) =>
      this.events.activeSpeaker((producer.appData as ParticipantData).participantId),
    );
  }

  static async create(
    pool: WorkerPool,
    meetingId: string,
    settings: RoomMediaSettings,
    events: RoomMediaEvents,
    logger: Logger,
  ): Promise<RoomMedia> {
    const router = await pool.createRouter({ meetingId });
    try {
      const speaker = await router.createActiveSpeakerObserver({ interval: 300 });
      return new RoomMedia(router, speaker, settings, events, logger);
    } catch (error) {
      router.close();
      throw error;
    }
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** A participant entered: they get everyone's audio from now on (video follows their view). */
  addPeer(participantId: string): Promise<void> {
    return this.#run(participantId, async (peer) => {
      let added = false;
      for (const other of this.#peers.values()) {
        if (other === peer) continue;
        for (const producer of other.producers.values()) {
          if (producer.kind === 'audio' && (await this.#consume(peer, producer, undefined))) added = true;
        }
      }
      if (added) this.#scheduleOffer(peer);
    });
  }

  /**
   * The recorder joins as an invisible peer that consumes every track of the room; its subscribe
   * offers go out through `offer` under `peerId` like a participant's.
   */
  addRecorder(peerId: string): Promise<void> {
    return this.#run(peerId, async (peer) => {
      peer.records = true;
      let added = false;
      for (const other of this.#peers.values()) {
        if (other === peer) continue;
        for (const producer of other.producers.values()) {
          if (await this.#consume(peer, producer, producer.kind === 'video' ? recorderTile : undefined))
            added = true;
        }
      }
      if (added) this.#scheduleOffer(peer);
    });
  }

  /** Applies a participant's publish offer and returns the SFU's answer; tracks left out stop. */
  publish(participantId: string, sdp: string, tracks: PublishedTrack[]): Promise<string> {
    return this.#run(participantId, async (peer) => {
      peer.publish ??= await this.#transport(peer, 'publish');
      let answer: string;
      try {
        answer = (await peer.publish.handleOffer(sdp)).sdp;
      } catch (error) {
        throw sdpError(error);
      }
      for (const [source, producer] of peer.producers) {
        const track = tracks.find((t) => t.source === source);
        if (!track || track.mid !== producer.appData.mid) {
          producer.close();
          peer.producers.delete(source);
          peer.uplink.delete(producer.id);
          this.#producerClosed(producer);
        }
      }
      for (const track of tracks) {
        const existing = peer.producers.get(track.source);
        if (existing) {
          if (track.paused !== existing.paused) await (track.paused ? existing.pause() : existing.resume());
          continue;
        }
        let producer: Producer<ProducerData>;
        try {
          producer = await peer.publish.produce({
            mid: track.mid,
            kind: audioSources.has(track.source) ? 'audio' : 'video',
            paused: track.paused,
            appData: { participantId: peer.id, source: track.source, mid: track.mid },
          });
        } catch (error) {
          throw sdpError(error);
        }
        peer.producers.set(track.source, producer);
        producer.observer.on('stats', (stats) => this.#onProducerStats(peer, stats));
        await this.#producerOpened(producer);
      }
      return answer;
    });
  }

  /** The participant's answer to the last subscribe offer. */
  answer(participantId: string, sdp: string): Promise<void> {
    return this.#run(participantId, async (peer) => {
      if (!peer.subscribe || peer.offer !== 'sent')
        throw new AppError('CONFLICT', 'No subscribe offer is waiting for an answer.');
      clearTimeout(peer.answerTimer);
      try {
        await peer.subscribe.handleAnswer(sdp);
      } catch (error) {
        peer.offer = 'none';
        // The SFU rolled its offer back: offer everything again (a few times; then the next change does).
        if (++peer.refusedAnswers <= maxRefusedAnswers) this.#scheduleOffer(peer);
        throw sdpError(error);
      }
      peer.offer = 'none';
      peer.refusedAnswers = 0;
      if (peer.offerAgain || peer.restartIce) this.#scheduleOffer(peer);
    });
  }

  /** Sends a fresh subscribe offer that restarts ICE. */
  restartIce(participantId: string): Promise<void> {
    return this.#run(participantId, async (peer) => {
      peer.restartIce = true;
      this.#scheduleOffer(peer);
    });
  }

  /** Which video tiles the participant shows: exactly those are forwarded to them, sized to fit. */
  setView(participantId: string, tiles: VideoTile[]): Promise<void> {
    return this.#run(participantId, async (peer) => {
      peer.view = tiles.filter((tile) => tile.participantId !== participantId);
      const wanted = new Map<string, VideoTile>();
      for (const tile of peer.view) {
        const producer = this.#peers.get(tile.participantId)?.producers.get(tile.source);
        if (producer) wanted.set(producer.id, tile);
      }
      let changed = false;
      for (const [producerId, consumer] of peer.consumers) {
        if (consumer.kind !== 'video') continue;
        const tile = wanted.get(producerId);
        if (tile) {
          await consumer.setTileSize({ width: tile.width, height: tile.height });
          wanted.delete(producerId);
        } else {
          consumer.close();
          peer.consumers.delete(producerId);
          changed = true;
        }
      }
      for (const [producerId, tile] of wanted) {
        const producer = this.#findProducer(producerId);
        if (producer && (await this.#consume(peer, producer, tile))) changed = true;
      }
      if (changed) this.#scheduleOffer(peer);
    });
  }

  /** Mute/unmute, camera on/off: a paused producer forwards nothing. */
  setPaused(participantId: string, source: MediaSource, paused: boolean): Promise<void> {
    return this.#run(participantId, async (peer) => {
      const producer = peer.producers.get(source);
      if (!producer || producer.paused === paused) return;
      await (paused ? producer.pause() : producer.resume());
    });
  }

  /** Network quality of each participant from their uplink loss and what their subscribers report. */
  quality(): Record<string, ReturnType<typeof networkQuality>> {
    const result: Record<string, ReturnType<typeof networkQuality>> = {};
    for (const peer of this.#peers.values()) {
      if (peer.records) continue;
      const samples: NetworkSample[] = [...peer.uplink.values()].map((u) => ({ fractionLost: u.fraction }));
      for (const consumer of peer.consumers.values()) {
        const stats = latestConsumerStats.get(consumer);
        if (stats) samples.push({ fractionLost: stats.fractionLost, roundTripTime: stats.roundTripTime });
      }
      result[peer.id] = networkQuality(samples);
    }
    return result;
  }

  /** Closes a participant's connections; others stop receiving their tracks. */
  removePeer(participantId: string): void {
    const peer = this.#peers.get(participantId);
    if (!peer) return;
    this.#peers.delete(participantId);
    this.#closePeer(peer);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const peer of this.#peers.values()) clearTimeout(peer.answerTimer);
    this.#peers.clear();
    this.router.close();
  }

  #run<T>(participantId: string, work: (peer: Peer) => Promise<T>): Promise<T> {
    if (this.#closed)
      return Promise.reject(new AppError('MEDIA_UNAVAILABLE', 'The media server restarted; reconnecting.'));
    let peer = this.#peers.get(participantId);
    if (!peer) {
      peer = {
        id: participantId,
        producers: new Map(),
        consumers: new Map(),
        view: [],
        records: false,
        chain: Promise.resolve(),
        offer: 'none',
        answerTimer: undefined,
        refusedAnswers: 0,
        offerAgain: false,
        restartIce: false,
        closed: false,
        uplink: new Map(),
      };
      this.#peers.set(participantId, peer);
    }
    const current = peer;
    const connectionClosed = () =>
      new AppError('MEDIA_UNAVAILABLE', 'This connection to the media server was closed.');
    const result = current.chain.then(() => {
      if (current.closed) throw connectionClosed();
      return work(current);
    });
    current.chain = result.catch(() => {});
    return result.catch((error: unknown) => {
      if (!(error instanceof InvalidStateError)) throw error;
      if (this.#closed) throw new AppError('MEDIA_UNAVAILABLE', 'The media server restarted; reconnecting.');
      // They left the room (or moved to a breakout room) while this was under way.
      if (current.closed) throw connectionClosed();
      throw error;
    });
  }

  async #transport(peer: Peer, role: 'publish' | 'subscribe'): Promise<WebRtcTransport> {
    const transport = await this.router.createWebRtcTransport({
      role,
      listenIps: [{ ip: this.settings.listenIp, announcedIp: this.settings.announcedIp }],
      iceServers: this.settings.iceServers,
      appData: { participantId: peer.id },
    });
    if (peer.closed) {
      transport.close();
      throw new AppError('MEDIA_UNAVAILABLE', 'This connection to the media server was closed.');
    }
    return transport;
  }

  /** A new track: everyone else gets its audio, and its video if they view its tile. */
  async #producerOpened(producer: Producer<ParticipantData>): Promise<void> {
    const { participantId, source } = producer.appData;
    if (source === 'mic') {
      await this.speaker.addProducer({ producerId: producer.id }).catch((error: unknown) => {
        this.logger.warn({ err: error }, 'active speaker observer did not take a microphone');
      });
    }
    for (const peer of this.#peers.values()) {
      if (peer.id === participantId) continue;
      const tile =
        producer.kind !== 'video'
          ? undefined
          : peer.records
            ? recorderTile
            : peer.view.find((t) => t.participantId === participantId && t.source === source);
      if (producer.kind === 'video' && !tile) continue;
      void this.#run(peer.id, async (subscriber) => {
        if (await this.#consume(subscriber, producer, tile)) this.#scheduleOffer(subscriber);
      }).catch((error: unknown) => {
        // Nothing is lost when the subscriber or the room went meanwhile.
        if (!peer.closed && !this.#closed)
          this.logger.warn({ err: error, participantId: peer.id }, 'consume failed');
      });
    }
  }

  #producerClosed(producer: Producer<ParticipantData>): void {
    for (const peer of this.#peers.values()) {
      const consumer = peer.consumers.get(producer.id);
      if (!consumer) continue;
      peer.consumers.delete(producer.id);
      consumer.close();
      this.#scheduleOffer(peer);
    }
  }

  /** Returns whether a consumer was added (the subscriber's track list changed). */
  async #consume(peer: Peer, producer: Producer, tile: VideoTile | undefined): Promise<boolean> {
    if (producer.closed || peer.consumers.has(producer.id)) return false;
    peer.subscribe ??= await this.#transport(peer, 'subscribe');
    let consumer: Consumer<ParticipantData>;
    try {
      consumer = await peer.subscribe.consume<ParticipantData>({
        producerId: producer.id,
        tileSize: tile && { width: tile.width, height: tile.height },
        appData: producer.appData as ParticipantData,
      });
    } catch (error) {
      // The track stopped meanwhile (a screen share ending as the view asks for it): nothing to show.
      if (producer.closed) return false;
      throw error;
    }
    peer.consumers.set(producer.id, consumer);
    consumer.observer.on('stats', (stats) => {
      latestConsumerStats.set(consumer, stats);
      this.events.consumerStats?.(stats);
    });
    consumer.on('producerclose', () => {
      if (peer.consumers.get(producer.id) !== consumer) return;
      peer.consumers.delete(producer.id);
      this.#scheduleOffer(peer);
    });
    return true;
  }

  /** Offers the subscribe connection's current tracks (new m-sections, or a new mapping of reused ones). */
  #scheduleOffer(peer: Peer): void {
    if (peer.closed || !peer.subscribe) return;
    if (peer.offer !== 'none') {
      peer.offerAgain = true;
      return;
    }
    peer.offer = 'making';
    peer.offerAgain = false;
    const iceRestart = peer.restartIce;
    peer.restartIce = false;
    // Queued behind the peer's other work, so that a burst of changes makes one offer.
    void this.#run(peer.id, async () => {
      const transport = peer.subscribe;
      if (!transport) return;
      const offer = await transport.createOffer({ iceRestart });
      const tracks: SubscribedTrack[] = [];
      for (const consumer of peer.consumers.values()) {
        if (!consumer.mid || consumer.closed) continue;
        tracks.push({
          mid: consumer.mid,
          participantId: consumer.appData.participantId,
          source: consumer.appData.source,
          kind: consumer.kind,
        });
      }
      peer.offer = 'sent';
      this.events.offer(peer.id, offer.sdp, tracks);
      // The recorder's answer comes from our own process, which attaches again when it fails.
      if (peer.records) return;
      peer.answerTimer = setTimeout(() => this.#answerOverdue(peer), this.settings.answerTimeoutMs);
      peer.answerTimer.unref();
    }).catch((error: unknown) => {
      peer.offer = 'none';
      if (!peer.closed && !this.#closed)
        this.logger.warn({ err: error, participantId: peer.id }, 'subscribe offer failed');
    });
  }

  /**
   * The participant never answered the last offer: it was lost on the way, or their browser could
   * not apply it. Until it is taken back no other offer can be made, so new tracks would never
   * reach them: take it back and offer again.
   */
  #answerOverdue(peer: Peer): void {
    void this.#run(peer.id, async () => {
      const transport = peer.subscribe;
      if (peer.offer !== 'sent' || !transport) return;
      this.logger.warn({ participantId: peer.id }, 'subscribe offer not answered; offering again');
      await transport.rollbackOffer();
      peer.offer = 'none';
      this.#scheduleOffer(peer);
    }).catch((error: unknown) => {
      if (!peer.closed && !this.#closed)
        this.logger.warn({ err: error, participantId: peer.id }, 'unanswered subscribe offer not taken back');
    });
  }

  #findProducer(producerId: string): Producer<ParticipantData> | undefined {
    for (const peer of this.#peers.values()) {
      for (const producer of peer.producers.values()) if (producer.id === producerId) return producer;
    }
    return undefined;
  }

  #onProducerStats(peer: Peer, stats: ProducerStats): void {
    const previous = peer.uplink.get(stats.producerId) ?? { packets: 0, lost: 0, fraction: 0 };
    const packets = stats.packets - previous.packets;
    const lost = Math.max(0, stats.packetsLost - previous.lost);
    peer.uplink.set(stats.producerId, {
      packets: stats.packets,
      lost: stats.packetsLost,
      fraction: packets + lost > 0 ? lost / (packets + lost) : previous.fraction,
    });
    this.events.producerStats?.(stats);
  }

  #closePeer(peer: Peer): void {
    peer.closed = true;
    clearTimeout(peer.answerTimer);
    for (const producer of peer.producers.values()) {
      producer.close();
      peer.uplink.delete(producer.id);
      this.#producerClosed(producer);
    }
    peer.producers.clear();
    peer.publish?.close();
    peer.subscribe?.close();
  }
}

const latestConsumerStats = new WeakMap<Consumer, ConsumerStats>();

/** An SDP the SFU refuses is the participant's fault (4xx); a closed worker is ours (503). */
function sdpError(error: unknown): Error {
  if (error instanceof AppError) return error;
  if (error instanceof InvalidStateError)
    return new AppError('MEDIA_UNAVAILABLE', 'The media server is restarting. Try again.');
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('INVALID_SDP', `The session description was refused: ${message}`);
}
