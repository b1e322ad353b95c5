import { isApiError } from '@parley/client';
import type { Device } from '@parley/protocol';
import { useEffect, useState } from 'react';
import { describeError } from '../../app/error-messages.ts';
import { useSignedInSession } from '../../app/session-context.ts';
import { DeviceList } from '../../components/DeviceList.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';

/** Lists this account's signed-in devices and signs other ones out. */
export function DevicesSection() {
  const { api } = useSignedInSession();
  const [devices, setDevices] = useState<Device[] | null>(null);
  const [pendingId, setPendingId] = useState<string | null>(null);
  const [signingOutOthers, setSigningOutOthers] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const keepDevices = (keep: (device: Device) => boolean) => setDevices((list) => list?.filter(keep) ?? null);

  useEffect(() => {
    let cancelled = false;
    api.listDevices().then(
      (list) => !cancelled && setDevices(list),
      (caught: unknown) => !cancelled && setError(describeError(caught)),
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  async function signOutDevice(id: string) {
    setPendingId(id);
    setError(null);
    try {
      await api.signOutDevice(id);
      keepDevices((device) => device.id !== id);
    } catch (caught) {
      // Already signed out (from that device itself, say): the list just catches up.
      if (isApiError(caught, 'DEVICE_NOT_FOUND')) {
        keepDevices((device) => device.id !== id);
      } else {
        setError(describeError(caught));
      }
    } finally {
      setPendingId(null);
    }
  }

  async function signOutOthers() {
    setSigningOutOthers(true);
    setError(null);
    try {
      await api.signOutOtherDevices();
      keepDevices((device) => device.current);
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setSigningOutOthers(false);
    }
  }

  return (
    <>
      {devices === null ? (
        error === null && (
          <p role="status" className="muted">
            Loading devices…
          </p>
        )
      ) : (
        <DeviceList
          devices={devices}
          now={Date.now()}
          pendingId={pendingId}
          onSignOut={signOutDevice}
          signingOutOthers={signingOutOthers}
          onSignOutOthers={signOutOthers}
        />
      )}
      <ErrorAlert message={error} />
    </>
  );
}
