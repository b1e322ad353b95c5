import { useCallback, useEffect, useState } from 'react';
import type { ToastMessage } from './StatusToast.tsx';

/** The message for a StatusToast, which goes away by itself after `durationMs`. */
export function useToast(durationMs = 3000): { message: ToastMessage | null; show(text: string): void } {
  const [message, setMessage] = useState<ToastMessage | null>(null);
  useEffect(() => {
    if (message === null) return;
    const timer = setTimeout(() => setMessage(null), durationMs);
    return () => clearTimeout(timer);
  }, [message, durationMs]);
  const show = useCallback((text: string) => setMessage((last) => ({ id: (last?.id ?? 0) + 1, text })), []);
  return { message, show };
}
