import type { TypingPerson } from '@parley/client';
import type { People } from './people.ts';
import { listOf } from './system-notice.ts';

/**
 * "typing…" / "recording voice message…" in a direct chat; "Ann is typing…", "Ann and Ben are
 * typing…" in a group. Null when no one is.
 */
export function typingText(typing: readonly TypingPerson[], isGroup: boolean, people: People): string | null {
  const others = typing.filter((person) => person.userId !== people.me);
  if (others.length === 0) return null;
  const recording = others.every((person) => person.state === 'recording');
  const activity = recording ? 'recording voice message…' : 'typing…';
  if (!isGroup) return activity;
  if (others.length > 3) return `${others.length} people are ${recording ? 'recording…' : 'typing…'}`;
  const names = listOf(others.map((person) => people.nameOf(person.userId).split(/\s+/)[0] ?? ''));
  return `${names} ${others.length === 1 ? 'is' : 'are'} ${activity}`;
}
