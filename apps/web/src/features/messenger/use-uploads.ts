import { useMemo, useSyncExternalStore } from 'react';
import { useMessengerContext } from './messenger-context.ts';
import type { PendingUpload } from './upload-tracker.ts';

/** Uploads in flight in one chat. */
export function useUploads(chatId: string): PendingUpload[] {
  const { uploads } = useMessengerContext();
  const all = useSyncExternalStore(uploads.subscribe, uploads.snapshot);
  return useMemo(() => all.filter((upload) => upload.chatId === chatId), [all, chatId]);
}
