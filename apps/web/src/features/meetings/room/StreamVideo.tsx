import { useEffect, useRef } from 'react';

interface StreamVideoProps {
  stream: MediaStream;
  source: 'camera' | 'screen';
  /** Another participant's video: named by data attributes, for tests and debugging. */
  participantId: string | null;
  className?: string;
}

/**
 * A video track on screen. Always muted: sound plays through RemoteAudio, one element per audio
 * track, so a video tile leaving the page never cuts anyone's voice.
 */
export function StreamVideo({ stream, source, participantId, className = '' }: StreamVideoProps) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    if (video.srcObject !== stream) video.srcObject = stream;
    // autoplay starts it; play() again covers a stream swapped in after the element paused.
    video.play().catch(() => {});
  }, [stream]);
  return (
    <video
      ref={ref}
      className={className}
      autoPlay
      playsInline
      muted
      data-participant-id={participantId ?? undefined}
      data-source={participantId === null ? undefined : source}
    />
  );
}
