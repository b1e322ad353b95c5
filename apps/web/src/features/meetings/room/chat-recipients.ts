import type { MeetingChatMessage, Participant } from '@parley/protocol';

export interface ChatRecipient {
  /** null: everyone. */
  participantId: string | null;
  label: string;
}

/** "Everyone", then each other participant by name (a private message goes to one person). */
export function chatRecipients(participants: readonly Participant[], me: string): ChatRecipient[] {
  const others = participants
    .filter((p) => p.id !== me)
    .map((p) => ({ participantId: p.id, label: p.displayName }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return [{ participantId: null, label: 'Everyone' }, ...others];
}

/** The chosen recipient while they are still here; everyone once they left. */
export function currentRecipient(chosen: string | null, participants: readonly Participant[]): string | null {
  return chosen !== null && participants.some((p) => p.id === chosen) ? chosen : null;
}

/** "to you" or "to Hanna" on a private message; null for a message to everyone. */
export function privateMarker(message: MeetingChatMessage, me: string): string | null {
  if (message.to === null) return null;
  return message.to.participantId === me ? 'to you' : `to ${message.to.displayName}`;
}
