import type { BreakoutBroadcast, BreakoutHelp, BreakoutMove } from '@parley/client';
import type { BreakoutRoom, BreakoutState } from '@parley/protocol';

/** What the line under the meeting header says and offers about the breakout rooms. */
export interface BreakoutBanner {
  /** "You're in Room 1", "Breakout rooms close in 0:45". */
  text: string;
  /** "12:30 left" while the rooms' timer runs. */
  timeLeft: string | null;
  /** The room I am assigned to and not in: a Join button. */
  invite: BreakoutRoom | null;
  /** The rooms to pick from (participants choose), while I am in the main room. */
  choices: readonly BreakoutRoom[] | null;
  /** In a breakout room: back to the main room. */
  canLeave: boolean;
  /** In a breakout room, not a host: ask the hosts to come. */
  canAskForHelp: boolean;
}

/** "0:45", "12:05" or "1:02:05", rounded up to the second, never below 0:00. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`;
}

/** The room I am in; null in the main room. */
export function currentBreakoutRoom(state: BreakoutState | null): BreakoutRoom | null {
  if (state === null || state.roomId === null) return null;
  return state.rooms.find((room) => room.id === state.roomId) ?? null;
}

/** The banner at `now` (ms), or null while the rooms are not open. */
export function breakoutBanner(
  state: BreakoutState | null,
  host: boolean,
  now: number,
): BreakoutBanner | null {
  if (state === null || state.status === 'configured') return null;
  const room = currentBreakoutRoom(state);
  const inRoom = state.roomId !== null;
  const banner: BreakoutBanner = {
    text: '',
    timeLeft: null,
    invite: null,
    choices: null,
    canLeave: inRoom,
    canAskForHelp: inRoom && !host,
  };
  if (state.status === 'closing') {
    const left = state.closesAt === null ? 0 : Date.parse(state.closesAt) - now;
    banner.text =
      left > 0 ? `Breakout rooms close in ${formatCountdown(left)}` : 'Breakout rooms are closing…';
    return banner;
  }
  if (state.endsAt !== null) banner.timeLeft = `${formatCountdown(Date.parse(state.endsAt) - now)} left`;
  if (inRoom) {
    banner.text = `You're in ${room?.name ?? 'a breakout room'}`;
    return banner;
  }
  if (host) {
    banner.text = 'Breakout rooms are open';
    return banner;
  }
  if (state.assignment === 'choose') {
    banner.text = 'Breakout rooms are open. Choose a room to join.';
    banner.choices = state.rooms;
    return banner;
  }
  const assigned = state.rooms.find((r) => r.id === state.assignedRoomId) ?? null;
  if (assigned !== null) {
    banner.text = `You're invited to join ${assigned.name}`;
    banner.invite = assigned;
    return banner;
  }
  banner.text = 'Breakout rooms are open. The host has not given you a room yet.';
  return banner;
}

/** The notice after I moved (by myself, a host, or the rooms closing). */
export function moveWords(move: BreakoutMove): string {
  return move.room === null ? "You're back in the main room" : `You're now in ${move.room.name}`;
}

/** A host's message to every room, as a notice. */
export function broadcastWords(message: BreakoutBroadcast): string {
  return `${message.from} to all rooms: ${message.text}`;
}

/** To hosts: someone asks for help, and where. */
export function helpWords(
  help: Pick<BreakoutHelp, 'displayName' | 'roomId'>,
  rooms: readonly BreakoutRoom[],
): string {
  const room = rooms.find((r) => r.id === help.roomId);
  return `${help.displayName} asks for help in ${room?.name ?? 'a breakout room'}`;
}
