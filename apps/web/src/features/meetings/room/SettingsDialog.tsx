import type { LocalMediaState } from '@parley/client';
import { useId } from 'react';
import { Dialog } from '../../../components/Dialog.tsx';
import { useMediaDevices } from '../use-media-devices.ts';
import { canChooseAudioOutput } from './audio-output.ts';

interface SettingsDialogProps {
  local: LocalMediaState;
  /** The chosen speaker; null for the system default. */
  audioOutput: string | null;
  onSwitch(kind: 'audioinput' | 'videoinput', deviceId: string): void;
  onAudioOutput(deviceId: string | null): void;
  onClose(): void;
}

/** Which microphone, camera and speaker the meeting uses. */
export function SettingsDialog({
  local,
  audioOutput,
  onSwitch,
  onAudioOutput,
  onClose,
}: SettingsDialogProps) {
  // Listed once when the dialog opens (the meeting already has permission), and on device changes.
  const devices = useMediaDevices(null);
  return (
    <Dialog title="Settings" onClose={onClose}>
      <DeviceSelect
        label="Microphone"
        devices={devices.filter((device) => device.kind === 'audioinput')}
        value={local.audioInputId ?? ''}
        onChange={(id) => onSwitch('audioinput', id)}
      />
      <DeviceSelect
        label="Camera"
        devices={devices.filter((device) => device.kind === 'videoinput')}
        value={local.videoInputId ?? ''}
        onChange={(id) => onSwitch('videoinput', id)}
      />
      {canChooseAudioOutput() && (
        <DeviceSelect
          label="Speaker"
          devices={devices.filter((device) => device.kind === 'audiooutput')}
          value={audioOutput ?? ''}
          onChange={(id) => onAudioOutput(id === '' ? null : id)}
        />
      )}
      <p className="muted small">The camera changes when it is on; a closed camera opens with this choice.</p>
    </Dialog>
  );
}

interface DeviceSelectProps {
  label: string;
  devices: MediaDeviceInfo[];
  /** '' for the system default. */
  value: string;
  onChange(deviceId: string): void;
}

function DeviceSelect({ label, devices, value, onChange }: DeviceSelectProps) {
  const id = useId();
  // Chromium lists a "default" entry of its own: it is the same as the empty choice.
  const listed = devices.filter((device) => device.deviceId !== '' && device.deviceId !== 'default');
  const known = value === '' || listed.some((device) => device.deviceId === value);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={known ? value : ''} onChange={(event) => onChange(event.currentTarget.value)}>
        <option value="">System default</option>
        {listed.map((device, index) => (
          <option key={device.deviceId} value={device.deviceId}>
            {/* Labels stay empty until the browser was allowed to use a device. */}
            {device.label || `${label} ${index + 1}`}
          </option>
        ))}
      </select>
    </div>
  );
}
