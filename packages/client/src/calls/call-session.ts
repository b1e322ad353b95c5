import type { Call, CallConnection, CallSignal, PublicUser } from '@parley/protocol';
import type { RtcEnvironment } from '../meetings/rtc-environment.ts';
import type { OpenedDevices } from './call-devices.ts';
import type { CallPeer, CallPhase, CallView } from './call-types.ts';
import type { PeerLink } from './peer-link.ts';
import type { CallRoom, RoomView } from './room-link.ts';

/** The call on this device, with everything it holds. */
export interface Session {
  call: Call;
  phase: CallPhase;
  direction: 'incoming' | 'outgoing';
  connection: CallConnection | null;
  /** This device's open devices (in SFU mode the room owns them). */
  mic: MediaStreamTrack | null;
  camera: MediaStreamTrack | null;
  screen: MediaStreamTrack | null;
  localStream: MediaStream | null;
  micOn: boolean;
  cameraOn: boolean;
  screenOn: boolean;
  peer: PeerLink | null;
  /** Signals that came before the peer connection existed. */
  early: CallSignal[];
  offerSeen: boolean;
  remote: Omit<CallPeer, 'userId' | 'displayName'>;
  room: CallRoom | null;
  roomView: RoomView | null;
  unsubscribeRoom: (() => void) | null;
  movingToSfu: boolean;
  connectedAt: number | null;
  quality: CallView['quality'];
  videoRequest: CallView['videoRequest'];
  endedReason: CallView['endedReason'];
  error: string | null;
  closed: boolean;
  /** The chat's people by user id, once read. */
  people: Map<string, PublicUser>;
}

export function newSession(
  call: Call,
  direction: Session['direction'],
  devices: OpenedDevices | null,
): Session {
  return {
    call,
    phase: direction === 'incoming' ? 'incoming' : 'outgoing',
    direction,
    connection: null,
    mic: null,
    camera: null,
    screen: null,
    localStream: null,
    micOn: true,
    cameraOn: false,
    screenOn: false,
    peer: null,
    early: [],
    offerSeen: false,
    remote: { stream: null, audioOn: true, videoOn: call.media === 'video', screenOn: false },
    room: null,
    roomView: null,
    unsubscribeRoom: null,
    movingToSfu: false,
    connectedAt: null,
    quality: null,
    videoRequest: 'none',
    endedReason: null,
    error: null,
    closed: false,
    people: new Map([[call.caller.id, call.caller]]),
    ...devices?.session,
  };
}

/** What the device sends, as one stream for the self view: the microphone and the screen or camera. */
export function localStreamOf(rtc: RtcEnvironment, session: Session): MediaStream | null {
  const tracks = [session.mic, session.screen ?? session.camera].filter((track): track is MediaStreamTrack =>
    Boolean(track),
  );
  return tracks.length > 0 ? rtc.createStream(tracks) : null;
}

/** The immutable view of a session, for `calls.current`. */
export function viewOf(session: Session, myUserId: string | null): CallView {
  const roomView = session.roomView;
  return {
    call: session.call,
    phase: session.phase,
    direction: session.direction,
    transport: session.call.transport,
    localStream: roomView?.localStream ?? session.localStream,
    peers: roomView ? roomView.peers : directPeers(session, myUserId),
    micOn: session.micOn,
    cameraOn: session.cameraOn,
    screenOn: session.screenOn,
    connectedAt: session.connectedAt,
    quality: session.quality,
    videoRequest: session.videoRequest,
    endedReason: session.endedReason,
    error: session.error,
  };
}

/** The other person of a direct call (from the chat's members until answered), or the caller of a call ringing here. */
function directPeers(session: Session, myUserId: string | null): CallPeer[] {
  const { call } = session;
  const other =
    session.direction === 'incoming'
      ? call.caller.id
      : (call.participantIds.find((id) => id !== myUserId) ??
        [...session.people.keys()].find((id) => id !== myUserId));
  if (!other) return [];
  // The caller's profile comes with the call, for when their chat is not on this device yet.
  const person = session.people.get(other) ?? (other === call.caller.id ? call.caller : undefined);
  return [{ userId: other, displayName: person?.displayName ?? person?.phone ?? '', ...session.remote }];
}
