import type { BreakoutHelpRequest, BreakoutPerson, BreakoutState } from '@parley/protocol';
import { canHost, type Member } from './members.ts';

/** The breakout rooms at one moment, as the main room's Breakouts holds them. */
export interface BreakoutSnapshot {
  status: BreakoutState['status'];
  settings: Pick<BreakoutState, 'assignment' | 'autoMove' | 'timerMinutes' | 'closeCountdownSeconds'>;
  rooms: readonly { id: string; name: string }[];
  /** Participant id to room id. */
  assigned: ReadonlyMap<string, string>;
  help: readonly BreakoutHelpRequest[];
  openedAt: number | null;
  endsAt: number | null;
  closesAt: number | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The state each person in the meeting sees: the rooms (with how many are in each), the times,
 * their own assignment and room; hosts and co-hosts also see where everyone is and is assigned,
 * and who asked for help.
 */
export function breakoutViews(
  snapshot: BreakoutSnapshot,
  present: readonly Member[],
): (member: Member) => BreakoutState {
  const rooms = snapshot.rooms.map((room) => ({
    id: room.id,
    name: room.name,
    count: present.filter((member) => member.breakoutRoomId === room.id).length,
  }));
  const people: BreakoutPerson[] = present.map((member) => ({
    participantId: member.id,
    displayName: member.displayName,
    assignedRoomId: snapshot.assigned.get(member.id) ?? null,
    roomId: member.breakoutRoomId,
  }));
  const common = {
    status: snapshot.status,
    ...snapshot.settings,
    rooms,
    openedAt: iso(snapshot.openedAt),
    endsAt: iso(snapshot.endsAt),
    closesAt: iso(snapshot.closesAt),
  };
  return (member) => {
    const host = canHost(member);
    return {
      ...common,
      assignedRoomId: snapshot.assigned.get(member.id) ?? null,
      roomId: member.breakoutRoomId,
      people: host ? people : [],
      help: host ? [...snapshot.help] : [],
    };
  };
}
