import { isFinal, type MeetingRoom } from '@parley/client';
import { useEffect, useRef } from 'react';
import { writeTicket } from './meeting-storage.ts';
import { MeetingView } from './room/MeetingView.tsx';

interface MeetingSessionProps {
  room: MeetingRoom;
  /** The room's participant token, kept in this tab's ticket. */
  participantToken: string;
  /** The meeting's code: the key its ticket is kept under in this tab. */
  code: string;
  onExit(): void;
}

/**
 * The meeting screen, around the room this page joined: keeps the tab's ticket (with the current
 * microphone and camera choices) while the person is in, so a reload comes back as the same
 * participant, and forgets it once they are out.
 */
export function MeetingSession({ room, participantToken, code, onExit }: MeetingSessionProps) {
  useEffect(() => {
    const offState = room.on('state', (status) => {
      if (isFinal(status)) writeTicket(code, null);
    });
    const offLocal = room.on('local-tracks', (local) => {
      if (isFinal(room.getSnapshot().status)) return;
      writeTicket(code, {
        participantToken,
        choices: {
          audio: local.micOn,
          video: local.cameraOn,
          audioInputId: local.audioInputId ?? undefined,
          videoInputId: local.videoInputId ?? undefined,
        },
      });
    });
    return () => {
      offState();
      offLocal();
    };
  }, [room, participantToken, code]);

  // Leaving this screen some other way than the meeting's own (the browser's Back button) leaves
  // the meeting. Deferred a tick: StrictMode unmounts and remounts at once, which must not leave.
  // A reload never gets here, so the server keeps the participant for the reload to come back.
  const leaving = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    clearTimeout(leaving.current);
    return () => {
      leaving.current = setTimeout(() => {
        writeTicket(code, null);
        void room.leave();
      }, 0);
    };
  }, [room, code]);

  return <MeetingView room={room} onExit={onExit} />;
}
