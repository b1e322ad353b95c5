import type { Chat, PublicUser } from '@parley/protocol';

/** Who is who, for naming senders and members. */
export interface People {
  /** The signed-in user's id. */
  me: string;
  /** The person's name (their number if they set none), or "Someone" when unknown here. */
  nameOf(userId: string): string;
  get(userId: string): PublicUser | null;
}

export function personName(user: Pick<PublicUser, 'displayName' | 'phone'>): string {
  return user.displayName ?? user.phone;
}

export function peopleFrom(me: string, users: Iterable<PublicUser>): People {
  const byId = new Map<string, PublicUser>();
  for (const user of users) byId.set(user.id, user);
  return {
    me,
    get: (userId) => byId.get(userId) ?? null,
    nameOf(userId) {
      const user = byId.get(userId);
      return user ? personName(user) : 'Someone';
    },
  };
}

/** The other person of a direct chat (null for groups, or a direct chat with myself). */
export function otherMember(chat: Chat, me: string): PublicUser | null {
  if (chat.kind !== 'direct') return null;
  return chat.members.find((member) => member.user.id !== me)?.user ?? null;
}

/** What a chat is called: the group's title, or the other person's name. */
export function chatTitle(chat: Chat, me: string): string {
  if (chat.kind === 'group') return chat.title ?? 'Group';
  const other = otherMember(chat, me);
  return other ? personName(other) : 'Direct chat';
}

/** The chat's picture: the group photo, or the other person's avatar. */
export function chatAvatarUrl(chat: Chat, me: string, size: 'small' | 'large'): string | null {
  if (chat.kind === 'group') return chat.avatar?.[size] ?? null;
  return otherMember(chat, me)?.avatar?.[size] ?? null;
}
