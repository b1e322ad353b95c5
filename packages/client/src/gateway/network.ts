/** Whether the device has a network, so reconnecting waits for one instead of spinning. */
export interface NetworkMonitor {
  isOnline(): boolean;
  /** Calls `listener` when the network comes back; returns the unsubscribe function. */
  onOnline(listener: () => void): () => void;
}

/** navigator.onLine and the window's `online` event in browsers; always online elsewhere. */
export function defaultNetwork(): NetworkMonitor {
  const target = typeof window === 'undefined' ? undefined : window;
  return {
    isOnline: () => target?.navigator.onLine ?? true,
    onOnline(listener) {
      target?.addEventListener('online', listener);
      return () => target?.removeEventListener('online', listener);
    },
  };
}
