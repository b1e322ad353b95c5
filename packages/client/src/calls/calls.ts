import type { Call, CallConnection, CallMedia, CallSignal, PublicUser } from '@parley/protocol';
import type { ApiClient } from '../api-client.ts';
import { ApiError } from '../api-error.ts';
import type { Clock } from '../clock.ts';
import { Emitter } from '../emitter.ts';
import type { Gateway } from '../gateway/gateway.ts';
import type { Logger } from '../logger.ts';
import type { RtcEnvironment } from '../meetings/rtc-environment.ts';
import { NamedTimers } from '../named-timers.ts';
import { deviceErrorMessage, type OpenedDevices, openDevices } from './call-devices.ts';
import { localStreamOf, newSession, type Session, viewOf } from './call-session.ts';
import type { CallsApi, CallView } from './call-types.ts';
import { PeerLink, type PeerLinkState } from './peer-link.ts';
import { setPeerCamera, setPeerMic, setPeerScreen, switchPeerDevice } from './peer-media.ts';
import { type CallRoom, type CallRoomOptions, RoomViewMapper } from './room-link.ts';

export interface CallTiming {
  /** How long the `ended` phase stays on screen. */
  endedShownMs: number;
  /** How often the peer-to-peer connection's quality is sampled. */
  statsIntervalMs: number;
}

const defaultCallTiming: CallTiming = { endedShownMs: 2000, statsIntervalMs: 2000 };

export interface CallsOptions {
  gateway: Pick<Gateway, 'request' | 'on'>;
  api: Pick<ApiClient, 'activeCalls'>;
  rtc: RtcEnvironment;
  clock: Clock;
  logger: Logger;
  /** Makes the SFU room of a call (a MeetingRoom in the app; tests pass a fake). */
  createRoom(options: CallRoomOptions): CallRoom;
  /** The chat's members, for names (the Call names only its caller); none when left out. */
  membersOf?(chatId: string): Promise<PublicUser[]>;
  timing?: Partial<CallTiming>;
}

type TimerName = 'peer-to-peer' | 'ended' | 'stats';

/**
 * The calls of one signed-in device (`messenger.calls`): rings, answers and runs one call at a
 * time. A direct call starts peer-to-peer and moves to the call's SFU room when that does not
 * connect in time; a group call runs in its room from the start. Views read `current` and
 * `active` again on every `change`.
 */
export class Calls implements CallsApi {
  readonly #options: CallsOptions;
  readonly #timing: CallTiming;
  readonly #events = new Emitter<{ change: [] }>();
  readonly #timers: NamedTimers<TimerName>;
  readonly #mapper: RoomViewMapper;
  #active = new Map<string, Call>();
  #session: Session | null = null;
  #view: CallView | null = null;
  #userId: string | null = null;
  #deviceId: string | null = null;
  /** Calls this device saw end, or declined: a list read before that does not bring them back. */
  readonly #finished = new Set<string>();
  /** call-start, call-accept, call-join or call-relay requests under way. */
  #connecting = 0;
  /** A call being started or joined here (see #exclusively). */
  #placing = false;
  #waiting: Call | null = null;

  constructor(options: CallsOptions) {
    this.#options = options;
    this.#timing = { ...defaultCallTiming, ...options.timing };
    this.#timers = new NamedTimers(options.clock);
    this.#mapper = new RoomViewMapper(options.rtc);
    const { gateway } = options;
    gateway.on('ready', (identity) => {
      this.#userId = identity.userId;
      this.#deviceId = identity.deviceId;
    });
    gateway.on('state', (state) => {
      if (state.status === 'caught-up') void this.refreshActive();
    });
    gateway.on('call-incoming', (call) => this.#onIncoming(call));
    gateway.on('call-updated', (call) => this.#onUpdated(call));
    gateway.on('call-signal', ({ callId, signal }) => void this.#onSignal(callId, signal));
  }

  get current(): CallView | null {
    return this.#view;
  }

  get active(): ReadonlyMap<string, Call> {
    return this.#active;
  }

  get waiting(): Call | null {
    return this.#waiting;
  }

  on(event: 'change', listener: () => void): () => void {
    return this.#events.on(event, listener);
  }

  /** Reads the calls going on in my chats again (after connecting: live frames are never queued). */
  async refreshActive(): Promise<void> {
    const before = this.#session;
    try {
      const calls = await this.#options.api.activeCalls();
      this.#active = new Map(calls.map((call) => [call.chatId, call]));
      // Only a call this device had before asking: one that rang meanwhile may not be listed yet.
      if (before && this.#session === before) this.#catchUpCurrent(before, calls);
      for (const call of calls) this.#catchUp(call);
      this.#emit();
    } catch (error) {
      this.#options.logger.warn({ error }, 'active calls not fetched');
    }
  }

  start(chatId: string, media: CallMedia): Promise<void> {
    return this.#exclusively(async () => {
      const devices = await openDevices(this.#options.rtc, { audio: true, video: media === 'video' });
      let connection: CallConnection;
      try {
        connection = await this.#connect({ type: 'call-start', chatId, media });
      } catch (error) {
        for (const track of devices.tracks) track.stop();
        throw error;
      }
      const session = this.#newSession(connection.call, 'outgoing', devices);
      session.connection = connection;
      this.#replaceSession(session);
      this.#setActive(connection.call);
      if (connection.call.transport === 'sfu') this.#enterRoom(session, connection);
      this.#emit();
    });
  }

  async accept(options: { video: boolean }): Promise<void> {
    const session = this.#session;
    if (session?.phase !== 'incoming') throw ApiError.of('CALL_STATE', 'No call is ringing here.');
    let devices: OpenedDevices;
    try {
      devices = await openDevices(this.#options.rtc, { audio: true, video: options.video });
    } catch (error) {
      session.error = deviceErrorMessage(error);
      void this.#send({ type: 'call-decline', callId: session.call.id }).catch(() => {});
      this.#finish(session, 'declined');
      throw error;
    }
    if (session.closed) {
      for (const track of devices.tracks) track.stop();
      throw ApiError.of('CALL_STATE', 'This call has ended.');
    }
    Object.assign(session, devices.session);
    session.phase = 'connecting';
    this.#emit();
    let connection: CallConnection;
    try {
      connection = await this.#connect({ type: 'call-accept', callId: session.call.id });
    } catch (error) {
      // Most often answered on another device a moment before, or over: the server says which.
      session.error = error instanceof ApiError ? error.message : 'The call could not be answered.';
      this.#finish(session, session.endedReason ?? 'failed');
      throw error;
    }
    // Over meanwhile, or already moved to the SFU by the caller (call-updated came first).
    if (session.closed || session.room || session.movingToSfu) return;
    session.connection = connection;
    session.call = connection.call;
    if (connection.call.transport === 'sfu') this.#enterRoom(session, connection);
    else this.#startPeer(session, 'callee');
    this.#emit();
  }

  async decline(): Promise<void> {
    const session = this.#session;
    if (session?.phase !== 'incoming') return;
    this.#cleanUp(session);
    this.#finished.add(session.call.id);
    this.#noSession();
    this.#emit();
    await this.#send({ type: 'call-decline', callId: session.call.id });
  }

  async hangUp(): Promise<void> {
    const session = this.#session;
    if (!session || session.phase === 'ended') return;
    if (session.phase === 'incoming') return this.decline();
    const reason =
      session.phase === 'outgoing' ? 'cancelled' : session.connectedAt === null ? 'failed' : 'answered';
    this.#finish(session, reason);
    await this.#send({ type: 'call-end', callId: session.call.id });
  }

  join(callId: string): Promise<void> {
    return this.#exclusively(async () => {
      const known = [...this.#active.values()].find((call) => call.id === callId);
      const devices = await openDevices(this.#options.rtc, { audio: true, video: known?.media === 'video' });
      let connection: CallConnection;
      try {
        connection = await this.#connect({ type: 'call-join', callId });
      } catch (error) {
        for (const track of devices.tracks) track.stop();
        throw error;
      }
      const session = this.#newSession(connection.call, 'incoming', devices);
      session.phase = 'connecting';
      session.connection = connection;
      this.#replaceSession(session);
      this.#setActive(connection.call);
      this.#enterRoom(session, connection);
      this.#emit();
    });
  }

  async declineWaiting(): Promise<void> {
    const call = this.#waiting;
    if (!call) return;
    this.#waiting = null;
    this.#finished.add(call.id);
    this.#emit();
    await this.#send({ type: 'call-decline', callId: call.id });
  }

  async answerWaiting(options: { video: boolean }): Promise<void> {
    const call = this.#waiting;
    if (!call) throw ApiError.of('CALL_STATE', 'No other call is ringing.');
    this.#waiting = null;
    await this.hangUp();
    this.#replaceSession(this.#newSession(call, 'incoming', null));
    await this.accept(options);
  }

  async setMic(on: boolean): Promise<void> {
    const session = this.#live();
    if (session.room) return session.room.setMicrophone(on);
    this.#localChanged(session, setPeerMic(session, on));
  }

  async setCamera(on: boolean): Promise<void> {
    const session = this.#live();
    if (session.room) return session.room.setCamera(on);
    try {
      this.#localChanged(session, await setPeerCamera(session, this.#options.rtc, on));
    } catch (error) {
      session.error = deviceErrorMessage(error);
      this.#emit();
      throw error;
    }
  }

  async shareScreen(on: boolean): Promise<void> {
    const session = this.#live();
    if (session.room) return on ? session.room.startScreenShare() : session.room.stopScreenShare();
    const stopped = () => {
      if (this.#session === session) void this.shareScreen(false);
    };
    this.#localChanged(session, await setPeerScreen(session, this.#options.rtc, on, stopped));
  }

  async switchDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void> {
    const session = this.#live();
    if (session.room) return session.room.switchDevice(kind, deviceId);
    this.#localChanged(session, await switchPeerDevice(session, this.#options.rtc, kind, deviceId));
  }

  async requestVideo(): Promise<void> {
    const session = this.#live();
    session.videoRequest = 'outgoing';
    this.#emit();
    try {
      await this.#signal(session, { kind: 'video-request' });
    } catch (error) {
      session.videoRequest = 'none';
      this.#emit();
      throw error;
    }
  }

  async answerVideoRequest(accept: boolean): Promise<void> {
    const session = this.#live();
    if (session.videoRequest !== 'incoming') return;
    session.videoRequest = 'none';
    this.#emit();
    await this.#signal(session, { kind: 'video-reply', accepted: accept });
    if (accept && !session.cameraOn) await this.setCamera(true);
  }

  peerConnection(): RTCPeerConnection | null {
    const peer = this.#session?.peer;
    return peer && !this.#session?.closed ? peer.pc : null;
  }

  /** Hangs up and forgets everything (sign-out, messenger stopped). */
  dispose(): void {
    const session = this.#session;
    if (session && !session.closed) {
      void this.#send({ type: 'call-end', callId: session.call.id }).catch(() => {});
      this.#cleanUp(session);
    }
    this.#timers.clear('ended');
    this.#session = null;
    this.#waiting = null;
    this.#active.clear();
    this.#emit();
  }

  /** The call on this device, after missing live frames: it ended, or another device took it. */
  #catchUpCurrent(session: Session, calls: Call[]): void {
    if (session.closed || this.#connecting > 0) return;
    const call = calls.find((listed) => listed.id === session.call.id);
    if (call) {
      if (session.phase === 'incoming' && this.#takenElsewhere(call)) this.#onUpdated(call);
      return;
    }
    this.#options.logger.info({ callId: session.call.id }, 'call: ended while this device was away');
    if (session.phase === 'incoming') {
      this.#cleanUp(session);
      this.#noSession();
    } else {
      this.#finish(session, session.connectedAt === null ? null : 'answered');
    }
  }

  // --- live frames -------------------------------------------------------------------------

  /**
   * A call found on connecting: one ringing for me rings here too (this device was offline or
   * loading when it began), and a direct call this device was in but no longer holds (the page
   * was reloaded) is hung up, so that the other side is not left waiting.
   */
  #catchUp(call: Call): void {
    if (this.#connecting > 0 || this.#session?.call.id === call.id || call.state === 'ended') return;
    // The list may have been read a moment before this device heard the call end or declined it.
    if (this.#finished.has(call.id)) return;
    const mine =
      this.#deviceId !== null && [call.callerDeviceId, call.answeredDeviceId].includes(this.#deviceId);
    if (call.kind === 'direct' && mine) {
      this.#options.logger.info({ callId: call.id }, 'call: hanging up a call this device lost');
      void this.#send({ type: 'call-end', callId: call.id }).catch(() => {});
    } else if (this.#userId !== null && call.ringingIds.includes(this.#userId)) {
      this.#onIncoming(call);
    }
  }

  #onIncoming(call: Call): void {
    this.#setActive(call);
    const current = this.#session;
    // Busy: the call here keeps the screen; the new one waits, to be declined or taken instead.
    if (current && current.phase !== 'ended' && current.call.id !== call.id) {
      if (this.#ringsForMe(call) && this.#waiting === null) this.#waiting = call;
      this.#emit();
      return;
    }
    if (call.state === 'ended' || current?.call.id === call.id) {
      this.#onUpdated(call);
      return;
    }
    this.#replaceSession(this.#newSession(call, 'incoming', null));
    this.#emit();
  }

  #onUpdated(call: Call): void {
    this.#setActive(call);
    if (this.#waiting?.id === call.id) this.#waiting = this.#ringsForMe(call) ? call : null;
    const session = this.#session;
    if (!session || session.call.id !== call.id || session.closed) {
      this.#emit();
      return;
    }
    const previous = session.call;
    session.call = call;
    if (call.state === 'ended') {
      this.#finish(
        session,
        call.outcome === 'answered' && session.connectedAt === null ? 'failed' : call.outcome,
      );
      return;
    }
    if (session.phase === 'incoming' && this.#takenElsewhere(call)) {
      // Another of my devices took it, declined it or joined: this one stops ringing.
      this.#cleanUp(session);
      this.#noSession();
      this.#emit();
      return;
    }
    if (session.phase === 'outgoing' && call.state === 'active') {
      session.phase = 'connecting';
      if (call.transport === 'peer-to-peer') this.#startPeer(session, 'caller');
      // A group call's room was joined while it rang: someone answered, so it is on.
      else if (session.roomView?.status === 'connected') this.#markConnected(session);
    }
    if (previous.transport === 'peer-to-peer' && call.transport === 'sfu' && session.phase !== 'incoming') {
      void this.#moveToSfu(session, null);
    }
    this.#emit();
  }

  async #onSignal(callId: string, signal: CallSignal): Promise<void> {
    const session = this.#session;
    if (!session || session.call.id !== callId || session.closed) return;
    switch (signal.kind) {
      case 'media':
        session.remote = {
          ...session.remote,
          audioOn: signal.audio,
          videoOn: signal.video,
          screenOn: signal.screen,
        };
        this.#emit();
        return;
      case 'video-request':
        session.videoRequest = 'incoming';
        this.#emit();
        return;
      case 'video-reply':
        if (session.videoRequest !== 'outgoing') return;
        session.videoRequest = 'none';
        this.#emit();
        if (signal.accepted && !session.cameraOn) await this.setCamera(true).catch(() => {});
        return;
      default:
        break;
    }
    if (signal.kind === 'offer' && !session.offerSeen) {
      session.offerSeen = true;
      // The offer can come before the answer to call-accept: startPeer arms the timer then.
      if (session.peer) this.#armPeerTimeout(session);
    }
    if (!session.peer) {
      if (session.room === null) session.early.push(signal);
      return;
    }
    try {
      await session.peer.receive(signal);
    } catch (error) {
      this.#options.logger.warn({ error, callId, kind: signal.kind }, 'call signaling failed');
      if (session.direction === 'outgoing') void this.#relay(session);
    }
  }

  // --- media paths -------------------------------------------------------------------------

  #startPeer(session: Session, role: 'caller' | 'callee'): void {
    const connection = session.connection;
    if (!connection || session.peer || session.closed) return;
    const peer = new PeerLink(
      {
        rtc: this.#options.rtc,
        connection,
        role,
        logger: this.#options.logger,
        send: (signal) => void this.#signal(session, signal).catch(() => {}),
        onState: (state) => this.#onPeerState(session, state),
        onRemote: (stream) => {
          session.remote = { ...session.remote, stream };
          this.#emit();
        },
      },
      { audio: session.mic, video: session.screen ?? session.camera },
      session.localStream,
    );
    session.peer = peer;
    this.#armPeerTimeout(session);
    if (role === 'caller') {
      void peer.offer().catch((error: unknown) => {
        this.#options.logger.warn({ error, callId: session.call.id }, 'call offer failed');
        void this.#relay(session);
      });
    }
    const early = session.early;
    session.early = [];
    void (async () => {
      for (const signal of early) await this.#onSignal(session.call.id, signal);
    })();
  }

  /**
   * Peer-to-peer gets peerToPeerTimeoutMs to connect. Only the caller moves the call (so both
   * sides do not race), unless the answering side never even got an offer.
   */
  #armPeerTimeout(session: Session): void {
    const timeoutMs = session.connection?.peerToPeerTimeoutMs ?? 0;
    this.#timers.set('peer-to-peer', timeoutMs, () => {
      if (this.#session !== session || session.closed || session.room) return;
      if (session.peer?.state === 'connected') return;
      if (session.direction === 'outgoing' || !session.offerSeen) void this.#relay(session);
      // The answering side gives the caller one more period before it moves the call itself.
      else this.#timers.set('peer-to-peer', timeoutMs, () => void this.#relay(session));
    });
  }

  #onPeerState(session: Session, state: PeerLinkState): void {
    if (this.#session !== session || session.closed || session.room) return;
    if (state === 'connected') {
      this.#timers.clear('peer-to-peer');
      this.#markConnected(session);
      this.#sendMediaState(session);
      this.#sampleQuality(session);
    } else if (state === 'disconnected') {
      if (session.phase === 'connected') session.phase = 'reconnecting';
    } else if (state === 'failed') {
      this.#options.logger.info({ callId: session.call.id }, 'call: peer-to-peer failed');
      if (session.direction === 'outgoing') void this.#relay(session);
    }
    this.#emit();
  }

  async #relay(session: Session): Promise<void> {
    if (session.closed || session.movingToSfu || session.room) return;
    this.#options.logger.info({ callId: session.call.id }, 'call: moving to the SFU');
    try {
      const connection = await this.#connect({ type: 'call-relay', callId: session.call.id });
      await this.#moveToSfu(session, connection);
    } catch (error) {
      this.#options.logger.warn({ error, callId: session.call.id }, 'call relay refused');
    }
  }

  /** Closes the direct connection and enters the call's room with the same devices. */
  async #moveToSfu(session: Session, given: CallConnection | null): Promise<void> {
    if (session.closed || session.movingToSfu || session.room) return;
    session.movingToSfu = true;
    this.#timers.clear('peer-to-peer');
    session.peer?.close();
    session.peer = null;
    session.remote = { ...session.remote, stream: null };
    this.#emit();
    try {
      const connection =
        given?.participantToken != null
          ? given
          : await this.#connect({ type: 'call-join', callId: session.call.id });
      if (session.closed) return;
      session.connection = connection;
      this.#enterRoom(session, connection);
    } catch (error) {
      this.#options.logger.warn({ error, callId: session.call.id }, 'call room not joined');
      session.error = 'The call could not connect.';
      void this.hangUp().catch(() => {});
    } finally {
      session.movingToSfu = false;
      this.#emit();
    }
  }

  #enterRoom(session: Session, connection: CallConnection): void {
    if (session.room || session.closed || !connection.participantToken) return;
    this.#timers.clear('peer-to-peer');
    this.#timers.clear('stats');
    // The room owns the devices from here and stops them when it is done.
    if (session.screen) {
      session.screen.stop();
      session.screen = null;
      session.screenOn = false;
    }
    const tracks = [session.mic, session.camera].filter((track): track is MediaStreamTrack => Boolean(track));
    const room = this.#options.createRoom({
      participantToken: connection.participantToken,
      iceTransportPolicy: connection.iceTransportPolicy,
    });
    session.room = room;
    session.unsubscribeRoom = room.subscribe(() => this.#onRoom(session));
    void room
      .join({
        audio: session.micOn,
        video: session.cameraOn && session.camera !== null,
        ...(tracks.length > 0 ? { localStream: this.#options.rtc.createStream(tracks) } : {}),
      })
      .catch((error: unknown) => {
        this.#options.logger.warn({ error, callId: session.call.id }, 'call room join failed');
      });
    this.#onRoom(session);
  }

  #onRoom(session: Session): void {
    const room = session.room;
    if (!room || session.closed) return;
    const view = this.#mapper.map(room.getSnapshot());
    session.roomView = view;
    room.setView(view.tiles);
    session.micOn = view.micOn;
    session.cameraOn = view.cameraOn;
    session.screenOn = view.screenOn;
    session.quality = view.quality;
    if (view.status === 'connected') {
      if (
        !(session.call.kind === 'group' && session.phase === 'outgoing' && session.call.state === 'ringing')
      ) {
        this.#markConnected(session);
      }
    } else if (view.status === 'reconnecting' && session.phase === 'connected') {
      session.phase = 'reconnecting';
    } else if (view.status === 'gone') {
      // Removed, refused (the room is full) or replaced: this device is out of the call.
      this.#options.logger.info({ callId: session.call.id }, 'call: out of the call room');
      session.error ??= 'You are no longer in this call.';
      this.#finish(session, session.connectedAt === null ? 'failed' : 'answered');
      void this.#send({ type: 'call-end', callId: session.call.id }).catch(() => {});
      return;
    }
    this.#emit();
  }

  #markConnected(session: Session): void {
    session.phase = 'connected';
    session.connectedAt ??= this.#options.clock.now();
  }

  #sampleQuality(session: Session): void {
    this.#timers.set('stats', this.#timing.statsIntervalMs, async () => {
      const peer = session.peer;
      if (this.#session !== session || session.closed || !peer || session.room) return;
      try {
        const link = await peer.quality();
        if (link && link.quality !== session.quality) {
          session.quality = link.quality;
          this.#emit();
        }
      } catch (error) {
        this.#options.logger.debug({ error }, 'call stats not read');
      }
      this.#sampleQuality(session);
    });
  }

  // --- ending ------------------------------------------------------------------------------

  /** The call is over here: everything is released and `ended` shows for a moment. */
  #finish(session: Session, reason: CallView['endedReason']): void {
    if (session.phase === 'ended') {
      if (reason && session.endedReason !== reason && reason !== 'failed') session.endedReason = reason;
      this.#emit();
      return;
    }
    this.#cleanUp(session);
    session.phase = 'ended';
    session.endedReason = reason;
    this.#emit();
    this.#timers.set('ended', this.#timing.endedShownMs, () => {
      if (this.#session !== session) return;
      this.#noSession();
      this.#emit();
    });
  }

  /** Idempotent: stops the devices, closes the connection, leaves the room. */
  #cleanUp(session: Session): void {
    if (session.closed) return;
    session.closed = true;
    this.#timers.clear('peer-to-peer');
    this.#timers.clear('stats');
    session.peer?.close();
    session.unsubscribeRoom?.();
    if (session.room) {
      void session.room.leave().catch((error: unknown) => {
        this.#options.logger.debug({ error }, 'call room leave failed');
      });
    }
    for (const track of [session.mic, session.camera, session.screen]) track?.stop();
    session.mic = null;
    session.camera = null;
    session.screen = null;
  }

  // --- helpers -----------------------------------------------------------------------------

  #newSession(call: Call, direction: Session['direction'], devices: OpenedDevices | null): Session {
    const session = newSession(call, direction, devices);
    void this.#readPeople(session);
    return session;
  }

  async #readPeople(session: Session): Promise<void> {
    try {
      const members = (await this.#options.membersOf?.(session.call.chatId)) ?? [];
      for (const user of members) session.people.set(user.id, user);
      if (members.length > 0 && this.#session === session) this.#emit();
    } catch (error) {
      this.#options.logger.debug({ error }, 'call: chat members not read');
    }
  }

  #replaceSession(session: Session): void {
    const previous = this.#session;
    if (previous) this.#cleanUp(previous);
    this.#timers.clear('ended');
    this.#session = session;
  }

  #assertFree(): void {
    const session = this.#session;
    if (this.#placing || (session && session.phase !== 'ended')) {
      throw ApiError.of('CALL_STATE', 'You are already in a call. Hang up first.');
    }
  }

  /** Starting or joining a call: a second one cannot begin while the devices open and the server answers. */
  async #exclusively(work: () => Promise<void>): Promise<void> {
    this.#assertFree();
    this.#placing = true;
    try {
      await work();
    } finally {
      this.#placing = false;
    }
  }

  #live(): Session {
    const session = this.#session;
    if (!session || session.closed || session.phase === 'incoming') {
      throw ApiError.of('CALL_STATE', 'There is no call in progress.');
    }
    return session;
  }

  /** No call on this device any more: one that waited meanwhile rings on its own now. */
  #noSession(): void {
    this.#session = null;
    const waiting = this.#waiting;
    this.#waiting = null;
    if (waiting && this.#ringsForMe(waiting))
      this.#replaceSession(this.#newSession(waiting, 'incoming', null));
  }

  /** Whether the call is ringing for me (on none of my devices answered or declined yet). */
  #ringsForMe(call: Call): boolean {
    return (
      call.state !== 'ended' &&
      !this.#takenElsewhere(call) &&
      this.#userId !== null &&
      call.ringingIds.includes(this.#userId)
    );
  }

  #takenElsewhere(call: Call): boolean {
    if (call.kind === 'direct')
      return call.answeredDeviceId !== null && call.answeredDeviceId !== this.#deviceId;
    return this.#userId !== null && !call.ringingIds.includes(this.#userId);
  }

  #refreshLocalStream(session: Session): void {
    session.localStream = localStreamOf(this.#options.rtc, session);
  }

  /** My devices changed in a peer-to-peer call: the preview (if its tracks did) and the other side follow. */
  #localChanged(session: Session, tracksChanged: boolean): void {
    if (tracksChanged) this.#refreshLocalStream(session);
    this.#sendMediaState(session);
    this.#emit();
  }

  #sendMediaState(session: Session): void {
    if (session.room || session.call.kind !== 'direct' || session.call.state !== 'active') return;
    void this.#signal(session, {
      kind: 'media',
      audio: session.micOn,
      video: session.cameraOn || session.screenOn,
      screen: session.screenOn,
    }).catch(() => {});
  }

  async #signal(session: Session, signal: CallSignal): Promise<void> {
    if (session.closed) return;
    await this.#send({ type: 'call-signal', callId: session.call.id, signal });
  }

  async #send(frame: Parameters<Gateway['request']>[0]): Promise<void> {
    await this.#options.gateway.request(frame);
  }

  async #connect(frame: Parameters<Gateway['request']>[0]): Promise<CallConnection> {
    // A call being started or answered is not one this device lost (see #catchUp).
    this.#connecting += 1;
    try {
      const data = await this.#options.gateway.request(frame);
      if (!data || !('participantToken' in data)) {
        throw ApiError.invalidResponse(0, new Error(`ok without a call connection for ${frame.type}`));
      }
      return data;
    } finally {
      this.#connecting -= 1;
    }
  }

  #setActive(call: Call): void {
    if (call.state === 'ended') {
      this.#finished.add(call.id);
      if (this.#active.get(call.chatId)?.id === call.id) this.#active.delete(call.chatId);
    } else {
      this.#active.set(call.chatId, call);
    }
  }

  #emit(): void {
    this.#view = this.#session ? viewOf(this.#session, this.#userId) : null;
    this.#events.emit('change');
  }
}
