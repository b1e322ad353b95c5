import type {
  BreakoutState,
  MeetingChatMessage,
  MeetingServerFrame,
  NetworkQuality,
  Participant,
  RoomState,
  WaitingPerson,
} from '@parley/protocol';
import type { LinkQuality } from './link-quality.ts';

export interface MeetingQuality {
  /** This browser's own connection, measured from its peer connections; null until measured. */
  local: LinkQuality | null;
  /** Each participant's network quality as the server measures it (including mine). */
  participants: Readonly<Record<string, NetworkQuality>>;
}

/** What the server tells about the meeting. Each change makes a new object of the part that changed. */
export interface MeetingState {
  /** My participant id, once joined. */
  participantId: string | null;
  room: RoomState | null;
  /** Everyone in the meeting, me included, in the server's order. */
  participants: readonly Participant[];
  /** The waiting room; filled for hosts and co-hosts only. */
  waiting: readonly WaitingPerson[];
  chat: readonly MeetingChatMessage[];
  activeSpeaker: string | null;
  quality: MeetingQuality;
  /** The breakout rooms as the server shows them to me; null when there are none. */
  breakouts: BreakoutState | null;
}

export const initialMeetingState: MeetingState = {
  participantId: null,
  room: null,
  participants: [],
  waiting: [],
  chat: [],
  activeSpeaker: null,
  quality: { local: null, participants: {} },
  breakouts: null,
};

/** Applies one server frame; returns `state` itself when the frame changes nothing in it. */
export function reduceMeeting(state: MeetingState, frame: MeetingServerFrame): MeetingState {
  switch (frame.type) {
    case 'joined':
      // The whole state again, also after a reconnect: what happened meanwhile is in it.
      return {
        participantId: frame.participantId,
        room: frame.room,
        participants: frame.participants,
        waiting: frame.waiting,
        chat: frame.chat,
        activeSpeaker: frame.activeSpeaker,
        quality: { local: state.quality.local, participants: {} },
        // The server sends the breakout state before each `joined` (MeetingRoom drops it when none came).
        breakouts: state.breakouts,
      };
    case 'participant-joined':
    case 'participant-updated':
      return { ...state, participants: upsert(state.participants, frame.participant) };
    case 'participant-left':
      return withoutParticipant(state, frame.participantId);
    case 'waiting-room':
      return { ...state, waiting: frame.waiting };
    case 'room-updated':
      return { ...state, room: frame.room };
    case 'active-speaker':
      return frame.participantId === state.activeSpeaker
        ? state
        : { ...state, activeSpeaker: frame.participantId };
    case 'chat':
      if (state.chat.some((message) => message.id === frame.message.id)) return state;
      return { ...state, chat: [...state.chat, frame.message] };
    case 'network-quality':
      return { ...state, quality: { ...state.quality, participants: frame.quality } };
    case 'breakouts':
      return { ...state, breakouts: frame.state };
    default:
      return state;
  }
}

function upsert(participants: readonly Participant[], participant: Participant): readonly Participant[] {
  const index = participants.findIndex((p) => p.id === participant.id);
  if (index < 0) return [...participants, participant];
  return participants.with(index, participant);
}

function withoutParticipant(state: MeetingState, participantId: string): MeetingState {
  const { [participantId]: _gone, ...quality } = state.quality.participants;
  return {
    ...state,
    participants: state.participants.filter((p) => p.id !== participantId),
    activeSpeaker: state.activeSpeaker === participantId ? null : state.activeSpeaker,
    quality: { ...state.quality, participants: quality },
  };
}
