import type { MeetingServerFrame } from '@parley/protocol';
import { ApiClient } from '../api-client.ts';
import { systemClock } from '../clock.ts';
import { Emitter } from '../emitter.ts';
import { defaultNetwork } from '../gateway/network.ts';
import { type Logger, silentLogger } from '../logger.ts';
import { MeetingBreakouts } from './meeting-breakouts.ts';
import { type MeetingRequest, meetingError, meetingSocketUrl } from './meeting-frames.ts';
import { MeetingMedia } from './meeting-media.ts';
import type {
  ChatDraft,
  JoinOptions,
  MeetingReaction,
  MeetingRoomError,
  MeetingRoomEvents,
  MeetingRoomOptions,
  MeetingSnapshot,
  RecordAction,
} from './meeting-room-types.ts';
import { MeetingSocket, type MeetingSocketState } from './meeting-socket.ts';
import { initialMeetingState, reduceMeeting } from './meeting-state.ts';
import { closedStatus, type Farewell, type FinalStatus, isFinal } from './meeting-status.ts';
import { defaultMeetingTiming } from './meeting-timing.ts';
import { MutedSpeech } from './muted-speech.ts';
import { browserRtc } from './rtc-environment.ts';
import { ViewSender, type ViewTile } from './view-sender.ts';

/**
 * One participant in one meeting: the meeting socket, the state the server shares, this
 * browser's devices and its two peer connections with the SFU. Survives network drops (it
 * reconnects with the same participant token and sets the media up again) until the participant
 * leaves or the server closes the meeting for them.
 */
export class MeetingRoom {
  readonly #token: string;
  readonly #api: ApiClient;
  readonly #logger: Logger;
  readonly #leaveTimeoutMs: number;
  readonly #events = new Emitter<MeetingRoomEvents>();
  readonly #changes = new Emitter<{ change: [] }>();
  readonly #socket: MeetingSocket;
  readonly #media: MeetingMedia;
  readonly #view: ViewSender;
  readonly #mutedSpeech: MutedSpeech;
  readonly #farewell: Farewell = {};
  #snapshot: MeetingSnapshot;
  /** Whether a `breakouts` frame came since the last `joined` (the server sends one before each). */
  #breakoutsFresh = false;
  /** Breakout room commands; their state is the snapshot's `breakouts`. */
  readonly breakouts: MeetingBreakouts;

  constructor(options: MeetingRoomOptions) {
    const webSocket = options.webSocket ?? globalThis.WebSocket;
    if (!webSocket) throw new Error('No WebSocket in this runtime: pass options.webSocket');
    const baseUrl = options.baseUrl ?? '';
    const clock = options.clock ?? systemClock;
    const timing = { ...defaultMeetingTiming, ...options.timing };
    const logger = options.logger ?? silentLogger;
    this.#token = options.participantToken;
    this.#api = new ApiClient({ baseUrl, fetch: options.fetch });
    this.#logger = logger;
    this.#leaveTimeoutMs = timing.leaveTimeoutMs;
    this.#socket = new MeetingSocket({
      url: meetingSocketUrl(baseUrl, options.participantToken),
      webSocket,
      clock,
      random: options.random ?? Math.random,
      network: options.network ?? defaultNetwork(),
      logger,
      timing,
    });
    this.breakouts = new MeetingBreakouts((frame) => this.#socket.request(frame));
    this.#socket.on('state', (state) => this.#onSocketState(state));
    this.#socket.on('frame', (frame) => this.#onFrame(frame));
    const rtc = options.rtc ?? browserRtc();
    this.#media = new MeetingMedia({
      rtc,
      noiseSuppressor: options.noiseSuppressor ?? null,
      iceTransportPolicy: options.iceTransportPolicy ?? 'all',
      clock,
      timing,
      logger,
      request: (frame) => this.#socket.request(frame),
      isJoined: () => this.#snapshot.status.status === 'joined',
      onLocal: (local) => this.#update({ local }),
      onRemoteTracks: (remoteTracks) => this.#update({ remoteTracks }),
      onLink: (local) => {
        if (local !== null || this.#snapshot.quality.local !== null) {
          this.#update({ quality: { ...this.#snapshot.quality, local } });
        }
      },
      onError: (kind, error) => this.#report(kind, error),
    });
    this.#view = new ViewSender({
      clock,
      delayMs: timing.viewDelayMs,
      logger,
      send: async (tiles) => {
        await this.#socket.request({ type: 'view', tiles });
      },
    });
    this.#mutedSpeech = new MutedSpeech({
      clock,
      meter: (track) => rtc.levelMeter?.(track) ?? null,
      logger,
      onSpeaking: () => this.#events.emit('speaking-while-muted'),
    });
    this.#snapshot = {
      ...initialMeetingState,
      status: { status: 'idle' },
      local: this.#media.local,
      remoteTracks: [],
    };
    // Every change of status or devices passes here, leaving included.
    this.#changes.on('change', () => this.#mutedSpeech.watch(this.#mutedMicrophone()));
  }

  /** Calls `listener` after every change of the snapshot; returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => this.#changes.on('change', listener);

  /** The same object until something changes. */
  readonly getSnapshot = (): MeetingSnapshot => this.#snapshot;

  on<K extends keyof MeetingRoomEvents>(
    name: K,
    listener: (...args: MeetingRoomEvents[K]) => void,
  ): () => void {
    return this.#events.on(name, listener);
  }

  get noiseSuppressionSupported(): boolean {
    return this.#media.noiseSuppressionSupported;
  }

  /**
   * Connects and opens the devices, at the same time (the waiting room does not need them).
   * Resolves once the devices are open or have failed (failures go to the `error` event);
   * `state` says when the meeting lets this participant in.
   */
  async join(options: JoinOptions): Promise<void> {
    if (this.#snapshot.status.status !== 'idle') throw new Error('join() can be called once per room');
    this.#logger.info({}, 'joining the meeting');
    this.#update({ status: { status: 'connecting' } });
    this.#socket.start();
    await this.#media.start({
      micOn: options.audio,
      cameraOn: options.video,
      audioInputId: options.devices?.audioInputId,
      videoInputId: options.devices?.videoInputId,
      stream: options.localStream,
      noiseSuppression: options.noiseSuppression ?? true,
    });
  }

  /** Leaves the meeting (others see me leave at once) and releases every device. */
  async leave(): Promise<void> {
    const { status } = this.#snapshot.status;
    if (isFinal(this.#snapshot.status)) return;
    if (status === 'joined' || status === 'waiting') {
      await this.#socket.request({ type: 'leave' }, this.#leaveTimeoutMs).catch((error: unknown) => {
        // The server drops me after its grace period instead.
        this.#logger.debug({ error }, 'leave not confirmed');
      });
    }
    this.#finish({ status: 'left' });
  }

  /** Ends the meeting for everyone (hosts). */
  async end(): Promise<void> {
    try {
      await this.#socket.request({ type: 'end' });
    } catch (error) {
      // The server may close the socket for the end before its ok arrives.
      if (this.#snapshot.status.status === 'ended') return;
      throw error;
    }
    this.#finish({ status: 'ended', by: this.#farewell.endedBy ?? null });
  }

  /** Unmutes or mutes. Unmuting opens the microphone again if it failed or was unplugged. */
  setMicrophone(on: boolean): Promise<void> {
    return this.#inMeeting(() => this.#media.setMicrophone(on));
  }

  /** Turns the camera on (opening it again) or off (closing it, so its light goes off). */
  setCamera(on: boolean): Promise<void> {
    return this.#inMeeting(() => this.#media.setCamera(on));
  }

  /** Asks what to share and shares it. Rejects if the person cancels or another share is on (SCREEN_SHARE_TAKEN). */
  startScreenShare(): Promise<void> {
    return this.#inMeeting(() => this.#media.startScreenShare());
  }

  stopScreenShare(): Promise<void> {
    return this.#inMeeting(() => this.#media.stopScreenShare());
  }

  /** Uses another microphone or camera (ids from navigator.mediaDevices.enumerateDevices()). */
  switchDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void> {
    return this.#inMeeting(() => this.#media.switchDevice(kind, deviceId));
  }

  /** RNNoise between the microphone and what is sent; no renegotiation. */
  setNoiseSuppression(on: boolean): Promise<void> {
    return this.#inMeeting(() => this.#media.setNoiseSuppression(on));
  }

  raiseHand(raised: boolean): Promise<void> {
    return this.#command({ type: 'hand', raised });
  }

  react(emoji: MeetingReaction): Promise<void> {
    return this.#command({ type: 'react', emoji });
  }

  /** Sends a chat message, to everyone or privately; a file is uploaded first. */
  async sendChat(draft: ChatDraft): Promise<void> {
    let fileId: string | undefined;
    if (draft.file) {
      const options = { name: draft.file.name, onProgress: draft.onProgress };
      fileId = (await this.#api.uploadMeetingFile(this.#token, draft.file, options)).id;
    }
    await this.#command({ type: 'chat', text: draft.text, to: draft.to, fileId });
  }

  /** A file shared in the meeting chat. */
  downloadFile(fileId: string): Promise<Blob> {
    return this.#api.downloadMeetingFile(this.#token, fileId);
  }

  /** The video tiles on screen, in device pixels; only these videos are forwarded to me. */
  setView(tiles: readonly ViewTile[]): void {
    this.#view.set(tiles);
  }

  // Host and co-host controls; the server refuses them to others with NOT_MEETING_HOST.

  /** Lets someone in from the waiting room, or everyone waiting without an id. */
  admit(participantId?: string): Promise<void> {
    return this.#command({ type: 'admit', participantId });
  }

  deny(participantId: string): Promise<void> {
    return this.#command({ type: 'deny', participantId });
  }

  /** Mutes someone, or everyone but the hosts without an id. */
  mute(participantId?: string): Promise<void> {
    return this.#command({ type: 'mute', participantId });
  }

  askToUnmute(participantId: string): Promise<void> {
    return this.#command({ type: 'ask-unmute', participantId });
  }

  stopVideo(participantId: string): Promise<void> {
    return this.#command({ type: 'stop-video', participantId });
  }

  remove(participantId: string): Promise<void> {
    return this.#command({ type: 'remove', participantId });
  }

  lowerHand(participantId: string): Promise<void> {
    return this.#command({ type: 'lower-hand', participantId });
  }

  lock(locked: boolean): Promise<void> {
    return this.#command({ type: 'lock', locked });
  }

  allowMultiShare(allowed: boolean): Promise<void> {
    return this.#command({ type: 'multi-share', allowed });
  }

  rename(participantId: string, name: string): Promise<void> {
    return this.#command({ type: 'rename', participantId, name });
  }

  setRole(participantId: string, role: 'cohost' | 'participant'): Promise<void> {
    return this.#command({ type: 'set-role', participantId, role });
  }

  makeHost(participantId: string): Promise<void> {
    return this.#command({ type: 'make-host', participantId });
  }

  /**
   * Starts, pauses, resumes or stops the cloud recording; `room.recording` in the snapshot follows.
   * Rejects with RECORDING_STATE when the recording is not in a state for that action.
   */
  record(action: RecordAction): Promise<void> {
    return this.#command({ type: 'record', action });
  }

  async #command(frame: MeetingRequest): Promise<void> {
    await this.#socket.request(frame);
  }

  /** Device changes need a meeting to be in: none before join() (it opens them) or after the end. */
  async #inMeeting(change: () => Promise<void>): Promise<void> {
    const status = this.#snapshot.status;
    if (status.status === 'idle') throw new Error('Call join() first');
    if (isFinal(status)) throw new Error('This participant is no longer in the meeting');
    await change();
  }

  #onSocketState(state: MeetingSocketState): void {
    if (state.status === 'reconnecting') {
      this.#view.disconnected();
      this.#update({ status: { status: 'reconnecting', attempt: state.attempt, retryAt: state.retryAt } });
    } else if (state.status === 'closed') {
      this.#finish(closedStatus(state.code, this.#farewell));
    }
    // `connecting` is join()'s own; `open` waits for the `waiting` or `joined` frame.
  }

  #onFrame(frame: MeetingServerFrame): void {
    if (isFinal(this.#snapshot.status)) return;
    const reduced = reduceMeeting(this.#snapshot, frame);
    if (reduced !== this.#snapshot) this.#update(reduced);
    switch (frame.type) {
      case 'waiting':
        this.#view.disconnected();
        this.#update({ status: { status: 'waiting', title: frame.title } });
        return;
      case 'joined':
        // No breakout state came with this `joined`: there are no breakout rooms (any more).
        if (!this.#breakoutsFresh && this.#snapshot.breakouts !== null) this.#update({ breakouts: null });
        this.#breakoutsFresh = false;
        this.#update({ status: { status: 'joined' } });
        this.#media.connect(frame.iceServers);
        this.#view.connected();
        return;
      case 'media-reset':
        this.#media.reset();
        return;
      case 'breakouts':
        this.#breakoutsFresh = true;
        return;
      case 'breakout-moved':
        // The new room's `joined` sets the media up again, with the same devices.
        this.#view.disconnected();
        this.#media.suspend();
        this.#events.emit('breakout-moved', { room: frame.room });
        return;
      case 'breakout-broadcast':
        this.#events.emit('breakout-broadcast', { from: frame.from, text: frame.text });
        return;
      case 'breakout-help':
        this.#events.emit('breakout-help', {
          participantId: frame.participantId,
          displayName: frame.displayName,
          roomId: frame.roomId,
        });
        return;
      case 'subscribe-offer':
        this.#media.handleOffer(frame.sdp, frame.tracks);
        return;
      case 'reaction':
        this.#events.emit('reaction', { participantId: frame.participantId, emoji: frame.emoji });
        return;
      case 'notice':
        if (frame.kind === 'muted') this.#media.mutedByHost();
        if (frame.kind === 'video-stopped') this.#media.videoStoppedByHost();
        this.#events.emit('notice', { kind: frame.kind, by: frame.by });
        return;
      case 'error':
        this.#farewell.error = { code: frame.code, message: frame.message };
        this.#report('server', meetingError(frame.code, frame.message));
        return;
      case 'denied':
        this.#finish({ status: 'denied' });
        return;
      case 'removed':
        this.#farewell.removedBy = frame.by;
        this.#finish({ status: 'removed', by: frame.by });
        return;
      case 'ended':
        this.#farewell.endedBy = frame.by;
        this.#finish({ status: 'ended', by: frame.by });
        return;
      default:
        return;
    }
  }

  #finish(status: FinalStatus): void {
    if (isFinal(this.#snapshot.status)) return;
    this.#logger.info({ status: status.status }, 'out of the meeting');
    this.#socket.close();
    this.#view.disconnected();
    this.#media.close();
    this.#update({ status });
  }

  /**
   * The microphone to listen to for the "you are muted" hint, as captured (whether noise
   * suppression is on or not); none unless I am in the meeting and muted.
   */
  #mutedMicrophone(): MediaStreamTrack | null {
    const { status, local } = this.#snapshot;
    if (status.status !== 'joined' || local.micOn) return null;
    const microphone = this.#media.microphone;
    return microphone?.readyState === 'live' ? microphone : null;
  }

  #report(kind: MeetingRoomError['kind'], error: unknown): void {
    this.#logger.warn({ error, kind }, 'meeting error');
    this.#events.emit('error', { kind, error });
  }

  /** Replaces the snapshot, emits an event for each part that changed, then tells subscribers. */
  #update(changes: Partial<MeetingSnapshot>): void {
    const before = this.#snapshot;
    const after: MeetingSnapshot = { ...before, ...changes };
    const changed = (Object.keys(changes) as (keyof MeetingSnapshot)[]).filter(
      (key) => before[key] !== after[key],
    );
    if (changed.length === 0) return;
    this.#snapshot = after;
    const events = this.#events;
    const has = (key: keyof MeetingSnapshot) => changed.includes(key);
    if (has('participants')) events.emit('participants', after.participants);
    if (has('waiting')) events.emit('waiting', after.waiting);
    if (has('room')) events.emit('room', after.room);
    if (has('chat')) events.emit('chat', after.chat);
    if (has('activeSpeaker')) events.emit('active-speaker', after.activeSpeaker);
    if (has('quality')) events.emit('quality', after.quality);
    if (has('local')) events.emit('local-tracks', after.local);
    if (has('remoteTracks')) events.emit('tracks', after.remoteTracks);
    if (has('breakouts')) events.emit('breakouts', after.breakouts);
    // Last, so that a listener to `state` reads the parts that came with it (`joined`).
    if (has('status')) events.emit('state', after.status);
    this.#changes.emit('change');
  }
}
