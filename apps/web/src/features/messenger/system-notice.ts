import type { SystemAction } from '@parley/protocol';
import type { People } from './people.ts';

/** A group change in words: "Ann added Cal", "You left", "Ann changed the group name to “Trip”". */
export function systemNoticeText(action: SystemAction, actorId: string, people: People): string {
  const actor = actorId === people.me ? 'You' : people.nameOf(actorId);
  const object = (userId: string) => (userId === people.me ? 'you' : people.nameOf(userId));
  switch (action.action) {
    case 'group-created':
      return `${actor} created the group “${action.title}”`;
    case 'members-added':
      return `${actor} added ${listOf(action.userIds.map(object))}`;
    case 'member-removed':
      return `${actor} removed ${object(action.userId)}`;
    case 'member-left':
      return `${action.userId === people.me ? 'You' : people.nameOf(action.userId)} left`;
    case 'role-changed':
      return action.role === 'admin'
        ? `${actor} made ${object(action.userId)} an admin`
        : `${actor} dismissed ${object(action.userId)} as admin`;
    case 'title-changed':
      return `${actor} changed the group name to “${action.title}”`;
    case 'description-changed':
      return `${actor} changed the group description`;
    case 'avatar-changed':
      return `${actor} changed the group photo`;
    case 'call':
      return callNoticeText(action, actorId === people.me);
  }
}

/** A call in the chat, from this person's side: "Outgoing video call · 3:05", "Missed voice call". */
export function callNoticeText(action: Extract<SystemAction, { action: 'call' }>, outgoing: boolean): string {
  const kind = action.media === 'video' ? 'video call' : 'voice call';
  if (action.outcome === 'answered') {
    const minutes = Math.floor(action.durationSeconds / 60);
    const seconds = String(action.durationSeconds % 60).padStart(2, '0');
    return `${outgoing ? 'Outgoing' : 'Incoming'} ${kind} · ${minutes}:${seconds}`;
  }
  if (outgoing)
    return action.outcome === 'declined' ? `${capital(kind)} declined` : `Outgoing ${kind}, no answer`;
  return action.outcome === 'declined' ? `Declined ${kind}` : `Missed ${kind}`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Cal", "Cal and Dan", "Cal, Dan and Eve". */
export function listOf(names: string[]): string {
  if (names.length <= 1) return names[0] ?? 'no one';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
