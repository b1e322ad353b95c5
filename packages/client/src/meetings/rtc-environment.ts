import { type LevelMeter, webAudioLevelMeter } from './level-meter.ts';

/**
 * The browser media APIs a meeting uses. Browsers get them from browserRtc(); tests pass fakes,
 * since Node has none of them.
 */
export interface RtcEnvironment {
  createPeerConnection(configuration: RTCConfiguration): RTCPeerConnection;
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  getDisplayMedia(options: DisplayMediaStreamOptions): Promise<MediaStream>;
  createStream(tracks: MediaStreamTrack[]): MediaStream;
  /** The codecs this browser receives, for setCodecPreferences; null where it cannot say. */
  codecs(kind: 'audio' | 'video'): RTCRtpCodec[] | null;
  /**
   * Measures how loud a microphone is, for the "you are muted" hint; left out or null where
   * nothing can measure it (then there is no hint).
   */
  levelMeter?(track: MediaStreamTrack): LevelMeter | null;
}

/** The page's own APIs, looked up when used (so that creating a room never touches them). */
export function browserRtc(): RtcEnvironment {
  return {
    createPeerConnection: (configuration) => new RTCPeerConnection(configuration),
    // navigator.mediaDevices is missing on insecure origins: this throws a TypeError the caller reports.
    getUserMedia: (constraints) => navigator.mediaDevices.getUserMedia(constraints),
    getDisplayMedia: (options) => navigator.mediaDevices.getDisplayMedia(options),
    createStream: (tracks) => new MediaStream(tracks),
    codecs: (kind) => globalThis.RTCRtpReceiver?.getCapabilities(kind)?.codecs ?? null,
    levelMeter: webAudioLevelMeter,
  };
}
