import { SelectField } from '../../components/SelectField.tsx';
import { useMediaDevices } from '../meetings/use-media-devices.ts';
import { describeCallError } from './call-errors.ts';
import type { CallsApi, CallView } from './calls-api.ts';

interface CallDevicesProps {
  calls: CallsApi;
  view: CallView;
  speakerId: string;
  onSpeaker(deviceId: string): void;
  onError(message: string): void;
}

/** Microphone, camera and speaker pickers for the call in progress. */
export function CallDevices({ calls, view, speakerId, onSpeaker, onError }: CallDevicesProps) {
  const devices = useMediaDevices(view.localStream);
  const current = (kind: 'audio' | 'video') =>
    view.localStream
      ?.getTracks()
      .find((track) => track.kind === kind)
      ?.getSettings().deviceId ?? '';
  const options = (kind: MediaDeviceKind) =>
    devices
      .filter((device) => device.kind === kind)
      .map((device, index) => ({ value: device.deviceId, label: device.label || `Device ${index + 1}` }));
  const switchTo = (kind: 'audioinput' | 'videoinput', deviceId: string) =>
    calls.switchDevice(kind, deviceId).catch((error: unknown) => onError(describeCallError(error)));
  const speakers = options('audiooutput');
  return (
    <section className="call-devices" aria-label="Devices">
      <SelectField
        label="Microphone"
        value={current('audio')}
        options={options('audioinput')}
        onChange={(id) => switchTo('audioinput', id)}
      />
      <SelectField
        label="Camera"
        value={current('video')}
        options={options('videoinput')}
        disabled={!view.cameraOn}
        onChange={(id) => switchTo('videoinput', id)}
      />
      {speakers.length > 0 && (
        <SelectField label="Speaker" value={speakerId} options={speakers} onChange={onSpeaker} />
      )}
    </section>
  );
}
