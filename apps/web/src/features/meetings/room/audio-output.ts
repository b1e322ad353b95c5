/**
 * The speaker (audio output) chosen for meetings, kept in this browser. The pre-join screen may
 * save it too; the meeting reads it when it starts and whenever the person changes it.
 */
const key = 'parley.meetings.audioOutput';

/** setSinkId exists in Chromium and Firefox, not in Safari. */
export function canChooseAudioOutput(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

export function readAudioOutput(): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    // Storage blocked (private mode, sandboxed frame): the default device.
    return null;
  }
}

export function saveAudioOutput(deviceId: string | null): void {
  try {
    if (deviceId === null) localStorage.removeItem(key);
    else localStorage.setItem(key, deviceId);
  } catch {
    // Not kept, but used for this meeting anyway.
  }
}
