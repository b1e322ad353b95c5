import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { initialPreview, MediaPreview, type PreviewRequest, type PreviewSnapshot } from './media-preview.ts';

const noSubscription = () => () => {};
const getInitial = () => initialPreview;

/** A MediaPreview for the life of the screen, kept in line with `request`. */
export function useMediaPreview(request: PreviewRequest): PreviewSnapshot & {
  /** Hands the open tracks over (to MeetingRoom.join); the preview is finished after this. */
  take(): MediaStream | undefined;
} {
  const [preview, setPreview] = useState<MediaPreview | null>(null);
  useEffect(() => {
    const created = new MediaPreview(globalThis.navigator?.mediaDevices);
    setPreview(created);
    return () => created.close();
  }, []);

  const { audioInputId, videoInputId, camera } = request;
  useEffect(() => {
    preview?.configure({ audioInputId, videoInputId, camera });
  }, [preview, audioInputId, videoInputId, camera]);

  const snapshot = useSyncExternalStore(
    preview?.subscribe ?? noSubscription,
    preview?.getSnapshot ?? getInitial,
  );
  const take = useCallback(() => preview?.take(), [preview]);
  return { ...snapshot, take };
}
