/** Whether the person can see the page: an open chat only counts as read while they can. */
export interface VisibilityMonitor {
  isVisible(): boolean;
  /** Returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
}

/** document.visibilityState in browsers; always visible elsewhere. */
export function defaultVisibility(): VisibilityMonitor {
  const doc = typeof document === 'undefined' ? undefined : document;
  return {
    isVisible: () => doc === undefined || doc.visibilityState === 'visible',
    onChange(listener) {
      doc?.addEventListener('visibilitychange', listener);
      return () => doc?.removeEventListener('visibilitychange', listener);
    },
  };
}
