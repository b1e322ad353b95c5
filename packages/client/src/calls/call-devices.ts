import type { RtcEnvironment } from '../meetings/rtc-environment.ts';

export interface OpenedDevices {
  /** Every track opened, for stopping them. */
  tracks: MediaStreamTrack[];
  /** The call session's device fields. */
  session: {
    mic: MediaStreamTrack | null;
    camera: MediaStreamTrack | null;
    localStream: MediaStream | null;
    micOn: boolean;
    cameraOn: boolean;
  };
}

export const micConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
export const cameraConstraints = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };

/**
 * Opens the microphone, and the camera for a video call, before anything is sent: a call that
 * cannot have a microphone does not ring anyone. Rejects with the browser's DOMException.
 */
export async function openDevices(
  rtc: RtcEnvironment,
  wanted: { audio: boolean; video: boolean },
): Promise<OpenedDevices> {
  const tracks: MediaStreamTrack[] = [];
  try {
    if (wanted.audio) tracks.push(...(await rtc.getUserMedia({ audio: micConstraints })).getAudioTracks());
    if (wanted.video) tracks.push(...(await rtc.getUserMedia({ video: cameraConstraints })).getVideoTracks());
  } catch (error) {
    for (const track of tracks) track.stop();
    throw error;
  }
  const mic = tracks.find((track) => track.kind === 'audio') ?? null;
  const camera = tracks.find((track) => track.kind === 'video') ?? null;
  return {
    tracks,
    session: {
      mic,
      camera,
      localStream: tracks.length > 0 ? rtc.createStream(tracks) : null,
      micOn: mic !== null,
      cameraOn: camera !== null,
    },
  };
}

/** What to tell the person when a device could not be opened. */
export function deviceErrorMessage(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Parley may not use your microphone or camera. Allow them in your browser’s site settings and try again.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No microphone or camera was found.';
    case 'NotReadableError':
    case 'AbortError':
      return 'Your microphone or camera is in use by another app, or it stopped working.';
    default:
      return 'Your microphone or camera could not be opened.';
  }
}
