import type { Logger } from 'pino';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { observeConsumer, observeProducer } from './media-metrics.ts';
import { RoomMedia, type RoomMediaEvents } from './room-media.ts';

/**
 * A meeting's media, started on first use (a meeting nobody publishes in never takes a router) and
 * started afresh after its worker died: `lost` tells the meeting, whose participants then publish
 * again, and the next `get` makes a new router on a live worker.
 */
export class RoomMediaSlot {
  #media: Promise<RoomMedia> | undefined;
  /** Keeps this node's recorder process up while the meeting has media (see Recorder.hold). */
  #recorderHold: (() => void) | undefined;

  constructor(
    private readonly ctx: AppContext,
    private readonly meetingId: string,
    private readonly events: Pick<RoomMediaEvents, 'offer' | 'activeSpeaker' | 'lost'>,
    private readonly logger: Logger,
  ) {}

  /** The media, started if need be; MEDIA_UNAVAILABLE when no worker can host it. */
  get(): Promise<RoomMedia> {
    if (!this.#media) {
      const { listenIp, announcedIp, iceServers, answerTimeoutMs } = this.ctx.config.media;
      const starting = RoomMedia.create(
        this.ctx.rooms.workers,
        this.meetingId,
        { listenIp, announcedIp, iceServers, answerTimeoutMs },
        {
          offer: this.events.offer,
          activeSpeaker: this.events.activeSpeaker,
          lost: () => {
            if (this.#media !== starting) return;
            this.#media = undefined;
            this.events.lost();
          },
          consumerStats: (stats) => observeConsumer(this.ctx.metrics, stats),
          producerStats: (stats) => observeProducer(this.ctx.metrics, stats),
        },
        this.logger,
      );
      this.#media = starting;
      // A host may press Record any time now: the recorder process should be up before that.
      this.#recorderHold ??= this.ctx.recorder.hold();
      starting.catch((error: unknown) => {
        if (this.#media === starting) this.#media = undefined;
        this.logger.error({ err: error }, 'media for the meeting did not start');
      });
    }
    return this.#media.catch((error: unknown) => {
      throw error instanceof AppError
        ? error
        : new AppError('MEDIA_UNAVAILABLE', 'The media server is not available. Try again shortly.', {
            cause: error,
          });
    });
  }

  /** The media if it was started (and started well); never starts it. */
  async current(): Promise<RoomMedia | undefined> {
    return this.#media?.catch(() => undefined);
  }

  /** The meeting ended (or this node stops): its media closes and the recorder need not stay up for it. */
  async close(): Promise<void> {
    (await this.current())?.close();
    this.#recorderHold?.();
    this.#recorderHold = undefined;
  }
}
