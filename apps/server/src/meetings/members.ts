import type { MeetingRole, MeetingServerFrame, Participant, WaitingPerson } from '@parley/protocol';
import type { PeerConnections } from './peer-connections.ts';

/** The server end of one participant's meeting socket. */
export interface MeetingSocket {
  send(frame: MeetingServerFrame): void;
  close(code: number, reason: string): void;
}

/** Someone in the meeting or in its waiting room, as this node knows them. */
export interface Member {
  id: string;
  userId: string | null;
  guestKey: string | null;
  displayName: string;
  role: MeetingRole;
  state: 'waiting' | 'joined';
  audioOn: boolean;
  videoOn: boolean;
  screenOn: boolean;
  handRaisedAt: number | null;
  joinedAt: number;
  waitingSince: number;
  socket: MeetingSocket | null;
  /** The breakout room they are in (the main room's Breakouts moves them); null in the main room. */
  breakoutRoomId: string | null;
  /** Their peer connections with the SFU, so that those of a room left stay out of the next. */
  connections: PeerConnections;
  /** Ends the participant's stay if they do not reconnect in time. */
  grace: NodeJS.Timeout | undefined;
}

/** The participant row behind a token, as the socket found it. */
export interface Arrival {
  participantId: string;
  userId: string | null;
  guestKey: string | null;
  displayName: string;
  /** Admitted before (the node restarted since): no waiting room again. */
  admittedBefore: boolean;
}

/** Hosts and co-hosts may use the host controls. */
export function canHost(member: Member): boolean {
  return member.role === 'host' || member.role === 'cohost';
}

/** A joined member as everyone in the meeting sees them. */
export function toParticipant(member: Member): Participant {
  return {
    id: member.id,
    displayName: member.displayName,
    userId: member.userId,
    role: member.role,
    audioOn: member.audioOn,
    videoOn: member.videoOn,
    screenOn: member.screenOn,
    handRaisedAt: member.handRaisedAt === null ? null : new Date(member.handRaisedAt).toISOString(),
    connection: member.socket ? 'connected' : 'reconnecting',
    joinedAt: new Date(member.joinedAt).toISOString(),
  };
}

/** A member of the waiting room as hosts see them. */
export function toWaitingPerson(member: Member): WaitingPerson {
  return {
    participantId: member.id,
    displayName: member.displayName,
    guest: member.userId === null,
    since: new Date(member.waitingSince).toISOString(),
  };
}
