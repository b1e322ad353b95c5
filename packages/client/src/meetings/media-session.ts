import type { MediaSource, SubscribedTrack } from '@parley/protocol';
import { isApiError } from '../api-error.ts';
import type { Clock, TimerHandle } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { watchIce } from './ice-watchdog.ts';
import { type InboundTotals, type LinkQuality, type StatsEntry, summarizeLink } from './link-quality.ts';
import type { LocalTracks } from './local-media.ts';
import type { MeetingAnswer, MeetingRequest } from './meeting-frames.ts';
import type { MeetingTiming } from './meeting-timing.ts';
import { Publisher } from './publisher.ts';
import type { RemoteTrackEntry } from './remote-tracks.ts';
import type { RtcEnvironment } from './rtc-environment.ts';
import { SerialQueue } from './serial-queue.ts';
import { answerSubscribeOffer } from './subscriber.ts';

export interface MediaSessionOptions {
  rtc: RtcEnvironment;
  configuration: RTCConfiguration;
  request(frame: MeetingRequest): Promise<MeetingAnswer>;
  paused(source: MediaSource): boolean;
  clock: Clock;
  timing: MeetingTiming;
  logger: Logger;
  onRemoteTracks(tracks: RemoteTrackEntry[]): void;
  onLink(link: LinkQuality | null): void;
  /** A negotiation no caller waits for failed (an ICE restart, a subscribe offer). */
  onError(kind: 'publish' | 'subscribe', error: unknown): void;
}

/**
 * The media of one admission to the meeting: the publish and subscribe connections, their ICE
 * watchdogs and the stats sampling. A `joined` after a reconnect or a `media-reset` replaces the
 * whole session, since the server starts over with new transports.
 */
export class MediaSession {
  readonly #options: MediaSessionOptions;
  readonly #publisher: Publisher;
  readonly #publishPc: RTCPeerConnection;
  #subscribePc: RTCPeerConnection | null = null;
  /** The server sends one offer at a time; answering in order keeps it so on this side too. */
  readonly #offers = new SerialQueue();
  readonly #stops: (() => void)[] = [];
  #statsTimer: TimerHandle | undefined;
  #totals: InboundTotals | null = null;
  #closed = false;

  constructor(options: MediaSessionOptions) {
    this.#options = options;
    this.#publishPc = options.rtc.createPeerConnection(options.configuration);
    this.#publisher = new Publisher({
      pc: this.#publishPc,
      codecs: options.rtc.codecs,
      paused: options.paused,
      signal: async (sdp, tracks) => {
        const answer = await options.request({ type: 'publish', sdp, tracks });
        if (!answer?.sdp) throw new TypeError('the publish answer has no SDP');
        return answer.sdp;
      },
    });
    this.#watch(this.#publishPc, () =>
      this.publish({ iceRestart: true }).catch((error: unknown) => this.#failed('publish', error)),
    );
    this.#scheduleStats();
  }

  /** Puts the local tracks on the publish connection; returns whether a new offer is needed. */
  async attach(tracks: LocalTracks): Promise<boolean> {
    await this.#publisher.replaceTrack('mic', tracks.mic);
    await this.#publisher.replaceTrack('camera', tracks.camera);
    const screen = await this.#publisher.setShared('screen', tracks.screen);
    const screenAudio = await this.#publisher.setShared('screen-audio', tracks.screenAudio);
    return screen || screenAudio;
  }

  /** Offers everything published and applies the answer; rejects if the server refuses it. */
  publish(options: { iceRestart?: boolean } = {}): Promise<void> {
    return this.#publisher.negotiate(options);
  }

  /** Answers a `subscribe-offer`; the first one creates the subscribe connection. */
  handleOffer(sdp: string, tracks: readonly SubscribedTrack[]): Promise<void> {
    return this.#offers.run(async () => {
      if (this.#closed) return;
      const pc = this.#subscribePc ?? this.#createSubscribePc();
      try {
        const answer = await answerSubscribeOffer(pc, sdp, tracks);
        if (this.#closed) return;
        this.#options.onRemoteTracks(answer.tracks);
        await this.#options.request({ type: 'subscribe-answer', sdp: answer.sdp });
      } catch (error) {
        // CONFLICT: the answer came after the server took its offer back; a new offer is on its way.
        if (isApiError(error, 'CONFLICT')) return;
        // No answer goes back: the server takes its offer back after a while and offers again.
        this.#failed('subscribe', error);
      }
    });
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const stop of this.#stops) stop();
    if (this.#statsTimer !== undefined) this.#options.clock.clearTimeout(this.#statsTimer);
    this.#publisher.close();
    this.#subscribePc?.close();
  }

  /** A lost connection is no failure to report: the next `joined` rebuilds the session. */
  #failed(kind: 'publish' | 'subscribe', error: unknown): void {
    if (!this.#closed && !isApiError(error, 'NETWORK')) this.#options.onError(kind, error);
  }

  #createSubscribePc(): RTCPeerConnection {
    const pc = this.#options.rtc.createPeerConnection(this.#options.configuration);
    this.#subscribePc = pc;
    this.#watch(pc, () => {
      // The server answers with a fresh offer that restarts ICE.
      this.#options.request({ type: 'restart-ice' }).catch((error: unknown) => {
        this.#options.logger.debug({ error }, 'restart-ice not sent');
      });
    });
    return pc;
  }

  #watch(pc: RTCPeerConnection, restart: () => void): void {
    const { clock, timing, logger } = this.#options;
    this.#stops.push(
      watchIce(pc, {
        clock,
        disconnectedMs: timing.iceDisconnectedMs,
        retryMs: timing.iceRetryMs,
        onFailed: () => {
          if (this.#closed) return;
          logger.info({}, 'ICE failed; restarting');
          restart();
        },
      }),
    );
  }

  #scheduleStats(): void {
    this.#statsTimer = this.#options.clock.setTimeout(async () => {
      this.#statsTimer = undefined;
      try {
        await this.#sampleStats();
      } catch (error) {
        this.#options.logger.debug({ error }, 'stats not read');
      }
      if (!this.#closed) this.#scheduleStats();
    }, this.#options.timing.statsIntervalMs);
  }

  async #sampleStats(): Promise<void> {
    const [publish, subscribe] = await Promise.all([
      this.#publishPc.getStats(),
      this.#subscribePc?.getStats(),
    ]);
    if (this.#closed) return;
    const { link, totals } = summarizeLink(
      { publish: statsEntries(publish), subscribe: subscribe && statsEntries(subscribe) },
      this.#totals,
    );
    this.#totals = totals;
    this.#options.onLink(link);
  }
}

function statsEntries(report: RTCStatsReport): Iterable<StatsEntry> {
  return report.values() as Iterable<StatsEntry>;
}
