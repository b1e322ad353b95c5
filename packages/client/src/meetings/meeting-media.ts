import type { MediaSource, SubscribedTrack } from '@parley/protocol';
import { isApiError } from '../api-error.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { LinkQuality } from './link-quality.ts';
import { LocalMedia, type LocalMediaStart, type LocalMediaState } from './local-media.ts';
import { MediaSession } from './media-session.ts';
import type { MeetingAnswer, MeetingRequest } from './meeting-frames.ts';
import type { MeetingRoomError } from './meeting-room-types.ts';
import type { MeetingTiming } from './meeting-timing.ts';
import type { NoiseSuppressor } from './noise-suppressor.ts';
import { type RemoteTrack, RemoteTracks } from './remote-tracks.ts';
import type { RtcEnvironment } from './rtc-environment.ts';
import { SerialQueue } from './serial-queue.ts';

export interface MeetingMediaOptions {
  rtc: RtcEnvironment;
  noiseSuppressor: NoiseSuppressor | null;
  iceTransportPolicy: RTCIceTransportPolicy;
  clock: Clock;
  timing: MeetingTiming;
  logger: Logger;
  request(frame: MeetingRequest): Promise<MeetingAnswer>;
  /** Whether the server has me in the meeting now; otherwise the next publish says what is on. */
  isJoined(): boolean;
  onLocal(state: LocalMediaState): void;
  onRemoteTracks(tracks: readonly RemoteTrack[]): void;
  onLink(link: LinkQuality | null): void;
  onError(kind: MeetingRoomError['kind'], error: unknown): void;
}

/**
 * The media side of a meeting room: this browser's devices, what it publishes and receives, and
 * the `set-media` frames that tell the server what is on. Device changes run one at a time, so two
 * quick clicks cannot open the camera twice; muting never waits for them.
 */
export class MeetingMedia {
  readonly #options: MeetingMediaOptions;
  readonly #local: LocalMedia;
  readonly #remote: RemoteTracks;
  readonly #deviceOps = new SerialQueue();
  #session: MediaSession | null = null;
  #iceServers: RTCIceServer[] = [];
  #localReady: Promise<void> = Promise.resolve();

  constructor(options: MeetingMediaOptions) {
    this.#options = options;
    this.#local = new LocalMedia({
      rtc: options.rtc,
      noiseSuppressor: options.noiseSuppressor,
      logger: options.logger,
      onError: options.onError,
      onEnded: (source) => this.#onTrackEnded(source),
    });
    this.#remote = new RemoteTracks((track) => options.rtc.createStream([track]));
  }

  get local(): LocalMediaState {
    return this.#local.state;
  }

  get noiseSuppressionSupported(): boolean {
    return this.#local.noiseSuppressionSupported;
  }

  /** The microphone as captured, before noise suppression; null when it is not open. */
  get microphone(): MediaStreamTrack | null {
    return this.#local.microphone;
  }

  /** Opens the devices for joining; device failures are reported, not thrown. */
  start(options: LocalMediaStart): Promise<void> {
    this.#localReady = this.#local.start(options).finally(() => this.#localChanged());
    return this.#localReady;
  }

  /** New connections with the SFU, for a `joined`: the server starts over with new transports. */
  connect(iceServers: RTCIceServer[]): void {
    this.#iceServers = iceServers;
    this.reset();
  }

  /** New connections with the same ICE servers, for a `media-reset` (the SFU worker restarted). */
  reset(): void {
    this.#session?.close();
    this.#setRemote(() => this.#remote.clear());
    const options = this.#options;
    const session: MediaSession = new MediaSession({
      rtc: options.rtc,
      configuration: {
        iceServers: this.#iceServers,
        iceTransportPolicy: options.iceTransportPolicy,
        bundlePolicy: 'max-bundle',
      },
      request: options.request,
      paused: (source) => this.#paused(source),
      clock: options.clock,
      timing: options.timing,
      logger: options.logger,
      onRemoteTracks: (tracks) => {
        if (session === this.#session) this.#setRemote(() => this.#remote.replace(tracks));
      },
      onLink: (link) => {
        if (session === this.#session) options.onLink(link);
      },
      onError: options.onError,
    });
    this.#session = session;
    void this.#publishAll(session);
  }

  /**
   * Closes the connections until the next connect(), keeping the devices: I am moving to another
   * room (breakout rooms), whose `joined` connects again. Nothing more goes to the room I leave.
   */
  suspend(): void {
    this.#session?.close();
    this.#session = null;
    this.#setRemote(() => this.#remote.clear());
  }

  handleOffer(sdp: string, tracks: readonly SubscribedTrack[]): void {
    void this.#session?.handleOffer(sdp, tracks);
  }

  async setMicrophone(on: boolean): Promise<void> {
    if (on && !this.#local.state.tracks.mic) {
      await this.#deviceOps.run(() => this.#local.openMicrophone());
      await this.#sync();
    }
    this.#local.setMicOn(on);
    this.#localChanged();
    try {
      await this.#setMedia('mic', on);
    } catch (error) {
      if (on) this.#local.setMicOn(false);
      this.#localChanged();
      throw error;
    }
  }

  async setCamera(on: boolean): Promise<void> {
    await this.#deviceOps.run(async () => (on ? this.#local.openCamera() : this.#local.closeCamera()));
    await this.#sync();
    try {
      await this.#setMedia('camera', on);
    } catch (error) {
      if (on) await this.#closeCamera();
      throw error;
    }
  }

  async startScreenShare(): Promise<void> {
    await this.#deviceOps.run(() => this.#local.openScreen());
    try {
      await this.#sync();
    } catch (error) {
      await this.#deviceOps.run(async () => this.#local.closeScreen());
      await this.#sync().catch(() => {});
      throw error;
    }
  }

  async stopScreenShare(): Promise<void> {
    await this.#deviceOps.run(async () => this.#local.closeScreen());
    await this.#sync();
  }

  async switchDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void> {
    const cameraWasOn = this.#local.state.cameraOn;
    let failure: unknown = null;
    await this.#deviceOps
      .run(() =>
        kind === 'audioinput' ? this.#local.switchMicrophone(deviceId) : this.#local.switchCamera(deviceId),
      )
      .catch((error: unknown) => {
        failure = error;
      });
    await this.#sync();
    // The old camera closed before the new one failed to open: the camera is off now.
    if (cameraWasOn && !this.#local.state.cameraOn) await this.#setMedia('camera', false).catch(() => {});
    if (failure !== null) throw failure;
  }

  async setNoiseSuppression(on: boolean): Promise<void> {
    await this.#deviceOps.run(() => this.#local.setNoiseSuppression(on));
    await this.#sync();
  }

  /** A host muted me: the server already paused my microphone, so only the browser follows. */
  mutedByHost(): void {
    this.#local.setMicOn(false);
    this.#localChanged();
  }

  /** A host stopped my video: the server already paused it; close the camera. */
  videoStoppedByHost(): void {
    this.#closeCamera().catch((error: unknown) => this.#options.onError('camera', error));
  }

  /** Closes both connections and every device. */
  close(): void {
    this.#session?.close();
    this.#session = null;
    this.#local.close();
    this.#localChanged();
    this.#setRemote(() => this.#remote.clear());
  }

  async #publishAll(session: MediaSession): Promise<void> {
    try {
      await this.#localReady;
      if (session !== this.#session) return;
      await session.attach(this.#local.state.tracks);
      await session.publish();
    } catch (error) {
      // A lost connection publishes again on the next `joined`.
      if (session === this.#session && !isApiError(error, 'NETWORK')) this.#options.onError('publish', error);
    }
  }

  /**
   * Puts the local tracks on the publish connection and offers again when a shared source
   * started or stopped. Without a connection, the next `joined` publishes the current tracks.
   */
  async #sync(): Promise<void> {
    this.#localChanged();
    const session = this.#session;
    if (!session) return;
    try {
      if (await session.attach(this.#local.state.tracks)) await session.publish();
    } catch (error) {
      if (!isApiError(error, 'NETWORK')) throw error;
    }
  }

  async #setMedia(source: 'mic' | 'camera', on: boolean): Promise<void> {
    if (!this.#options.isJoined()) return;
    try {
      await this.#options.request({ type: 'set-media', source, on });
    } catch (error) {
      if (!isApiError(error, 'NETWORK')) throw error;
    }
  }

  async #closeCamera(): Promise<void> {
    await this.#deviceOps.run(async () => this.#local.closeCamera());
    await this.#sync();
  }

  #onTrackEnded(source: 'mic' | 'camera' | 'screen'): void {
    const { onError } = this.#options;
    if (source === 'mic') {
      onError('microphone', new Error('The microphone stopped'));
      this.setMicrophone(false).catch(() => {});
    } else if (source === 'camera') {
      onError('camera', new Error('The camera stopped'));
      this.setCamera(false).catch(() => {});
    } else {
      this.stopScreenShare().catch((error: unknown) => onError('screen', error));
    }
  }

  #paused(source: MediaSource): boolean {
    const { micOn, tracks } = this.#local.state;
    if (source === 'mic') return !micOn || tracks.mic === null;
    if (source === 'camera') return tracks.camera === null;
    return false;
  }

  #localChanged(): void {
    this.#options.onLocal(this.#local.state);
  }

  #setRemote(change: () => boolean): void {
    if (change()) this.#options.onRemoteTracks(this.#remote.list);
  }
}
