import { meetingCloseCodes } from '@parley/protocol';

/**
 * Where this participant is, for the UI:
 * - `idle`: join() was not called yet;
 * - `connecting`: the first connection is being made;
 * - `waiting`: in the waiting room until a host admits (or denies);
 * - `joined`: in the meeting;
 * - `reconnecting`: the connection dropped; others see this participant as reconnecting for up to
 *   meetingLimits.reconnectGraceSeconds. `retryAt` is null while the browser has no network;
 * - the rest are final: `left` (leave()), `ended` (a host ended it for everyone), `removed` (by a
 *   host), `denied` (from the waiting room), `replaced` (this participant opened the meeting in
 *   another tab or device), `refused` (not let in: `code` says why, e.g. MEETING_LOCKED).
 */
export type MeetingStatus =
  | { status: 'idle' }
  | { status: 'connecting' }
  | { status: 'waiting'; title: string }
  | { status: 'joined' }
  | { status: 'reconnecting'; attempt: number; retryAt: number | null }
  | FinalStatus;

export type FinalStatus =
  | { status: 'left' }
  | { status: 'ended'; by: string | null }
  | { status: 'removed'; by: string | null }
  | { status: 'denied' }
  | { status: 'replaced' }
  | { status: 'refused'; code: string; message: string };

const finalStatuses: ReadonlySet<string> = new Set([
  'left',
  'ended',
  'removed',
  'denied',
  'replaced',
  'refused',
]);

export function isFinal(status: MeetingStatus): status is FinalStatus {
  return finalStatuses.has(status.status);
}

/** The frames that explain a final close code, which the server sends just before closing. */
export interface Farewell {
  removedBy?: string;
  endedBy?: string | null;
  /** The last `error` frame without an id (why a join was refused). */
  error?: { code: string; message: string };
}

/** The final status for one of meetingCloseCodes. */
export function closedStatus(code: number, farewell: Farewell): FinalStatus {
  switch (code) {
    case meetingCloseCodes.left:
      return { status: 'left' };
    case meetingCloseCodes.replaced:
      return { status: 'replaced' };
    case meetingCloseCodes.denied:
      return { status: 'denied' };
    case meetingCloseCodes.removed:
      return { status: 'removed', by: farewell.removedBy ?? null };
    case meetingCloseCodes.ended:
      return { status: 'ended', by: farewell.endedBy ?? null };
    case meetingCloseCodes.invalidToken:
      return {
        status: 'refused',
        ...(farewell.error ?? { code: 'INVALID_JOIN_TOKEN', message: 'This invitation is no longer valid.' }),
      };
    default:
      return {
        status: 'refused',
        ...(farewell.error ?? { code: 'INTERNAL', message: 'The meeting did not let this participant in.' }),
      };
  }
}
