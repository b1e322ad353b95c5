import {
  type MeetingClientFrame,
  type MeetingRole,
  type MeetingServerFrame,
  meetingCloseCodes,
  meetingLimits,
  type RoomState,
  type WaitingPerson,
} from '@parley/protocol';
import type { Logger } from 'pino';
import { enforceRateLimit } from '../accounts/rate-limits.ts';
import { isCallRoom } from '../calls/call-room.ts';
import { leftCallRoom } from '../calls/calls.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { RoomMedia } from '../media/room-media.ts';
import { RoomMediaSlot } from '../media/room-media-slot.ts';
import { RoomRecording } from '../recording/room-recording.ts';
import { type BreakoutPlace, Breakouts, inBreakoutRoom, isBreakoutFrame } from './breakouts.ts';
import { chatHistory, storeChatMessage } from './chat.ts';
import { recordMeetingEnd } from './meeting-end.ts';
import { MeetingTally } from './meeting-tally.ts';
import { joinUrl, type MeetingRow } from './meetings.ts';
import { type Arrival, type MeetingSocket, type Member, toParticipant, toWaitingPerson } from './members.ts';
import { PeerConnections } from './peer-connections.ts';

type HostFrame = Extract<
  MeetingClientFrame,
  {
    type:
      | 'admit'
      | 'deny'
      | 'mute'
      | 'ask-unmute'
      | 'stop-video'
      | 'remove'
      | 'lower-hand'
      | 'lock'
      | 'multi-share'
      | 'rename'
      | 'set-role'
      | 'make-host'
      | 'end'
      | 'record';
  }
>;

const hostOnly = new Set<MeetingClientFrame['type']>(['set-role', 'make-host', 'end']);

/**
 * A live meeting on this node: who is in it and in its waiting room, their roles and media state,
 * and the host controls. State changes are synchronous and broadcast at once; media goes through
 * RoomMedia, the chat and attendance to the database.
 */
export class MeetingRoom {
  readonly id: string;
  readonly #members = new Map<string, Member>();
  #locked = false;
  #multiShare = false;
  #startedAt: number;
  #ended = false;
  /** The server is stopping: sockets close, but nobody leaves. */
  #stopping = false;
  readonly #media: RoomMediaSlot;
  #activeSpeaker: string | null = null;
  readonly #tally: MeetingTally;
  readonly #qualityTimer: NodeJS.Timeout;
  readonly #recording: RoomRecording;
  /** The main room's breakout rooms; none in a breakout room. */
  readonly #breakouts: Breakouts | undefined;
  readonly #breakout: BreakoutPlace | undefined;

  constructor(
    private readonly ctx: AppContext,
    private readonly meeting: MeetingRow,
    private readonly logger: Logger,
    private readonly onEnded: (room: MeetingRoom) => void,
    breakout?: BreakoutPlace,
  ) {
    this.id = meeting.id;
    this.#breakout = breakout;
    this.#breakouts = breakout
      ? undefined
      : new Breakouts(ctx, meeting, logger, {
          room: this,
          present: () => this.#present(),
          open: (row, roomId) =>
            new MeetingRoom(ctx, row, logger.child({ breakoutRoomId: roomId }), () => {}, {
              roomId,
              main: meeting,
              waiting: () => this.#waitingList(),
            }),
        });
    this.#startedAt = meeting.started_at ?? ctx.clock();
    this.#tally = new MeetingTally(this.#startedAt);
    this.#media = new RoomMediaSlot(
      ctx,
      meeting.id,
      {
        offer: (participantId, sdp, tracks) => {
          if (this.#recording.owns(participantId)) this.#recording.offer(sdp, tracks);
          else {
            const member = this.#members.get(participantId);
            // One made as they moved to another room would land on that room's new connection.
            if (member && this.#inRoom(member)) member.socket?.send({ type: 'subscribe-offer', sdp, tracks });
          }
        },
        activeSpeaker: (participantId) => {
          if (this.#activeSpeaker === participantId) return;
          this.#activeSpeaker = participantId;
          this.#broadcast({ type: 'active-speaker', participantId });
          this.#recording.speaker(participantId);
        },
        lost: () => this.#mediaLost(),
      },
      logger,
    );
    this.#qualityTimer = setInterval(() => void this.#broadcastQuality(), 2000);
    this.#qualityTimer.unref();
    this.#recording = new RoomRecording(
      ctx,
      {
        id: meeting.id,
        title: meeting.title,
        media: () => this.#mediaFor(),
        mediaIfAny: () => this.#mediaIfAny(),
        displayName: (participantId) => this.#members.get(participantId)?.displayName ?? 'Participant',
        changed: () => this.#broadcast({ type: 'room-updated', room: this.#roomState() }),
      },
      logger,
    );
    // A recording that was running when this meeting's node went away goes on.
    void this.#recording
      .restore()
      .catch((error: unknown) => logger.error({ err: error }, 'recording not continued'));
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Whether a new person may come in now (the owner always may); throws the reason if not. */
  assertCanEnter(isOwner: boolean): void {
    if (this.#ended) throw new AppError('MEETING_ENDED', 'This meeting has ended.');
    if (this.#locked && !isOwner) throw new AppError('MEETING_LOCKED', 'The host has locked this meeting.');
    if (this.#members.size >= this.ctx.config.limits.meetingParticipants) {
      throw new AppError('MEETING_FULL', 'This meeting is full.');
    }
  }

  /** A participant's socket opened: a return after a drop, or someone new (waiting room or straight in). */
  async connect(arrival: Arrival, socket: MeetingSocket): Promise<Member> {
    const existing = this.#members.get(arrival.participantId);
    if (existing) {
      const previous = existing.socket;
      existing.socket = socket;
      clearTimeout(existing.grace);
      existing.grace = undefined;
      previous?.close(meetingCloseCodes.replaced, 'connected again');
      if (existing.state === 'waiting') {
        socket.send({ type: 'waiting', title: this.meeting.title });
        return existing;
      }
      // Back where they were: the main room or a breakout room.
      this.#breakouts?.sendState(existing);
      await (this.#breakouts?.roomOf(existing) ?? this).resume(existing);
      return existing;
    }

    const isOwner = arrival.userId !== null && arrival.userId === this.meeting.owner_id;
    this.assertCanEnter(isOwner);
    const now = this.ctx.clock();
    const member: Member = {
      id: arrival.participantId,
      userId: arrival.userId,
      guestKey: arrival.guestKey,
      displayName: arrival.displayName,
      role: 'participant',
      state: 'waiting',
      audioOn: false,
      videoOn: false,
      screenOn: false,
      handRaisedAt: null,
      joinedAt: now,
      waitingSince: now,
      socket,
      breakoutRoomId: null,
      connections: new PeerConnections(),
      grace: undefined,
    };
    this.#members.set(member.id, member);
    if (this.meeting.waiting_room !== 1 || isOwner || arrival.admittedBefore) {
      await this.#admit(member);
    } else {
      socket.send({ type: 'waiting', title: this.meeting.title });
      this.#broadcastWaiting();
      this.logger.info({ participantId: member.id }, 'participant waiting');
    }
    return member;
  }

  /** The socket closed without `leave`: keep them as reconnecting for a while. */
  disconnected(member: Member, socket: MeetingSocket): void {
    if (this.#stopping || member.socket !== socket || this.#members.get(member.id) !== member) return;
    member.socket = null;
    if (member.state === 'waiting') {
      this.#drop(member, 'disconnected');
      return;
    }
    this.#broadcastMember(member);
    this.logger.info({ participantId: member.id }, 'participant connection lost');
    member.grace = setTimeout(() => {
      if (member.socket === null) void this.#leave(member, 'disconnected');
    }, meetingLimits.reconnectGraceSeconds * 1000);
    member.grace.unref();
  }

  /** Handles one frame of a participant; the result goes into the `ok` answer. */
  async handle(member: Member, frame: MeetingClientFrame): Promise<{ sdp: string } | undefined> {
    if (this.#members.get(member.id) !== member)
      throw new AppError('NOT_ADMITTED', 'You are no longer in this meeting.');
    if (frame.type === 'ping') return;
    if (frame.type === 'leave') {
      await this.#leave(member, 'left');
      return;
    }
    if (member.state !== 'joined') throw new AppError('NOT_ADMITTED', 'Wait until the host lets you in.');
    if (isBreakoutFrame(frame)) {
      if (!this.#breakouts) throw new AppError('NOT_FOUND', 'Breakout rooms are run from the main room.');
      return this.#breakouts.handle(member, frame);
    }
    const breakoutRoom = this.#breakouts?.roomOf(member);
    if (breakoutRoom && inBreakoutRoom(frame)) return breakoutRoom.handle(member, frame);
    switch (frame.type) {
      case 'publish':
        return this.#publish(member, frame);
      case 'subscribe-answer':
        member.connections.check(frame.sdp);
        return void (await (await this.#mediaFor()).answer(member.id, frame.sdp));
      case 'restart-ice':
        return void (await (await this.#mediaFor()).restartIce(member.id));
      case 'view':
        return void (await (await this.#mediaFor()).setView(member.id, frame.tiles));
      case 'set-media':
        return this.#setMedia(member, frame.source, frame.on);
      case 'hand':
        member.handRaisedAt = frame.raised ? (member.handRaisedAt ?? this.ctx.clock()) : null;
        this.#broadcastMember(member);
        return;
      case 'react':
        this.#broadcast({ type: 'reaction', participantId: member.id, emoji: frame.emoji });
        return;
      case 'chat':
        return this.#chat(member, frame);
      default:
        return this.#hostControl(member, frame);
    }
  }

  /** The host ends the meeting, or the last person left: everyone is told and disconnected. */
  async end(by: Member | null): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    clearInterval(this.#qualityTimer);
    const now = this.ctx.clock();
    this.#tally.change(now, 0);
    // A breakout room's people belong to the main meeting, which tells them.
    for (const member of this.#breakout ? [] : this.#members.values()) {
      clearTimeout(member.grace);
      member.socket?.send({ type: 'ended', by: by?.displayName ?? null });
      // The host's own socket closes after the answer to their `end` (see meeting-socket.ts).
      if (member !== by) member.socket?.close(meetingCloseCodes.ended, 'meeting ended');
    }
    this.#members.clear();
    await this.#breakouts?.end();
    await this.#recording
      .end()
      .catch((error: unknown) => this.logger.error({ err: error }, 'recording not stopped'));
    await this.#media.close();
    try {
      const summary = this.#tally.summary(now);
      await recordMeetingEnd(this.ctx, this.id, now, summary, this.logger, this.#breakout !== undefined);
    } catch (error) {
      this.logger.error({ err: error }, 'meeting end not recorded');
    } finally {
      // Only now: until ended_at is stored, a new arrival must find this (ended) room, not open another.
      this.onEnded(this);
    }
  }

  /** Server shutdown: sockets go, the meeting stays open for everyone to return to. */
  async shutdown(): Promise<void> {
    this.#stopping = true;
    clearInterval(this.#qualityTimer);
    for (const member of this.#members.values()) {
      clearTimeout(member.grace);
      member.socket?.close(1001, 'server stopping');
    }
    await this.#recording.suspend().catch(() => {});
    // Breakout rooms live in memory only: they end, and everyone comes back to the main room.
    await this.#breakouts?.end();
    await this.#media.close();
  }

  /** Someone moves in from another room of this meeting (breakout rooms): same socket, no waiting room. */
  async enter(member: Member): Promise<void> {
    this.#members.set(member.id, member);
    this.#tally.change(this.ctx.clock(), this.#present().length);
    member.screenOn = false;
    (await this.#mediaIfAny())?.removePeer(member.id);
    await this.#sendJoined(member);
    // They left again (or dropped out of the meeting) while their history loaded.
    if (!this.#inRoom(member) || this.#members.get(member.id) !== member) return;
    this.#broadcast({ type: 'participant-joined', participant: toParticipant(member) }, member.id);
    this.#addToMedia(member);
  }

  /**
   * Someone leaves for another room of this meeting (their breakoutRoomId already says which),
   * or leaves the meeting from a breakout room; their socket stays the main room's.
   */
  moveOut(member: Member, reason: 'moved' | 'left' | 'removed' | 'disconnected'): void {
    member.connections.leave();
    if (this.#breakout) {
      this.#members.delete(member.id);
      this.#tally.change(this.ctx.clock(), this.#present().length);
    }
    void this.#mediaIfAny().then((media) => media?.removePeer(member.id));
    if (this.#activeSpeaker === member.id) this.#activeSpeaker = null;
    this.#broadcast({ type: 'participant-left', participantId: member.id, reason });
  }

  /** Someone reconnected: the client builds new peer connections; the old ones go. */
  async resume(member: Member): Promise<void> {
    (await this.#mediaIfAny())?.removePeer(member.id);
    member.screenOn = false;
    await this.#sendJoined(member);
    this.#broadcastMember(member);
    this.#addToMedia(member);
  }

  /** Tells the room that one of its people changed (their connection, role, name). */
  memberChanged(member: Member): void {
    this.#broadcastMember(member);
  }

  /** A breakout room was renamed. */
  retitle(title: string): void {
    this.meeting.title = title;
    this.#broadcast({ type: 'room-updated', room: this.#roomState() });
  }

  async #admit(member: Member): Promise<void> {
    const now = this.ctx.clock();
    member.state = 'joined';
    member.joinedAt = now;
    const joined = this.#present();
    if (member.userId !== null && member.userId === this.meeting.owner_id) {
      // The owner always gets the host role back; whoever held it meanwhile becomes a co-host.
      for (const other of joined) if (other.role === 'host' && other !== member) other.role = 'cohost';
      member.role = 'host';
      for (const other of joined)
        if (other.role === 'cohost' && other !== member) this.#broadcastMember(other);
    }
    if (this.meeting.started_at === null) {
      this.meeting.started_at = now;
      this.#startedAt = now;
      await this.ctx.database.db
        .updateTable('meetings')
        .set({ started_at: now })
        .where('id', '=', this.id)
        .where('started_at', 'is', null)
        .execute();
    }
    await this.ctx.database.db
      .updateTable('meeting_participants')
      .set({ joined_at: now, left_at: null })
      .where('id', '=', member.id)
      .execute();
    this.#tally.change(now, joined.length);
    this.ctx.metrics.meetingParticipants.inc();
    this.#breakouts?.changed();
    await this.#sendJoined(member);
    this.#broadcast({ type: 'participant-joined', participant: toParticipant(member) }, member.id);
    this.#broadcastWaiting();
    this.#addToMedia(member);
    this.logger.info({ participantId: member.id, role: member.role }, 'participant joined');
  }

  /** Starts forwarding the meeting's audio to a participant who just entered (or came back). */
  #addToMedia(member: Member): void {
    this.#mediaFor()
      .then((media) => media.addPeer(member.id))
      .catch((error: unknown) =>
        this.logger.warn({ err: error, participantId: member.id }, 'media not set up'),
      );
  }

  async #sendJoined(member: Member): Promise<void> {
    const chat = await chatHistory(this.ctx, this.id, member.id);
    member.socket?.send({
      type: 'joined',
      participantId: member.id,
      room: this.#roomState(),
      participants: this.#joined().map(toParticipant),
      waiting: this.#canHost(member) ? (this.#breakout?.waiting() ?? this.#waitingList()) : [],
      chat,
      iceServers: this.ctx.config.media.iceServers,
      activeSpeaker: this.#activeSpeaker,
    });
  }

  async #leave(member: Member, reason: 'left' | 'removed' | 'disconnected'): Promise<void> {
    if (this.#members.get(member.id) !== member) return;
    const wasJoined = member.state === 'joined';
    this.#drop(member, reason);
    if (!wasJoined) return;
    const now = this.ctx.clock();
    await this.ctx.database.db
      .updateTable('meeting_participants')
      .set({ left_at: now, ...(reason === 'removed' ? { removed_at: now } : {}) })
      .where('id', '=', member.id)
      .execute();
    const remaining = this.#present();
    if (remaining.length === 0) {
      await this.end(null);
      return;
    }
    if (member.role === 'host' && !remaining.some((m) => m.role === 'host')) {
      // Host passes to a co-host, else to whoever has been here longest, signed-in people first.
      const heir =
        remaining.find((m) => m.role === 'cohost') ??
        remaining.find((m) => m.userId !== null) ??
        remaining[0];
      if (heir) this.#setRole(heir, 'host', null);
    }
    // The call this room carries hears of it: a group call's roster changes, a direct call ends.
    // Not while the same person is still here on another device (or after a reload).
    const stillHere = remaining.some((other) => other.userId === member.userId);
    if (member.userId !== null && !stillHere && isCallRoom(this.meeting)) {
      await leftCallRoom(this.ctx, this.id, member.userId).catch((error: unknown) => {
        this.logger.warn({ err: error, participantId: member.id }, 'call not told of a departure');
      });
    }
  }

  /** Takes the member out of the room and tells everyone; the caller records it. */
  #drop(member: Member, reason: 'left' | 'removed' | 'disconnected'): void {
    clearTimeout(member.grace);
    this.#members.delete(member.id);
    if (member.state === 'waiting') {
      this.#broadcastWaiting();
      return;
    }
    this.#tally.change(this.ctx.clock(), this.#present().length);
    this.ctx.metrics.meetingParticipants.dec();
    this.#breakouts?.departed(member, reason);
    void this.#mediaIfAny().then((media) => media?.removePeer(member.id));
    if (this.#activeSpeaker === member.id) this.#activeSpeaker = null;
    this.#broadcast({ type: 'participant-left', participantId: member.id, reason });
    this.logger.info({ participantId: member.id, reason }, 'participant left');
  }

  async #publish(
    member: Member,
    frame: Extract<MeetingClientFrame, { type: 'publish' }>,
  ): Promise<{ sdp: string }> {
    const sources = new Set(frame.tracks.map((t) => t.source));
    if (sources.size !== frame.tracks.length) {
      throw new AppError('VALIDATION_FAILED', 'Each source can be published once.');
    }
    member.connections.check(frame.sdp);
    if (sources.has('screen') && !member.screenOn) this.#assertCanShare(member);
    const media = await this.#mediaFor();
    const sdp = await media.publish(member.id, frame.sdp, frame.tracks);
    const sent = (source: string) => frame.tracks.some((t) => t.source === source && !t.paused);
    const next = { audioOn: sent('mic'), videoOn: sent('camera'), screenOn: sources.has('screen') };
    if (
      next.audioOn !== member.audioOn ||
      next.videoOn !== member.videoOn ||
      next.screenOn !== member.screenOn
    ) {
      Object.assign(member, next);
      this.#broadcastMember(member);
    }
    return { sdp };
  }

  async #setMedia(member: Member, source: 'mic' | 'camera' | 'screen', on: boolean): Promise<undefined> {
    if (source === 'screen' && on) this.#assertCanShare(member);
    const media = await this.#mediaFor();
    await media.setPaused(member.id, source, !on);
    const key = source === 'mic' ? 'audioOn' : source === 'camera' ? 'videoOn' : 'screenOn';
    if (member[key] !== on) {
      member[key] = on;
      this.#broadcastMember(member);
    }
    return undefined;
  }

  #assertCanShare(member: Member): void {
    if (this.#multiShare) return;
    const sharing = this.#joined().find((m) => m.screenOn && m !== member);
    if (sharing) {
      throw new AppError(
        'SCREEN_SHARE_TAKEN',
        `${sharing.displayName} is sharing their screen. Only one can share at a time.`,
      );
    }
  }

  async #chat(member: Member, frame: Extract<MeetingClientFrame, { type: 'chat' }>): Promise<undefined> {
    await enforceRateLimit(this.ctx, `meeting-chat:${member.id}`, 30, 60);
    const to = frame.to === undefined ? null : this.#target(frame.to);
    if (to === member) throw new AppError('VALIDATION_FAILED', 'Send private messages to someone else.');
    const message = await storeChatMessage(
      this.ctx,
      this.id,
      { participantId: member.id, displayName: member.displayName },
      to && { participantId: to.id, displayName: to.displayName },
      frame.text,
      frame.fileId,
      this.#breakout?.main.id,
    );
    if (to) {
      member.socket?.send({ type: 'chat', message });
      to.socket?.send({ type: 'chat', message });
    } else {
      this.#broadcast({ type: 'chat', message });
    }
    return undefined;
  }

  async #hostControl(member: Member, frame: HostFrame): Promise<undefined> {
    const selfRename = frame.type === 'rename' && frame.participantId === member.id;
    if (!selfRename) {
      if (!this.#canHost(member) || (hostOnly.has(frame.type) && member.role !== 'host')) {
        throw new AppError(
          'NOT_MEETING_HOST',
          hostOnly.has(frame.type) ? 'Only the host can do that.' : 'Only the host and co-hosts can do that.',
        );
      }
    }
    const by = member.displayName;
    switch (frame.type) {
      case 'admit': {
        const waiting = frame.participantId
          ? [this.#waitingMember(frame.participantId)]
          : [...this.#members.values()].filter((m) => m.state === 'waiting');
        for (const person of waiting) await this.#admit(person);
        return;
      }
      case 'deny': {
        const person = this.#waitingMember(frame.participantId);
        this.#drop(person, 'left');
        person.socket?.send({ type: 'denied' });
        person.socket?.close(meetingCloseCodes.denied, 'denied');
        return;
      }
      case 'mute': {
        const targets = frame.participantId
          ? [this.#target(frame.participantId, member)]
          : this.#joined().filter((m) => m !== member && !this.#canHost(m));
        for (const target of targets) {
          if (!target.audioOn) continue;
          await this.#setMedia(target, 'mic', false);
          target.socket?.send({ type: 'notice', kind: 'muted', by });
        }
        return;
      }
      case 'ask-unmute': {
        const target = this.#target(frame.participantId, member);
        target.socket?.send({ type: 'notice', kind: 'ask-unmute', by });
        return;
      }
      case 'stop-video': {
        const target = this.#target(frame.participantId, member);
        if (target.videoOn) await this.#setMedia(target, 'camera', false);
        target.socket?.send({ type: 'notice', kind: 'video-stopped', by });
        return;
      }
      case 'remove': {
        const target = this.#target(frame.participantId, member, true);
        if (target === member) throw new AppError('VALIDATION_FAILED', 'Use leave to leave the meeting.');
        const socket = target.socket;
        await this.#leave(target, 'removed');
        socket?.send({ type: 'removed', by });
        socket?.close(meetingCloseCodes.removed, 'removed');
        return;
      }
      case 'lower-hand': {
        const target = this.#target(frame.participantId);
        target.handRaisedAt = null;
        this.#broadcastMember(target);
        target.socket?.send({ type: 'notice', kind: 'hand-lowered', by });
        return;
      }
      case 'lock':
        this.#locked = frame.locked;
        this.#broadcast({ type: 'room-updated', room: this.#roomState() });
        return;
      case 'multi-share':
        this.#multiShare = frame.allowed;
        this.#broadcast({ type: 'room-updated', room: this.#roomState() });
        return;
      case 'rename': {
        const target = this.#target(frame.participantId, member);
        target.displayName = frame.name;
        await this.ctx.database.db
          .updateTable('meeting_participants')
          .set({ display_name: frame.name })
          .where('id', '=', target.id)
          .execute();
        this.#broadcastMember(target);
        if (target !== member) target.socket?.send({ type: 'notice', kind: 'renamed', by });
        this.#breakouts?.changed();
        return;
      }
      case 'set-role': {
        const target = this.#target(frame.participantId, member, true);
        if (target === member)
          throw new AppError('VALIDATION_FAILED', 'Pass the host role on with make-host.');
        this.#setRole(target, frame.role, member);
        return;
      }
      case 'make-host': {
        const target = this.#target(frame.participantId, member, true);
        if (target === member) return;
        this.#setRole(target, 'host', member);
        this.#setRole(member, 'cohost', null);
        return;
      }
      case 'end':
        await this.end(member);
        return;
      case 'record':
        await this.#recording.act(frame.action);
        return;
    }
  }

  #setRole(target: Member, role: MeetingRole, by: Member | null): void {
    if (target.role === role) return;
    const couldHost = this.#canHost(target);
    target.role = role;
    this.#broadcastMember(target);
    target.socket?.send({ type: 'notice', kind: 'role-changed', by: by?.displayName ?? 'Parley' });
    if (!couldHost && this.#canHost(target))
      target.socket?.send({ type: 'waiting-room', waiting: this.#waitingList() });
    this.#breakouts?.changed();
  }

  /**
   * A joined participant another may act on, in this room or (`anywhere`: removing, roles) in any
   * room of the meeting; co-hosts cannot act on the host.
   */
  #target(participantId: string, actor?: Member, anywhere = false): Member {
    const target = this.#members.get(participantId);
    if (!target || !(anywhere ? target.state === 'joined' : this.#inRoom(target))) {
      throw new AppError('PARTICIPANT_NOT_FOUND', 'That person is not in the meeting.');
    }
    if (actor && actor !== target && target.role === 'host' && actor.role !== 'host') {
      throw new AppError('NOT_MEETING_HOST', 'Co-hosts cannot do that to the host.');
    }
    return target;
  }

  #waitingMember(participantId: string): Member {
    const person = this.#members.get(participantId);
    if (person?.state !== 'waiting') {
      throw new AppError('PARTICIPANT_NOT_FOUND', 'That person is not in the waiting room.');
    }
    return person;
  }

  #canHost(member: Member): boolean {
    return member.role === 'host' || member.role === 'cohost';
  }

  /** The people in this room (not in the waiting room, not in a breakout room). */
  #joined(): Member[] {
    return [...this.#members.values()].filter((m) => this.#inRoom(m));
  }

  /** Everyone in the meeting: in this room or, for the main room, in a breakout room. */
  #present(): Member[] {
    return [...this.#members.values()].filter((m) => m.state === 'joined');
  }

  #inRoom(member: Member): boolean {
    return member.state === 'joined' && member.breakoutRoomId === (this.#breakout?.roomId ?? null);
  }

  #waitingList(): WaitingPerson[] {
    return [...this.#members.values()].filter((m) => m.state === 'waiting').map(toWaitingPerson);
  }

  #roomState(): RoomState {
    return {
      meetingId: this.id,
      // A breakout room passes on its main meeting's id and link.
      code: (this.#breakout?.main ?? this.meeting).code,
      title: this.meeting.title,
      locked: this.#locked,
      multiShare: this.#multiShare,
      joinUrl: joinUrl(this.ctx, this.#breakout?.main ?? this.meeting),
      startedAt: new Date(this.#startedAt).toISOString(),
      recording: this.#recording.state,
    };
  }

  #broadcast(frame: MeetingServerFrame, exceptId?: string): void {
    for (const member of this.#members.values()) {
      if (this.#inRoom(member) && member.id !== exceptId) member.socket?.send(frame);
    }
  }

  #broadcastMember(member: Member): void {
    const breakoutRoom = this.#breakouts?.roomOf(member);
    if (breakoutRoom) breakoutRoom.memberChanged(member);
    else if (this.#inRoom(member))
      this.#broadcast({ type: 'participant-updated', participant: toParticipant(member) });
  }

  #broadcastWaiting(): void {
    const frame: MeetingServerFrame = { type: 'waiting-room', waiting: this.#waitingList() };
    for (const member of this.#present()) if (this.#canHost(member)) member.socket?.send(frame);
  }

  #mediaFor(): Promise<RoomMedia> {
    if (this.#ended) return Promise.reject(new AppError('MEETING_ENDED', 'This meeting has ended.'));
    return this.#media.get();
  }

  #mediaIfAny(): Promise<RoomMedia | undefined> {
    return this.#media.current();
  }

  /** The worker died: a new router comes with the next media request; everyone publishes again. */
  #mediaLost(): void {
    this.logger.warn('media worker lost; participants reconnect their media');
    this.#recording.mediaLost();
    for (const member of this.#joined()) {
      member.screenOn = false;
      member.socket?.send({ type: 'media-reset' });
      this.#addToMedia(member);
    }
  }

  async #broadcastQuality(): Promise<void> {
    const media = await this.#mediaIfAny();
    if (!media || media.closed || this.#ended) return;
    this.#broadcast({ type: 'network-quality', quality: media.quality() });
  }
}
