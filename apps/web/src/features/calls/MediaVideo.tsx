import { useEffect, useRef } from 'react';

interface MediaVideoProps {
  stream: MediaStream | null;
  /** My own preview: no sound (no echo), mirrored like a mirror. */
  local?: boolean;
  /** The chosen speaker (setSinkId), or '' for the default. */
  speakerId?: string;
  label: string;
  hidden?: boolean;
}

/** A stream in a <video>; kept playing when hidden, so a voice call's audio still plays. */
export function MediaVideo({
  stream,
  local = false,
  speakerId = '',
  label,
  hidden = false,
}: MediaVideoProps) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (element && element.srcObject !== stream) element.srcObject = stream;
  }, [stream]);
  useEffect(() => {
    const element = ref.current as (HTMLVideoElement & { setSinkId?(id: string): Promise<void> }) | null;
    if (local || !element?.setSinkId) return;
    element.setSinkId(speakerId).catch(() => {
      // The speaker went away: the browser keeps playing on the default one.
    });
  }, [speakerId, local]);
  return (
    <video
      ref={ref}
      className={`call-video${local ? ' call-video-local' : ''}${hidden ? ' call-video-hidden' : ''}`}
      autoPlay
      playsInline
      muted={local}
      aria-label={label}
    />
  );
}
