import type { NetworkQuality, RoomState } from '@parley/protocol';
import { useNow } from '../../../app/use-now.ts';
import { InfoIcon } from '../../../components/icons.tsx';
import { LockIcon } from './meeting-icons.tsx';
import { formatElapsed } from './meeting-words.ts';
import { QualityIndicator } from './QualityIndicator.tsx';
import { RecordingIndicator } from './RecordingIndicator.tsx';

/** The meeting's title (or my breakout room), how long it has run, whether it is locked, and my connection. */
export function MeetingHeader({
  room,
  breakoutRoom = null,
  quality,
  onInfo,
}: {
  room: RoomState | null;
  /** The name of the breakout room I am in; null in the main room. */
  breakoutRoom?: string | null;
  quality: NetworkQuality | null;
  /** Opens the meeting's title and id. */
  onInfo(): void;
}) {
  const now = useNow(1_000);
  return (
    <header className="meeting-header">
      <div className="meeting-heading">
        {breakoutRoom !== null && <span className="meeting-room-tag">Breakout room</span>}
        <h1 className="meeting-title">{breakoutRoom ?? room?.title ?? 'Meeting'}</h1>
        <button type="button" className="meeting-info-button" aria-label="Meeting info" onClick={onInfo}>
          <InfoIcon />
        </button>
        {room?.locked && <LockIcon label="Meeting locked" />}
        {room && <RecordingIndicator state={room.recording} />}
        {room && (
          <span className="meeting-elapsed">
            <span className="visually-hidden">Time in meeting </span>
            {formatElapsed(room.startedAt, now.getTime())}
          </span>
        )}
      </div>
      {quality !== null && <QualityIndicator quality={quality} />}
    </header>
  );
}
