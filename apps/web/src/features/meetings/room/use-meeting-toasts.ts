import { useCallback, useEffect, useRef, useState } from 'react';

export interface MeetingToast {
  id: number;
  text: string;
  /** A button on the toast ("Open chat"). */
  action?: { label: string; onSelect(): void };
  /** What it is about, so toasts made moot can go ("chat" once the chat is open). */
  topic?: string;
}

export interface ToastOptions extends Pick<MeetingToast, 'action' | 'topic'> {
  /** How long it stays; 6 s unless said. */
  durationMs?: number;
}

const toastMs = 6_000;
const maxToasts = 4;

/** Short notices over the meeting; each goes after a few seconds, the oldest first when many come. */
export function useMeetingToasts() {
  const [toasts, setToasts] = useState<MeetingToast[]>([]);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setToasts((list) => list.filter((toast) => toast.id !== id));
  }, []);

  const show = useCallback(
    (text: string, { durationMs = toastMs, ...options }: ToastOptions = {}) => {
      const id = nextId.current;
      nextId.current += 1;
      setToasts((list) => [...list, { id, text, ...options }].slice(-maxToasts));
      timers.current.set(
        id,
        setTimeout(() => dismiss(id), durationMs),
      );
    },
    [dismiss],
  );

  /** Removes the toasts about `topic`. */
  const dismissTopic = useCallback((topic: string) => {
    setToasts((list) => {
      for (const toast of list) if (toast.topic === topic) clearTimeout(timers.current.get(toast.id));
      return list.filter((toast) => toast.topic !== topic);
    });
  }, []);

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
    };
  }, []);

  return { toasts, show, dismiss, dismissTopic };
}
