import { describe, expect, it } from 'vitest';
import { peopleFrom } from './people.ts';
import { myReaction, summarizeReactions } from './reactions.ts';

const people = peopleFrom('ME', [
  { id: 'ANN', phone: '+1', displayName: 'Ann', about: '', avatar: null },
  { id: 'CAL', phone: '+2', displayName: 'Cal', about: '', avatar: null },
]);

describe('summarizeReactions', () => {
  it('groups by emoji, most used first, with me first among the names', () => {
    const reactions = [
      { userId: 'CAL', emoji: '😂' },
      { userId: 'ANN', emoji: '👍' },
      { userId: 'ME', emoji: '👍' },
    ];
    expect(summarizeReactions(reactions, people)).toEqual([
      { emoji: '👍', count: 2, mine: true, names: ['You', 'Ann'] },
      { emoji: '😂', count: 1, mine: false, names: ['Cal'] },
    ]);
    expect(myReaction(reactions, 'ME')).toBe('👍');
    expect(myReaction([], 'ME')).toBeNull();
  });
});
