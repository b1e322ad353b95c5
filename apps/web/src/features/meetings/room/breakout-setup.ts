import {
  type BreakoutAssignment,
  type BreakoutConfiguration,
  type BreakoutRoom,
  type BreakoutState,
  breakoutLimits,
} from '@parley/protocol';

/** The breakout setup form as typed: numbers stay strings until "Create rooms". */
export interface BreakoutSetup {
  roomCount: string;
  assignment: BreakoutAssignment;
  autoMove: boolean;
  /** Whether the rooms close by themselves after `timerMinutes`. */
  timer: boolean;
  timerMinutes: string;
  closeCountdownSeconds: string;
}

export const assignmentChoices: readonly { value: BreakoutAssignment; label: string; hint: string }[] = [
  { value: 'auto', label: 'Automatically', hint: 'Parley splits people evenly between the rooms.' },
  { value: 'manual', label: 'Manually', hint: 'You choose a room for each person.' },
  { value: 'choose', label: 'Let participants choose', hint: 'Everyone picks a room themselves.' },
];

/** About 3 people a room, for the people who are not hosts. */
export function suggestedRoomCount(participants: number): number {
  return Math.min(breakoutLimits.roomsMax, Math.max(1, Math.ceil(participants / 3)));
}

/** The form for new rooms, or filled from the rooms set up already (setting them up again). */
export function initialBreakoutSetup(state: BreakoutState | null, participants: number): BreakoutSetup {
  if (state === null) {
    return {
      roomCount: String(suggestedRoomCount(participants)),
      assignment: 'auto',
      autoMove: false,
      timer: false,
      timerMinutes: '10',
      closeCountdownSeconds: String(breakoutLimits.closeCountdownSecondsDefault),
    };
  }
  return {
    roomCount: String(state.rooms.length),
    assignment: state.assignment,
    autoMove: state.autoMove,
    timer: state.timerMinutes !== null,
    timerMinutes: String(state.timerMinutes ?? 10),
    closeCountdownSeconds: String(state.closeCountdownSeconds),
  };
}

export function defaultRoomName(index: number): string {
  return `Room ${index + 1}`;
}

/** A whole number typed in a field, or null. */
function wholeNumber(typed: string): number | null {
  const trimmed = typed.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

function within(value: number | null, min: number, max: number): value is number {
  return value !== null && value >= min && value <= max;
}

/**
 * What to send for the form, or what is wrong with it in plain words. Rooms that exist already
 * keep their id and name (renamed rooms stay renamed); assignments start over.
 */
export function breakoutConfiguration(
  setup: BreakoutSetup,
  current: readonly BreakoutRoom[],
): { configuration: BreakoutConfiguration } | { error: string } {
  const { roomsMin, roomsMax, timerMinutesMax, closeCountdownSecondsMax } = breakoutLimits;
  const count = wholeNumber(setup.roomCount);
  if (!within(count, roomsMin, roomsMax))
    return { error: `Choose between ${roomsMin} and ${roomsMax} rooms.` };
  const minutes = wholeNumber(setup.timerMinutes);
  if (setup.timer && !within(minutes, 1, timerMinutesMax)) {
    return { error: `The rooms can stay open for 1 to ${timerMinutesMax} minutes.` };
  }
  const countdown = wholeNumber(setup.closeCountdownSeconds);
  if (!within(countdown, 0, closeCountdownSecondsMax)) {
    return { error: `The countdown before the rooms close is 0 to ${closeCountdownSecondsMax} seconds.` };
  }
  const rooms = Array.from({ length: count }, (_, index) => {
    const existing = current[index];
    return existing ? { id: existing.id, name: existing.name } : { name: defaultRoomName(index) };
  });
  return {
    configuration: {
      rooms,
      assignment: setup.assignment,
      autoMove: setup.autoMove,
      timerMinutes: setup.timer ? minutes : null,
      closeCountdownSeconds: countdown,
    },
  };
}
