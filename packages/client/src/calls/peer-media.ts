import type { RtcEnvironment } from '../meetings/rtc-environment.ts';
import { cameraConstraints, micConstraints } from './call-devices.ts';
import type { Session } from './call-session.ts';

/*
 * This device's microphone, camera and screen in a peer-to-peer call: the session's device fields
 * and the tracks on the direct connection change together. (In the SFU, the call's room does it.)
 * Each returns whether the local tracks changed, so that the preview and the other side follow.
 */

/** Mutes by disabling the track: unmuting is instant, and the connection keeps its sender. */
export function setPeerMic(session: Session, on: boolean): boolean {
  if (session.mic) session.mic.enabled = on;
  session.micOn = on;
  return false;
}

/** Opens or stops the camera; while the screen is shared it stays off the connection. */
export async function setPeerCamera(session: Session, rtc: RtcEnvironment, on: boolean): Promise<boolean> {
  if (on && !session.camera) {
    session.camera = (await rtc.getUserMedia({ video: cameraConstraints })).getVideoTracks()[0] ?? null;
  }
  if (!on && session.camera) {
    // Stopped, not just disabled: the camera light goes off.
    session.camera.stop();
    session.camera = null;
  }
  session.cameraOn = on;
  if (!session.screen) await session.peer?.setTrack('video', session.camera);
  return true;
}

/**
 * Sends the screen in place of the camera, or the camera again. `onEnded` runs when the browser's
 * own "Stop sharing" ends the capture.
 */
export async function setPeerScreen(
  session: Session,
  rtc: RtcEnvironment,
  on: boolean,
  onEnded: () => void,
): Promise<boolean> {
  if (on === session.screenOn) return false;
  if (on) {
    const screen = (await rtc.getDisplayMedia({ video: true, audio: false })).getVideoTracks()[0];
    if (!screen) return false;
    screen.addEventListener('ended', () => {
      if (session.screen === screen) onEnded();
    });
    session.screen = screen;
    session.screenOn = true;
    await session.peer?.setTrack('video', screen);
  } else {
    session.screen?.stop();
    session.screen = null;
    session.screenOn = false;
    await session.peer?.setTrack('video', session.camera);
  }
  return true;
}

/** Another microphone (keeping the mute) or camera (only while it is on); the old one is released. */
export async function switchPeerDevice(
  session: Session,
  rtc: RtcEnvironment,
  kind: 'audioinput' | 'videoinput',
  deviceId: string,
): Promise<boolean> {
  const audio = kind === 'audioinput';
  if (!audio && !session.camera) return false;
  const stream = await rtc.getUserMedia(
    audio
      ? { audio: { ...micConstraints, deviceId: { exact: deviceId } } }
      : { video: { ...cameraConstraints, deviceId: { exact: deviceId } } },
  );
  const track = (audio ? stream.getAudioTracks() : stream.getVideoTracks())[0];
  if (!track) return false;
  if (audio) {
    track.enabled = session.micOn;
    session.mic?.stop();
    session.mic = track;
    await session.peer?.setTrack('audio', track);
  } else {
    session.camera?.stop();
    session.camera = track;
    if (!session.screen) await session.peer?.setTrack('video', track);
  }
  return true;
}
