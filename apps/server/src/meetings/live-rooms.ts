import type { Logger } from 'pino';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { WorkerPool } from '../media/worker-pool.ts';
import { findMeeting } from './meetings.ts';
import { MeetingRoom } from './room.ts';

/** How long a node's claim on a meeting lasts without renewal (a crashed node's meetings move after this). */
const leaseMs = 30_000;
const renewEveryMs = 10_000;

/** Where a meeting lives: here, or on another node whose sockets we forward to. */
export type RoomLocation = { room: MeetingRoom } | { remote: string };

/**
 * The meetings live on this node. A meeting's live state has one home: the first node a
 * participant reaches claims it in the database (a lease it renews), and the other nodes forward
 * their sockets for it there. Opening is shared, so two people arriving at once get the same room.
 */
export class LiveRooms {
  readonly #rooms = new Map<string, MeetingRoom>();
  readonly #opening = new Map<string, Promise<RoomLocation>>();
  /** This node's internal URL, set once the server listens. */
  nodeUrl = '';
  readonly #renewal: NodeJS.Timeout;

  constructor(
    private readonly ctx: () => AppContext,
    readonly workers: WorkerPool,
    private readonly logger: Logger,
  ) {
    this.#renewal = setInterval(() => void this.#renew(), renewEveryMs);
    this.#renewal.unref();
  }

  get(meetingId: string): MeetingRoom | undefined {
    return this.#rooms.get(meetingId);
  }

  /** The local room, claiming the meeting for this node if no live node holds it. */
  open(meetingId: string): Promise<RoomLocation> {
    const live = this.#rooms.get(meetingId);
    if (live) return Promise.resolve({ room: live });
    let opening = this.#opening.get(meetingId);
    if (!opening) {
      opening = this.#claim(meetingId).finally(() => this.#opening.delete(meetingId));
      this.#opening.set(meetingId, opening);
    }
    return opening;
  }

  /** Server shutdown: participants are disconnected (they come back after a restart); workers stop. */
  async close(): Promise<void> {
    clearInterval(this.#renewal);
    const rooms = [...this.#rooms.values()];
    this.#rooms.clear();
    await Promise.allSettled(rooms.map((room) => room.shutdown()));
    await this.#release(rooms.map((room) => room.id)).catch((error: unknown) =>
      this.logger.warn({ err: error }, 'meeting leases not released'),
    );
    await this.workers.close();
  }

  async #claim(meetingId: string): Promise<RoomLocation> {
    const ctx = this.ctx();
    const now = ctx.clock();
    const claimed = await ctx.database.db
      .updateTable('meetings')
      .set({ host_node: this.nodeUrl, host_lease_until: now + leaseMs })
      .where('id', '=', meetingId)
      .where('ended_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb('host_node', 'is', null),
          eb('host_node', '=', this.nodeUrl),
          eb('host_lease_until', '<', now),
        ]),
      )
      .executeTakeFirst();
    const row = await findMeeting(ctx, meetingId);
    if (!row) throw new AppError('MEETING_NOT_FOUND', 'This meeting no longer exists.');
    if (row.ended_at !== null) throw new AppError('MEETING_ENDED', 'This meeting has ended.');
    if (Number(claimed.numUpdatedRows) === 0 && row.host_node) return { remote: row.host_node };

    const room = new MeetingRoom(ctx, row, this.logger.child({ meetingId }), (ended) => {
      if (this.#rooms.get(ended.id) === ended) this.#rooms.delete(ended.id);
      ctx.metrics.meetingsLive.set(this.#rooms.size);
      void this.#release([ended.id]).catch(() => {});
    });
    this.#rooms.set(meetingId, room);
    ctx.metrics.meetingsLive.set(this.#rooms.size);
    return { room };
  }

  async #renew(): Promise<void> {
    const ids = [...this.#rooms.keys()];
    if (ids.length === 0) return;
    const ctx = this.ctx();
    await ctx.database.db
      .updateTable('meetings')
      .set({ host_lease_until: ctx.clock() + leaseMs })
      .where('id', 'in', ids)
      .where('host_node', '=', this.nodeUrl)
      .execute()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'meeting leases not renewed'));
  }

  async #release(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.ctx()
      .database.db.updateTable('meetings')
      .set({ host_node: null, host_lease_until: null })
      .where('id', 'in', ids)
      .where('host_node', '=', this.nodeUrl)
      .execute();
  }
}
