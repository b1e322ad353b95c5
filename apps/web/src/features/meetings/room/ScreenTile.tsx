import type { Participant } from '@parley/protocol';
import { ShareScreenIcon } from './meeting-icons.tsx';
import { StreamVideo } from './StreamVideo.tsx';

interface ScreenTileProps {
  participant: Participant;
  isMe: boolean;
  stream: MediaStream | null;
  measureRef?: (element: HTMLElement | null) => void;
}

/**
 * A shared screen in the main area, letterboxed so no text is cut off. My own share shows as a
 * notice: a live copy of my screen would mirror itself endlessly.
 */
export function ScreenTile({ participant, isMe, stream, measureRef }: ScreenTileProps) {
  const label = isMe ? 'Your screen' : `${participant.displayName}'s screen`;
  return (
    <figure ref={measureRef} className="tile tile-main tile-screen" aria-label={label}>
      {isMe ? (
        <div className="screen-notice">
          <ShareScreenIcon />
          <p>You are sharing your screen</p>
          <p className="small">Everyone in the meeting can see it.</p>
        </div>
      ) : stream !== null ? (
        <StreamVideo
          stream={stream}
          source="screen"
          participantId={participant.id}
          className="tile-video contain"
        />
      ) : (
        <div className="screen-notice">
          <p>Loading {participant.displayName}'s screen…</p>
        </div>
      )}
      <figcaption className="tile-caption">
        <span className="tile-name">{label}</span>
      </figcaption>
    </figure>
  );
}
