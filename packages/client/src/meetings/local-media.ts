import type { Logger } from '../logger.ts';
import type { FilteredTrack, NoiseSuppressor } from './noise-suppressor.ts';
import type { RtcEnvironment } from './rtc-environment.ts';

/** The tracks this participant sends, by source. */
export interface LocalTracks {
  /** The microphone as sent: after noise suppression when it is on. */
  mic: MediaStreamTrack | null;
  camera: MediaStreamTrack | null;
  screen: MediaStreamTrack | null;
  /** A shared tab's audio, when the browser offered it. */
  screenAudio: MediaStreamTrack | null;
}

export interface LocalMediaState {
  /** Unmuted: the microphone is sent. */
  micOn: boolean;
  /** The camera is open and sent (it is closed, light off, when not). */
  cameraOn: boolean;
  screenOn: boolean;
  noiseSuppression: boolean;
  /** The devices asked for; null for the browser's default. */
  audioInputId: string | null;
  videoInputId: string | null;
  tracks: LocalTracks;
}

export type LocalMediaErrorKind = 'microphone' | 'camera' | 'noise-suppression';

export interface LocalMediaOptions {
  rtc: RtcEnvironment;
  noiseSuppressor: NoiseSuppressor | null;
  logger: Logger;
  /** A device failed in the background (the meeting goes on without it). */
  onError(kind: LocalMediaErrorKind, error: unknown): void;
  /** A track ended by itself: a device unplugged, the browser's own "Stop sharing" button. */
  onEnded(source: 'mic' | 'camera' | 'screen'): void;
}

export interface LocalMediaStart {
  micOn: boolean;
  cameraOn: boolean;
  audioInputId?: string;
  videoInputId?: string;
  stream?: MediaStream;
  noiseSuppression: boolean;
}

const micConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
const cameraConstraints = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };

/**
 * This participant's devices: the microphone (through noise suppression when on), the camera
 * and the screen share. Owns every track it holds and stops them when done. Knows nothing of
 * peer connections; the room puts `state.tracks` on them after each change.
 */
export class LocalMedia {
  readonly #options: LocalMediaOptions;
  #micRaw: MediaStreamTrack | null = null;
  #filter: FilteredTrack | null = null;
  #camera: MediaStreamTrack | null = null;
  #screen: { video: MediaStreamTrack; audio: MediaStreamTrack | null } | null = null;
  #micOn = false;
  #noiseSuppression = false;
  #audioInputId: string | null = null;
  #videoInputId: string | null = null;
  #closed = false;
  #state: LocalMediaState;

  constructor(options: LocalMediaOptions) {
    this.#options = options;
    this.#state = this.#build();
  }

  /** A new object after each change. */
  get state(): LocalMediaState {
    return this.#state;
  }

  get noiseSuppressionSupported(): boolean {
    return this.#options.noiseSuppressor?.supported ?? false;
  }

  /** The microphone as captured, before noise suppression; null when it is not open. */
  get microphone(): MediaStreamTrack | null {
    return this.#micRaw;
  }

  /**
   * Opens the devices for joining. The microphone opens even when joining muted, so unmuting is
   * instant; the camera only when it is to be on. A device that fails is reported, not thrown.
   */
  async start(options: LocalMediaStart): Promise<void> {
    this.#audioInputId = options.audioInputId ?? null;
    this.#videoInputId = options.videoInputId ?? null;
    this.#micOn = options.micOn;
    this.#noiseSuppression = options.noiseSuppression && this.noiseSuppressionSupported;
    const given = { audio: options.stream?.getAudioTracks()[0], video: options.stream?.getVideoTracks()[0] };
    if (given.video && !options.cameraOn) given.video.stop();
    const mic = given.audio ? Promise.resolve(given.audio) : this.#open('audio');
    const camera = !options.cameraOn
      ? null
      : given.video
        ? Promise.resolve(given.video)
        : this.#open('video');
    const [micResult, cameraResult] = await Promise.allSettled([mic, camera]);
    if (micResult.status === 'fulfilled') {
      await this.#useMicrophone(micResult.value);
    } else {
      this.#micOn = false;
      this.#failed('microphone', micResult.reason);
    }
    if (cameraResult.status === 'fulfilled' && cameraResult.value) this.#useCamera(cameraResult.value);
    else if (cameraResult.status === 'rejected') this.#failed('camera', cameraResult.reason);
    this.#changed();
  }

  /** Opens the microphone when there is none (it failed or was unplugged). Throws if it cannot. */
  async openMicrophone(): Promise<void> {
    if (this.#micRaw) return;
    await this.#useMicrophone(await this.#open('audio'));
    this.#changed();
  }

  setMicOn(on: boolean): void {
    if (this.#micOn === on) return;
    this.#micOn = on;
    this.#applyMicEnabled();
    this.#changed();
  }

  async openCamera(): Promise<void> {
    if (this.#camera) return;
    this.#useCamera(await this.#open('video'));
    this.#changed();
  }

  /** Stops the camera, so its light goes off. */
  closeCamera(): void {
    if (!this.#camera) return;
    this.#camera.stop();
    this.#camera = null;
    this.#changed();
  }

  /** Asks the person what to share. Rejects (NotAllowedError) when they cancel. */
  async openScreen(): Promise<void> {
    if (this.#screen) return;
    const stream = await this.#options.rtc.getDisplayMedia({
      video: { frameRate: { ideal: 15, max: 30 } },
      audio: true,
    });
    const video = stream.getVideoTracks()[0];
    const audio = stream.getAudioTracks()[0] ?? null;
    if (!video || this.#closed) {
      for (const track of stream.getTracks()) track.stop();
      if (!video) throw new TypeError('the shared screen has no video track');
      return;
    }
    // Text and slides: keep resolution, drop frames under pressure.
    video.contentHint = 'detail';
    video.addEventListener('ended', () => this.#options.onEnded('screen'), { once: true });
    this.#screen = { video, audio };
    this.#changed();
  }

  closeScreen(): void {
    if (!this.#screen) return;
    this.#screen.video.stop();
    this.#screen.audio?.stop();
    this.#screen = null;
    this.#changed();
  }

  async setNoiseSuppression(on: boolean): Promise<void> {
    if (on && !this.noiseSuppressionSupported) {
      throw new TypeError('Noise suppression is not available in this browser');
    }
    if (this.#noiseSuppression === on) return;
    this.#noiseSuppression = on;
    if (this.#micRaw) await this.#useMicrophone(this.#micRaw);
    this.#changed();
  }

  /** The new microphone opens before the old one closes, so the sound does not drop meanwhile. */
  async switchMicrophone(deviceId: string): Promise<void> {
    this.#audioInputId = deviceId;
    if (this.#micRaw) await this.#useMicrophone(await this.#open('audio'));
    this.#changed();
  }

  /** The old camera closes first: phones cannot open their front and back cameras at once. */
  async switchCamera(deviceId: string): Promise<void> {
    this.#videoInputId = deviceId;
    if (this.#camera) {
      this.#camera.stop();
      this.#camera = null;
      this.#useCamera(await this.#open('video'));
    }
    this.#changed();
  }

  /** Stops every track; devices opened later (a prompt still open) are stopped as they arrive. */
  close(): void {
    this.#closed = true;
    this.#filter?.close();
    this.#filter = null;
    this.#micRaw?.stop();
    this.#micRaw = null;
    this.#camera?.stop();
    this.#camera = null;
    this.closeScreen();
    this.#changed();
  }

  async #open(kind: 'audio' | 'video'): Promise<MediaStreamTrack> {
    const deviceId = kind === 'audio' ? this.#audioInputId : this.#videoInputId;
    const base = kind === 'audio' ? micConstraints : cameraConstraints;
    const constraints = deviceId ? { ...base, deviceId: { exact: deviceId } } : base;
    const stream = await this.#options.rtc.getUserMedia({ [kind]: constraints });
    const track = kind === 'audio' ? stream.getAudioTracks()[0] : stream.getVideoTracks()[0];
    if (!track) throw new TypeError(`getUserMedia gave no ${kind} track`);
    if (this.#closed) {
      track.stop();
      throw new TypeError('the meeting was left while the device opened');
    }
    return track;
  }

  /** Makes `raw` the microphone, through a new filter when suppression is on; releases the old ones. */
  async #useMicrophone(raw: MediaStreamTrack): Promise<void> {
    let filter: FilteredTrack | null = null;
    if (this.#noiseSuppression && this.#options.noiseSuppressor) {
      try {
        filter = await this.#options.noiseSuppressor.apply(raw);
      } catch (error) {
        // The meeting is better with an unfiltered microphone than with none.
        this.#noiseSuppression = false;
        this.#failed('noise-suppression', error);
      }
    }
    const old = { raw: this.#micRaw, filter: this.#filter };
    if (this.#closed) {
      filter?.close();
      raw.stop();
      return;
    }
    if (raw !== old.raw) raw.addEventListener('ended', () => this.#onMicEnded(raw), { once: true });
    this.#micRaw = raw;
    this.#filter = filter;
    this.#applyMicEnabled();
    old.filter?.close();
    if (old.raw && old.raw !== raw) old.raw.stop();
  }

  #onMicEnded(raw: MediaStreamTrack): void {
    if (raw !== this.#micRaw) return;
    this.#filter?.close();
    this.#filter = null;
    this.#micRaw = null;
    this.#changed();
    this.#options.onEnded('mic');
  }

  #useCamera(track: MediaStreamTrack): void {
    if (this.#closed) {
      track.stop();
      return;
    }
    track.addEventListener(
      'ended',
      () => {
        if (track === this.#camera) this.#options.onEnded('camera');
      },
      { once: true },
    );
    this.#camera = track;
  }

  /** Muted means nothing leaves the browser: the raw track and the filter's output are both off. */
  #applyMicEnabled(): void {
    if (this.#micRaw) this.#micRaw.enabled = this.#micOn;
    if (this.#filter) this.#filter.track.enabled = this.#micOn;
  }

  #failed(kind: LocalMediaErrorKind, error: unknown): void {
    this.#options.logger.warn({ error, kind }, 'local media failed');
    this.#options.onError(kind, error);
  }

  #changed(): void {
    this.#state = this.#build();
  }

  #build(): LocalMediaState {
    return {
      micOn: this.#micOn,
      cameraOn: this.#camera !== null,
      screenOn: this.#screen !== null,
      noiseSuppression: this.#noiseSuppression,
      audioInputId: this.#audioInputId,
      videoInputId: this.#videoInputId,
      tracks: {
        mic: this.#filter?.track ?? this.#micRaw,
        camera: this.#camera,
        screen: this.#screen?.video ?? null,
        screenAudio: this.#screen?.audio ?? null,
      },
    };
  }
}
