import type { BreakoutPerson, BreakoutRoom, BreakoutState } from '@parley/protocol';

export interface BreakoutRoomGroup {
  room: BreakoutRoom;
  /** People in the room now, then people assigned to it who are not there. */
  people: { person: BreakoutPerson; inRoom: boolean }[];
}

/** The hosts' view of who goes where: each room with its people, and the people without a room. */
export interface BreakoutGroups {
  rooms: BreakoutRoomGroup[];
  unassigned: BreakoutPerson[];
}

/**
 * Each person listed once: under the room they are in, else under the room they are assigned to,
 * else as unassigned (late joiners, hosts who are not visiting).
 */
export function groupBreakoutPeople(state: BreakoutState): BreakoutGroups {
  const rooms: BreakoutRoomGroup[] = state.rooms.map((room) => ({ room, people: [] }));
  const byId = new Map(rooms.map((group) => [group.room.id, group]));
  const unassigned: BreakoutPerson[] = [];
  for (const person of state.people) {
    const group = byId.get(person.roomId ?? '') ?? byId.get(person.assignedRoomId ?? '');
    if (group) group.people.push({ person, inRoom: person.roomId === group.room.id });
    else unassigned.push(person);
  }
  for (const group of rooms) group.people.sort((a, b) => Number(b.inRoom) - Number(a.inRoom));
  return { rooms, unassigned };
}

/** Where someone is, in the hosts' list while the rooms are open. */
export function whereWords(entry: { person: BreakoutPerson; inRoom: boolean }): string {
  return entry.inRoom ? 'In the room' : 'Not joined yet';
}
