import type { Reaction } from '@parley/client';
import type { People } from './people.ts';

export interface ReactionSummary {
  emoji: string;
  count: number;
  /** Whether one of them is mine (clicking it then removes mine). */
  mine: boolean;
  /** Who reacted, for the accessible name: "You, Ann". */
  names: string[];
}

/** Reactions grouped by emoji, most used first (ties in first-seen order). */
export function summarizeReactions(reactions: readonly Reaction[], people: People): ReactionSummary[] {
  const byEmoji = new Map<string, ReactionSummary>();
  for (const reaction of reactions) {
    const summary = byEmoji.get(reaction.emoji) ?? {
      emoji: reaction.emoji,
      count: 0,
      mine: false,
      names: [],
    };
    summary.count += 1;
    const mine = reaction.userId === people.me;
    summary.mine ||= mine;
    if (mine) summary.names.unshift('You');
    else summary.names.push(people.nameOf(reaction.userId));
    byEmoji.set(reaction.emoji, summary);
  }
  return [...byEmoji.values()].sort((a, b) => b.count - a.count);
}

/** My current reaction to a message, or null. */
export function myReaction(reactions: readonly Reaction[], me: string): string | null {
  return reactions.find((reaction) => reaction.userId === me)?.emoji ?? null;
}
