import type { Logger } from 'pino';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { WorkerPool } from '../media/worker-pool.ts';
import { findMeeting } from './meetings.ts';
import { MeetingRoom } from './room.ts';

/**
 * The meetings live on this node. A room opens when its first participant connects and goes
 * when the meeting ends; opening is shared, so two people arriving at once get the same room.
 */
export class LiveRooms {
  readonly #rooms = new Map<string, MeetingRoom>();
  readonly #opening = new Map<string, Promise<MeetingRoom>>();

  constructor(
    private readonly ctx: () => AppContext,
    readonly workers: WorkerPool,
    private readonly logger: Logger,
  ) {}

  get(meetingId: string): MeetingRoom | undefined {
    return this.#rooms.get(meetingId);
  }

  get size(): number {
    return this.#rooms.size;
  }

  open(meetingId: string): Promise<MeetingRoom> {
    const live = this.#rooms.get(meetingId);
    if (live) return Promise.resolve(live);
    let opening = this.#opening.get(meetingId);
    if (!opening) {
      opening = this.#create(meetingId).finally(() => this.#opening.delete(meetingId));
      this.#opening.set(meetingId, opening);
    }
    return opening;
  }

  /** Server shutdown: participants are disconnected (they come back after a restart); workers stop. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#rooms.values()].map((room) => room.shutdown()));
    this.#rooms.clear();
    await this.workers.close();
  }

  async #create(meetingId: string): Promise<MeetingRoom> {
    const ctx = this.ctx();
    const row = await findMeeting(ctx, meetingId);
    if (!row) throw new AppError('MEETING_NOT_FOUND', 'This meeting no longer exists.');
    if (row.ended_at !== null) throw new AppError('MEETING_ENDED', 'This meeting has ended.');
    const room = new MeetingRoom(ctx, row, this.logger.child({ meetingId }), (ended) => {
      if (this.#rooms.get(ended.id) === ended) this.#rooms.delete(ended.id);
      ctx.metrics.meetingsLive.set(this.#rooms.size);
    });
    this.#rooms.set(meetingId, room);
    ctx.metrics.meetingsLive.set(this.#rooms.size);
    return room;
  }
}
