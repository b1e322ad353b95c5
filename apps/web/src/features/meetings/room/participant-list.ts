import type { MeetingRole, Participant } from '@parley/protocol';

export function canHost(role: MeetingRole | undefined): boolean {
  return role === 'host' || role === 'cohost';
}

export function roleLabel(role: MeetingRole): string | null {
  if (role === 'host') return 'Host';
  if (role === 'cohost') return 'Co-host';
  return null;
}

/**
 * The participants list: me first, then raised hands in the order they went up (whoever asked
 * first speaks first), then the host and co-hosts, then everyone else as they joined.
 */
export function panelOrder(participants: readonly Participant[], me: string): Participant[] {
  const rank = (p: Participant) => {
    if (p.id === me) return 0;
    if (p.handRaisedAt !== null) return 1;
    if (p.role === 'host') return 2;
    if (p.role === 'cohost') return 3;
    return 4;
  };
  // Array.prototype.sort is stable, so equal ranks keep the server's order.
  return [...participants].sort((a, b) => {
    const byRank = rank(a) - rank(b);
    if (byRank !== 0 || rank(a) !== 1) return byRank;
    return (a.handRaisedAt ?? '').localeCompare(b.handRaisedAt ?? '');
  });
}

export type ParticipantAction =
  | 'mute'
  | 'ask-unmute'
  | 'stop-video'
  | 'lower-hand'
  | 'rename'
  | 'make-cohost'
  | 'remove-cohost'
  | 'make-host'
  | 'remove';

export const participantActionLabels: Record<ParticipantAction, string> = {
  mute: 'Mute',
  'ask-unmute': 'Ask to unmute',
  'stop-video': 'Stop video',
  'lower-hand': 'Lower hand',
  rename: 'Rename',
  'make-cohost': 'Make co-host',
  'remove-cohost': 'Remove co-host',
  'make-host': 'Make host',
  remove: 'Remove',
};

/**
 * What `actor` may do to `target`, in menu groups, as the server allows it: hosts and co-hosts
 * control others (co-hosts not the host), roles are the host's alone, and anyone may rename
 * themselves.
 */
export function participantActions(actor: Participant, target: Participant): ParticipantAction[][] {
  if (actor.id === target.id) return [['rename']];
  if (!canHost(actor.role) || (target.role === 'host' && actor.role !== 'host')) return [];
  const media: ParticipantAction[] = [target.audioOn ? 'mute' : 'ask-unmute'];
  if (target.videoOn) media.push('stop-video');
  if (target.handRaisedAt !== null) media.push('lower-hand');
  media.push('rename');
  const groups = [media];
  if (actor.role === 'host') {
    groups.push([target.role === 'cohost' ? 'remove-cohost' : 'make-cohost', 'make-host']);
  }
  groups.push(['remove']);
  return groups;
}
