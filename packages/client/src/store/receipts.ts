import type { Chat } from '@parley/protocol';
import type { OwnMessageState } from './records.ts';

const rank: Record<OwnMessageState, number> = { pending: 0, failed: 0, sent: 1, delivered: 2, read: 3 };

/**
 * The later of two states: ticks only go up. A receipt for a pending or failed message proves the
 * server stored it, so it raises that message too.
 */
export function raiseState(current: OwnMessageState, next: OwnMessageState): OwnMessageState {
  return rank[next] > rank[current] ? next : current;
}

export interface MemberReceipt {
  userId: string;
  deliveredAt: string | null;
  readAt: string | null;
}

/**
 * Who has to receive a message for it to count as delivered or read: the chat's members other
 * than the sender who had joined when it was sent. Members who left since no longer count, so a
 * group message can still turn blue. In a direct chat that is the one other person.
 */
export function recipientsOf(chat: Chat, senderId: string, sentAt: string): string[] {
  const sent = Date.parse(sentAt);
  return chat.members
    .filter((member) => member.user.id !== senderId && Date.parse(member.joinedAt) <= sent)
    .map((member) => member.user.id);
}

/**
 * The ticks a sent message deserves from its receipts: delivered once every recipient has it,
 * read once every recipient has read it.
 */
export function stateFromReceipts(recipients: string[], receipts: MemberReceipt[]): OwnMessageState {
  if (recipients.length === 0) return 'sent';
  const byUser = new Map(receipts.map((receipt) => [receipt.userId, receipt]));
  const all = (has: (receipt: MemberReceipt) => boolean) =>
    recipients.every((userId) => {
      const receipt = byUser.get(userId);
      return receipt !== undefined && has(receipt);
    });
  if (all((receipt) => receipt.readAt !== null)) return 'read';
  if (all((receipt) => receipt.deliveredAt !== null)) return 'delivered';
  return 'sent';
}
