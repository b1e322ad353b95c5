import type { BreakoutHelpRequest, BreakoutState, MeetingClientFrame, WaitingPerson } from '@parley/protocol';
import type { Logger } from 'pino';
import { monotonicFactory } from 'ulid';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { assignEvenly } from './breakout-assignment.ts';
import { type BreakoutSnapshot, breakoutViews } from './breakout-views.ts';
import type { MeetingRow } from './meetings.ts';
import { canHost, type Member } from './members.ts';
import type { MeetingRoom } from './room.ts';

export type BreakoutFrame = Extract<MeetingClientFrame, { type: `breakout-${string}` }>;
type FrameOf<T extends BreakoutFrame['type']> = Extract<BreakoutFrame, { type: T }>;

export function isBreakoutFrame(frame: MeetingClientFrame): frame is BreakoutFrame {
  return frame.type.startsWith('breakout-');
}

const inRoomFrames: ReadonlySet<MeetingClientFrame['type']> = new Set([
  ...(['publish', 'subscribe-answer', 'restart-ice', 'view', 'set-media', 'hand', 'react', 'chat'] as const),
  // A host in a breakout room records that room.
  ...(['mute', 'ask-unmute', 'stop-video', 'lower-hand', 'rename', 'record'] as const),
]);

/**
 * What someone in a breakout room does in that room (media, chat, hand, the host controls over the
 * people there); the rest (leave, the waiting room, roles, ending) is the main room's.
 */
export function inBreakoutRoom(frame: MeetingClientFrame): boolean {
  return inRoomFrames.has(frame.type);
}

/**
 * Set for a breakout room (a meeting row with parent_id): its main room moves people in and out
 * over their one socket and records their attendance; the breakout room passes on the main
 * meeting's id and link, and shows hosts the main room's waiting room.
 */
export interface BreakoutPlace {
  roomId: string;
  main: MeetingRow;
  waiting(): WaitingPerson[];
}

/** What the breakout rooms need of their main room. */
export interface MainRoomLink {
  room: MeetingRoom;
  /** Everyone in the meeting (in the main room or a breakout room), in the order they came. */
  present(): Member[];
  /** A live room for a breakout room's meeting row. */
  open(row: MeetingRow, roomId: string): MeetingRoom;
}

interface Room {
  /** Stays across openings; each opening is a new meeting row (the live room's id). */
  id: string;
  name: string;
  live: MeetingRoom | undefined;
}

const nextId = monotonicFactory();
const notConfigured = () => new AppError('BREAKOUTS_NOT_CONFIGURED', 'Set up breakout rooms first.');
const notOpen = () => new AppError('BREAKOUTS_NOT_OPEN', 'The breakout rooms are not open.');
const notInRoom = () => new AppError('NOT_IN_BREAKOUT_ROOM', 'You are in the main room.');

/**
 * A meeting's breakout rooms, owned by its main room: the configuration and assignments, the live
 * rooms while open (each a MeetingRoom for a child meeting row, with its own media), and who is in
 * which. Moving someone takes them out of one room and into another over the same socket: they get
 * `breakout-moved`, the breakout state, then the new room's `joined`. Changes run one at a time.
 */
export class Breakouts {
  #status: 'idle' | BreakoutState['status'] = 'idle';
  #settings: BreakoutSnapshot['settings'] = {
    assignment: 'auto',
    autoMove: false,
    timerMinutes: null,
    closeCountdownSeconds: 60,
  };
  #rooms: Room[] = [];
  /** Participant id to room id. */
  #assigned = new Map<string, string>();
  #help: BreakoutHelpRequest[] = [];
  #openedAt: number | null = null;
  #endsAt: number | null = null;
  #closesAt: number | null = null;
  #timer: NodeJS.Timeout | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctx: AppContext,
    private readonly meeting: MeetingRow,
    private readonly logger: Logger,
    private readonly main: MainRoomLink,
  ) {}

  /** The live breakout room a member is in; undefined in the main room. */
  roomOf(member: Member): MeetingRoom | undefined {
    if (member.breakoutRoomId === null) return undefined;
    return this.#rooms.find((room) => room.id === member.breakoutRoomId)?.live;
  }

  handle(member: Member, frame: BreakoutFrame): Promise<undefined> {
    return this.#serial(() => this.#handle(member, frame));
  }

  /** The state for one member (coming back after a drop). */
  sendState(member: Member): void {
    if (this.#status === 'idle') return;
    const state = breakoutViews(this.#snapshot(this.#status), this.main.present())(member);
    member.socket?.send({ type: 'breakouts', state });
  }

  /** Someone came, or changed role or name: the state as each sees it changes. */
  changed(): void {
    this.#share();
  }

  /** Someone left the meeting (the main room dropped them): out of their breakout room too. */
  departed(member: Member, reason: 'left' | 'removed' | 'disconnected'): void {
    const room = this.roomOf(member);
    member.breakoutRoomId = null;
    room?.moveOut(member, reason);
    this.#assigned.delete(member.id);
    this.#help = this.#help.filter((request) => request.participantId !== member.id);
    this.#share();
  }

  /** The meeting ended (or the server stops): the rooms end with it. */
  end(): Promise<void> {
    return this.#serial(async () => {
      clearTimeout(this.#timer);
      this.#status = 'idle';
      await this.#endRooms();
    });
  }

  async #handle(member: Member, frame: BreakoutFrame): Promise<undefined> {
    switch (frame.type) {
      case 'breakout-join':
        return this.#join(member, frame.roomId);
      case 'breakout-return':
        if (member.breakoutRoomId === null) throw notInRoom();
        await this.#move(member, null);
        this.#share();
        return;
      case 'breakout-help':
        return this.#askForHelp(member);
      default:
        break;
    }
    if (!canHost(member)) {
      throw new AppError('NOT_MEETING_HOST', 'Only the host and co-hosts can manage breakout rooms.');
    }
    switch (frame.type) {
      case 'breakout-configure':
        return this.#configure(frame);
      case 'breakout-assign':
        return this.#assign(frame.participantId, frame.roomId);
      case 'breakout-rename':
        return this.#rename(frame.roomId, frame.name);
      case 'breakout-open':
        return this.#open();
      case 'breakout-close':
        if (this.#status === 'closing') return;
        if (this.#status !== 'open') throw notOpen();
        return this.#startClosing();
      case 'breakout-broadcast': {
        if (this.#status !== 'open' && this.#status !== 'closing') throw notOpen();
        for (const person of this.main.present()) {
          if (person.breakoutRoomId !== null)
            person.socket?.send({ type: 'breakout-broadcast', from: member.displayName, text: frame.text });
        }
        return;
      }
    }
  }

  #configure(frame: FrameOf<'breakout-configure'>): undefined {
    if (this.#status === 'open' || this.#status === 'closing') {
      throw new AppError('BREAKOUTS_ALREADY_OPEN', 'Close the breakout rooms before setting them up again.');
    }
    const present = new Map(this.main.present().map((member) => [member.id, member]));
    const rooms: Room[] = [];
    const assigned = new Map<string, string>();
    for (const wanted of frame.rooms) {
      if (wanted.id !== undefined) {
        if (!this.#rooms.some((room) => room.id === wanted.id)) throw roomNotFound();
        if (rooms.some((room) => room.id === wanted.id))
          throw new AppError('VALIDATION_FAILED', 'Each room can be listed once.');
      }
      const room: Room = { id: wanted.id ?? nextId(this.ctx.clock()), name: wanted.name, live: undefined };
      rooms.push(room);
      for (const participantId of wanted.participantIds) {
        if (!present.has(participantId))
          throw new AppError('PARTICIPANT_NOT_FOUND', 'That person is not in the meeting.');
        if (assigned.has(participantId))
          throw new AppError('VALIDATION_FAILED', 'Someone is assigned to two rooms.');
        assigned.set(participantId, room.id);
      }
    }
    // Hosts and co-hosts stay free to go around the rooms, unless assigned by name.
    const others = [...present.values()].filter((member) => !canHost(member)).map((member) => member.id);
    this.#rooms = rooms;
    this.#assigned =
      frame.assignment === 'auto'
        ? assignEvenly(
            rooms.map((room) => room.id),
            assigned,
            others,
          )
        : assigned;
    const { assignment, autoMove, timerMinutes, closeCountdownSeconds } = frame;
    this.#settings = { assignment, autoMove, timerMinutes, closeCountdownSeconds };
    this.#status = 'configured';
    this.#help = [];
    this.#share();
    this.logger.info({ rooms: rooms.length, assignment }, 'breakout rooms set up');
    return undefined;
  }

  async #assign(participantId: string, roomId: string | null): Promise<undefined> {
    if (this.#status === 'idle') throw notConfigured();
    const person = this.main.present().find((member) => member.id === participantId);
    if (!person) throw new AppError('PARTICIPANT_NOT_FOUND', 'That person is not in the meeting.');
    const room = roomId === null ? null : this.#room(roomId);
    if (room) this.#assigned.set(person.id, room.id);
    else this.#assigned.delete(person.id);
    // Someone in a breakout room goes to the new one at once; from the main room only with autoMove.
    if (this.#status === 'open' && (person.breakoutRoomId !== null || (room && this.#settings.autoMove))) {
      await this.#move(person, room);
    }
    this.#share();
    return undefined;
  }

  async #rename(roomId: string, name: string): Promise<undefined> {
    if (this.#status === 'idle') throw notConfigured();
    const room = this.#room(roomId);
    room.name = name;
    if (room.live) {
      room.live.retitle(name);
      await this.ctx.database.db
        .updateTable('meetings')
        .set({ title: name })
        .where('id', '=', room.live.id)
        .execute();
    }
    this.#share();
    return undefined;
  }

  async #open(): Promise<undefined> {
    if (this.#status === 'idle') throw notConfigured();
    if (this.#status !== 'configured')
      throw new AppError('BREAKOUTS_ALREADY_OPEN', 'The breakout rooms are open.');
    const now = this.ctx.clock();
    const rows: MeetingRow[] = this.#rooms.map((room) => {
      const id = nextId(now);
      return {
        id,
        // Unique like every meeting's, but no meeting id or link: only the main room lets people in.
        code: `breakout-${id}`,
        join_token: `breakout-${id}`,
        title: room.name,
        passcode: null,
        owner_id: this.meeting.owner_id,
        parent_id: this.meeting.id,
        waiting_room: 0,
        allow_guests: this.meeting.allow_guests,
        scheduled_for: null,
        duration_minutes: null,
        created_at: now,
        started_at: now,
        ended_at: null,
        host_node: null,
        host_lease_until: null,
      };
    });
    await this.ctx.database.db.insertInto('meetings').values(rows).execute();
    this.#rooms.forEach((room, index) => {
      room.live = this.main.open(rows[index] as MeetingRow, room.id);
    });
    const { timerMinutes, autoMove } = this.#settings;
    this.#status = 'open';
    this.#openedAt = now;
    this.#endsAt = timerMinutes === null ? null : now + timerMinutes * 60_000;
    if (this.#endsAt !== null) this.#schedule(this.#endsAt - now, () => this.#startClosing());
    this.#share();
    this.logger.info({ rooms: this.#rooms.length, timerMinutes }, 'breakout rooms opened');
    if (!autoMove) return;
    for (const member of this.main.present()) {
      const room = this.#rooms.find((r) => r.id === this.#assigned.get(member.id));
      if (room && member.breakoutRoomId === null) await this.#move(member, room);
    }
    this.#share();
    return undefined;
  }

  /** The countdown before everyone returns (by the host, or the timer ran out). */
  async #startClosing(): Promise<undefined> {
    if (this.#status !== 'open') return;
    const countdownMs = this.#settings.closeCountdownSeconds * 1000;
    this.#status = 'closing';
    this.#closesAt = this.ctx.clock() + countdownMs;
    this.logger.info({ countdownMs }, 'breakout rooms closing');
    if (countdownMs === 0) return this.#finishClosing();
    this.#schedule(countdownMs, () => this.#finishClosing());
    this.#share();
    return undefined;
  }

  /** Everyone back to the main room; the rooms end, and can be opened again as they are. */
  async #finishClosing(): Promise<undefined> {
    if (this.#status !== 'closing') return;
    clearTimeout(this.#timer);
    this.#status = 'configured';
    this.#openedAt = null;
    this.#endsAt = null;
    this.#closesAt = null;
    this.#help = [];
    for (const member of this.main.present()) {
      if (member.breakoutRoomId !== null) await this.#move(member, null);
    }
    await this.#endRooms();
    this.#share();
    this.logger.info('breakout rooms closed');
    return undefined;
  }

  async #join(member: Member, roomId: string): Promise<undefined> {
    if (this.#status !== 'open') throw notOpen();
    const room = this.#room(roomId);
    if (canHost(member)) {
      // A host is on the way: the room's requests for help are answered.
      this.#help = this.#help.filter((request) => request.roomId !== room.id);
    } else if (this.#settings.assignment === 'choose') {
      this.#assigned.set(member.id, room.id);
    } else if (this.#assigned.get(member.id) !== room.id) {
      throw new AppError('BREAKOUT_NOT_ASSIGNED', 'You can only join the room the host assigned you to.');
    }
    await this.#move(member, room);
    this.#share();
    return undefined;
  }

  #askForHelp(member: Member): undefined {
    const roomId = member.breakoutRoomId;
    if (roomId === null) throw notInRoom();
    // Asked already: the hosts know until one of them comes.
    if (this.#help.some((request) => request.participantId === member.id)) return;
    const { id: participantId, displayName } = member;
    this.#help.push({ participantId, displayName, roomId, at: new Date(this.ctx.clock()).toISOString() });
    for (const person of this.main.present()) {
      if (canHost(person)) person.socket?.send({ type: 'breakout-help', participantId, displayName, roomId });
    }
    this.#share();
    return undefined;
  }

  /** Takes someone out of the room they are in and into `room` (null: the main room). */
  async #move(member: Member, room: Room | null): Promise<void> {
    const from = this.roomOf(member) ?? this.main.room;
    const to = room === null ? this.main.room : room.live;
    if (!to) throw notOpen();
    if (from === to) return;
    member.breakoutRoomId = room?.id ?? null;
    from.moveOut(member, 'moved');
    member.socket?.send({ type: 'breakout-moved', room: room && { id: room.id, name: room.name } });
    this.sendState(member);
    await to.enter(member);
    this.logger.info({ participantId: member.id, breakoutRoomId: room?.id ?? null }, 'participant moved');
  }

  async #endRooms(): Promise<void> {
    const live = this.#rooms.flatMap((room) => (room.live ? [room.live] : []));
    for (const room of this.#rooms) room.live = undefined;
    await Promise.allSettled(live.map((room) => room.end(null)));
  }

  #schedule(delayMs: number, work: () => Promise<unknown>): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#serial(work).catch((error: unknown) =>
        this.logger.error({ err: error }, 'breakout rooms did not close'),
      );
    }, delayMs);
    this.#timer.unref();
  }

  #room(roomId: string): Room {
    const room = this.#rooms.find((r) => r.id === roomId);
    if (!room) throw roomNotFound();
    return room;
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(work);
    this.#queue = result.catch(() => {});
    return result;
  }

  /** Sends everyone in the meeting the state as they may see it. */
  #share(): void {
    if (this.#status === 'idle') return;
    const present = this.main.present();
    const view = breakoutViews(this.#snapshot(this.#status), present);
    for (const member of present) member.socket?.send({ type: 'breakouts', state: view(member) });
  }

  #snapshot(status: BreakoutState['status']): BreakoutSnapshot {
    return {
      status,
      settings: this.#settings,
      rooms: this.#rooms,
      assigned: this.#assigned,
      help: this.#help,
      openedAt: this.#openedAt,
      endsAt: this.#endsAt,
      closesAt: this.#closesAt,
    };
  }
}

function roomNotFound(): AppError {
  return new AppError('BREAKOUT_ROOM_NOT_FOUND', 'There is no such breakout room.');
}
