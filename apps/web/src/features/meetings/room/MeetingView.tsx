import { isFinal, type MeetingRoom } from '@parley/client';
import { useState, useSyncExternalStore } from 'react';
import { useDocumentTitle } from '../../../app/use-document-title.ts';
import { InMeeting } from './InMeeting.tsx';
import { ConnectingScreen, FinalScreen, WaitingScreen } from './StatusScreens.tsx';
import './MeetingView.css';

interface MeetingViewProps {
  /** A room whose join() was called. */
  room: MeetingRoom;
  /** Back to where the person came from: after the meeting, or when leaving before getting in. */
  onExit(): void;
}

/** A meeting from the first connection to the screen after it: the screen for each status. */
export function MeetingView({ room, onExit }: MeetingViewProps) {
  const snapshot = useSyncExternalStore(room.subscribe, room.getSnapshot);
  const [endedByMe, setEndedByMe] = useState(false);
  const { status } = snapshot;
  useDocumentTitle(snapshot.room?.title ?? (status.status === 'waiting' ? status.title : 'Meeting'));

  // Before getting in there is nothing to say after leaving: straight back.
  const leaveBeforeJoining = () => {
    room.leave().finally(onExit);
  };

  if (isFinal(status)) return <FinalScreen status={status} endedByMe={endedByMe} onClose={onExit} />;
  if (status.status === 'waiting') return <WaitingScreen title={status.title} onLeave={leaveBeforeJoining} />;
  const me = snapshot.participantId;
  if (me !== null && (status.status === 'joined' || status.status === 'reconnecting')) {
    return (
      <InMeeting
        room={room}
        snapshot={snapshot}
        me={me}
        onEnd={async () => {
          setEndedByMe(true);
          try {
            await room.end();
          } catch (error) {
            setEndedByMe(false);
            throw error;
          }
        }}
      />
    );
  }
  return (
    <ConnectingScreen
      reconnecting={status.status === 'reconnecting' ? status : null}
      onLeave={leaveBeforeJoining}
    />
  );
}
