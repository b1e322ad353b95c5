import type { Device } from '@parley/protocol';
import { formatLastActive } from './format-last-active.ts';
import './DeviceList.css';

interface DeviceListProps {
  devices: readonly Device[];
  now: number;
  /** The device being signed out, if any. */
  pendingId: string | null;
  onSignOut(deviceId: string): void;
  signingOutOthers: boolean;
  onSignOutOthers(): void;
}

/** Every signed-in device, this one first, each other one with its own "Sign out". */
export function DeviceList(props: DeviceListProps) {
  const sorted = [...props.devices].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt),
  );
  const hasOthers = sorted.some((device) => !device.current);
  const busy = props.pendingId !== null || props.signingOutOthers;
  return (
    <div className="stack">
      <ul className="device-list">
        {sorted.map((device) => (
          <li key={device.id} className="device">
            <div className="device-text">
              <span className="device-name">
                {device.name}
                {device.current && <span className="badge">This device</span>}
              </span>
              <span className="muted small">
                {device.current ? 'Active now' : formatLastActive(device.lastSeenAt, props.now)}
              </span>
            </div>
            {!device.current && (
              <button
                type="button"
                className="button secondary small"
                // The visible word is the same on every row; the name says which device it signs out.
                aria-label={`Sign out ${device.name}`}
                onClick={() => props.onSignOut(device.id)}
                disabled={busy}
              >
                {props.pendingId === device.id ? 'Signing out…' : 'Sign out'}
              </button>
            )}
          </li>
        ))}
      </ul>
      {hasOthers && (
        <button type="button" className="button danger" onClick={props.onSignOutOthers} disabled={busy}>
          {props.signingOutOthers ? 'Signing out…' : 'Sign out all other devices'}
        </button>
      )}
    </div>
  );
}
