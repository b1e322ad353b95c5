import type { RemoteTrack } from '@parley/client';
import { useEffect, useRef } from 'react';
import { canChooseAudioOutput } from './audio-output.ts';

interface RemoteAudioProps {
  tracks: readonly RemoteTrack[];
  /** The chosen speaker; null for the system default. */
  sinkId: string | null;
  /** The browser refused to play without a click (autoplay policy). */
  onBlocked(): void;
  /** Bumped by a click on "Turn on sound": every element tries to play again. */
  resumeSignal: number;
}

/** Everyone's voices (and shared tab audio): one never-muted <audio> per remote audio track. */
export function RemoteAudio({ tracks, sinkId, onBlocked, resumeSignal }: RemoteAudioProps) {
  const blocked = useRef(onBlocked);
  blocked.current = onBlocked;
  return (
    <div hidden>
      {tracks
        .filter((track) => track.kind === 'audio')
        .map((track) => (
          <AudioTrack
            key={`${track.participantId}:${track.source}`}
            track={track}
            sinkId={sinkId}
            onBlocked={() => blocked.current()}
            resumeSignal={resumeSignal}
          />
        ))}
    </div>
  );
}

function AudioTrack({
  track,
  sinkId,
  onBlocked,
  resumeSignal,
}: {
  track: RemoteTrack;
  sinkId: string | null;
  onBlocked(): void;
  resumeSignal: number;
}) {
  const ref = useRef<HTMLAudioElement>(null);
  const blocked = useRef(onBlocked);
  blocked.current = onBlocked;

  // biome-ignore lint/correctness/useExhaustiveDependencies: resumeSignal asks for another play()
  useEffect(() => {
    const audio = ref.current;
    if (!audio) return;
    if (audio.srcObject !== track.stream) audio.srcObject = track.stream;
    audio.play().catch((error: unknown) => {
      if (error instanceof DOMException && error.name === 'NotAllowedError') blocked.current();
    });
  }, [track.stream, resumeSignal]);

  useEffect(() => {
    const audio = ref.current;
    if (!audio || !canChooseAudioOutput()) return;
    // A speaker unplugged since it was chosen: the default plays instead.
    audio.setSinkId(sinkId ?? '').catch(() => audio.setSinkId('').catch(() => {}));
  }, [sinkId]);

  return (
    // Live voices have no caption track to offer (that would take live transcription).
    // biome-ignore lint/a11y/useMediaCaption: see above
    <audio ref={ref} autoPlay data-participant-id={track.participantId} data-source={track.source} />
  );
}
