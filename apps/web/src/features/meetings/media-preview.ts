// The SDK opens devices with these constraints (packages/client local-media.ts); the preview opens
// them the same way because the meeting takes over the preview's tracks when joining.
const micConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
const cameraConstraints = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };

export interface PreviewRequest {
  /** null: the browser's default device. */
  audioInputId: string | null;
  videoInputId: string | null;
  /** Whether the camera should be open ("Join with camera off" closes it, light off). */
  camera: boolean;
}

export interface PreviewSnapshot {
  mic: MediaStreamTrack | null;
  camera: MediaStreamTrack | null;
  micError: unknown;
  cameraError: unknown;
  /** Until the first request for the devices has been answered (a permission prompt may be open). */
  asking: boolean;
}

type Kind = 'audio' | 'video';

const missingDevice = new Set(['OverconstrainedError', 'NotFoundError']);

/** Before the preview exists (its first render). */
export const initialPreview: PreviewSnapshot = {
  mic: null,
  camera: null,
  micError: null,
  cameraError: null,
  asking: true,
};

/**
 * The camera and microphone before joining: opened as asked, reopened when another device is chosen,
 * stopped when closed, or handed over to the meeting with take(). Races (a device chosen while
 * another opens) are settled by a generation per kind: a track that arrives late is stopped.
 */
export class MediaPreview {
  readonly #devices: MediaDevices | undefined;
  readonly #listeners = new Set<() => void>();
  readonly #generation = { audio: 0, video: 0 };
  #snapshot = initialPreview;
  #current: PreviewRequest | null = null;
  #closed = false;

  constructor(devices: MediaDevices | undefined) {
    this.#devices = devices;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): PreviewSnapshot => this.#snapshot;

  /** Opens, reopens or closes devices so they match `request`. */
  configure(request: PreviewRequest): void {
    if (this.#closed) return;
    const before = this.#current;
    this.#current = request;
    if (before === null) {
      void this.#openBoth(request);
      return;
    }
    if (request.audioInputId !== before.audioInputId) void this.#reopen('audio', request.audioInputId);
    if (
      request.camera !== before.camera ||
      (request.camera && request.videoInputId !== before.videoInputId)
    ) {
      if (request.camera) void this.#reopen('video', request.videoInputId);
      else this.#release('video');
    }
  }

  /** The open tracks, for MeetingRoom.join({ localStream }); the preview lets go of them and closes. */
  take(): MediaStream | undefined {
    const tracks = [this.#snapshot.mic, this.#snapshot.camera].filter(
      (track): track is MediaStreamTrack => track !== null && track.readyState === 'live',
    );
    this.#set({ mic: null, camera: null });
    this.close();
    return tracks.length === 0 ? undefined : new MediaStream(tracks);
  }

  close(): void {
    this.#closed = true;
    this.#release('audio');
    this.#release('video');
  }

  /** One request for both, so the browser asks once; if it fails, each alone, so one can work without the other. */
  async #openBoth(request: PreviewRequest): Promise<void> {
    const audio = ++this.#generation.audio;
    const video = request.camera ? ++this.#generation.video : this.#generation.video;
    try {
      const stream = await this.#getUserMedia({
        audio: constraints(micConstraints, request.audioInputId),
        video: request.camera ? constraints(cameraConstraints, request.videoInputId) : false,
      });
      this.#accept('audio', audio, stream.getAudioTracks()[0] ?? null);
      if (request.camera) this.#accept('video', video, stream.getVideoTracks()[0] ?? null);
      else for (const track of stream.getVideoTracks()) track.stop();
    } catch {
      await this.#open('audio', audio, request.audioInputId);
      if (request.camera) await this.#open('video', video, request.videoInputId);
    }
    if (!this.#closed) this.#set({ asking: false });
  }

  async #reopen(kind: Kind, deviceId: string | null): Promise<void> {
    // Phones cannot open two cameras at once: the old track goes first.
    this.#release(kind);
    await this.#open(kind, ++this.#generation[kind], deviceId);
  }

  async #open(kind: Kind, generation: number, deviceId: string | null): Promise<void> {
    try {
      const stream = await this.#getUserMedia({
        [kind]: constraints(kind === 'audio' ? micConstraints : cameraConstraints, deviceId),
      });
      const track = (kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks())[0];
      if (!track) throw new DOMException(`no ${kind} track`, 'NotFoundError');
      this.#accept(kind, generation, track);
    } catch (error) {
      if (generation !== this.#generation[kind] || this.#closed) return;
      // A remembered device that is no longer plugged in: the default one will do.
      if (deviceId !== null && missingDevice.has(errorName(error))) {
        return this.#open(kind, generation, null);
      }
      this.#set(kind === 'audio' ? { micError: error, mic: null } : { cameraError: error, camera: null });
    }
  }

  #accept(kind: Kind, generation: number, track: MediaStreamTrack | null): void {
    if (track === null) return;
    if (generation !== this.#generation[kind] || this.#closed) {
      track.stop();
      return;
    }
    // Unplugged, or stopped from the browser's UI: the default device takes over if there is one.
    track.addEventListener('ended', () => {
      const current = kind === 'audio' ? this.#snapshot.mic : this.#snapshot.camera;
      if (current === track && !this.#closed) void this.#reopen(kind, null);
    });
    this.#set(kind === 'audio' ? { mic: track, micError: null } : { camera: track, cameraError: null });
  }

  #release(kind: Kind): void {
    this.#generation[kind]++;
    const track = kind === 'audio' ? this.#snapshot.mic : this.#snapshot.camera;
    track?.stop();
    this.#set(kind === 'audio' ? { mic: null } : { camera: null, cameraError: null });
  }

  #getUserMedia(request: MediaStreamConstraints): Promise<MediaStream> {
    if (!this.#devices?.getUserMedia) {
      // Insecure origins (plain http other than localhost) have no navigator.mediaDevices.
      return Promise.reject(new DOMException('no media devices here', 'NotSupportedError'));
    }
    return this.#devices.getUserMedia(request);
  }

  #set(changes: Partial<PreviewSnapshot>): void {
    const next = { ...this.#snapshot, ...changes };
    const keys = Object.keys(changes) as (keyof PreviewSnapshot)[];
    if (keys.every((key) => next[key] === this.#snapshot[key])) return;
    this.#snapshot = next;
    for (const listener of this.#listeners) listener();
  }
}

function constraints<T extends object>(
  base: T,
  deviceId: string | null,
): T | (T & { deviceId: { exact: string } }) {
  return deviceId === null ? base : { ...base, deviceId: { exact: deviceId } };
}

function errorName(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
}
