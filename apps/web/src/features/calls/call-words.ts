import type { Call, CallHistoryEntry, CallMedia } from '@parley/protocol';
import { formatDuration } from '../../components/format-duration.ts';
import type { CallView } from './calls-api.ts';

/** "Video call" or "Voice call". */
export function callKind(media: CallMedia): string {
  return media === 'video' ? 'Video call' : 'Voice call';
}

/** What a call ringing here is, under its name: "Video call", or "Video call from Ann" in a group. */
export function incomingCallText(call: Pick<Call, 'kind' | 'media' | 'caller'>): string {
  const kind = callKind(call.media);
  return call.kind === 'group' ? `${kind} from ${call.caller.displayName ?? 'someone'}` : kind;
}

/** The in-call status line: a state while there is no media, else the running timer. */
export function callStatusText(view: Pick<CallView, 'phase' | 'connectedAt'>, now: number): string {
  switch (view.phase) {
    case 'incoming':
      return 'Incoming call…';
    case 'outgoing':
      return 'Ringing…';
    case 'connecting':
      return 'Connecting…';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'ended':
      return 'Call ended';
    case 'connected':
      return view.connectedAt === null ? 'Connecting…' : formatDuration(now - view.connectedAt);
  }
}

/** Why a call ended, when it did not end normally; null when there is nothing to say. */
export function endedText(view: Pick<CallView, 'endedReason' | 'direction'>): string | null {
  switch (view.endedReason) {
    case 'declined':
      return view.direction === 'outgoing' ? 'Call declined' : null;
    case 'missed':
      return view.direction === 'outgoing' ? 'No answer' : null;
    case 'failed':
      return "The call couldn't connect. Check your connection and try again.";
    default:
      return null;
  }
}

/** A call in the Calls list: "Missed video call", "Outgoing voice call · 3:05". */
export function historyText(entry: CallHistoryEntry): string {
  const kind = callKind(entry.call.media).toLowerCase();
  if (entry.missed) return `Missed ${kind}`;
  const direction = entry.direction === 'outgoing' ? 'Outgoing' : 'Incoming';
  if (entry.durationSeconds > 0)
    return `${direction} ${kind} · ${formatDuration(entry.durationSeconds * 1000)}`;
  if (entry.call.outcome === 'declined') return `${direction} ${kind}, declined`;
  return entry.direction === 'outgoing' ? `Outgoing ${kind}, no answer` : `${direction} ${kind}`;
}
