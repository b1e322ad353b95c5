import { useEffect, useState } from 'react';

/**
 * The browser's cameras, microphones and speakers, listed again when one is plugged in or out and
 * whenever `refresh` changes (labels and ids only appear once a permission was granted).
 */
export function useMediaDevices(refresh: unknown): MediaDeviceInfo[] {
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `refresh` only says when to list again
  useEffect(() => {
    const media = globalThis.navigator?.mediaDevices;
    if (!media?.enumerateDevices) return;
    let cancelled = false;
    const list = () => {
      media.enumerateDevices().then(
        (found) => {
          // Before permission, entries have no id: nothing can be chosen yet.
          if (!cancelled) setDevices(found.filter((device) => device.deviceId !== ''));
        },
        () => {
          // Listing failed: the selects offer only the default device.
        },
      );
    };
    list();
    media.addEventListener('devicechange', list);
    return () => {
      cancelled = true;
      media.removeEventListener('devicechange', list);
    };
  }, [refresh]);
  return devices;
}
