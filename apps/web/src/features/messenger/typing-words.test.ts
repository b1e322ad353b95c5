import { describe, expect, it } from 'vitest';
import { peopleFrom } from './people.ts';
import { typingText } from './typing-words.ts';

const people = peopleFrom('ME', [
  { id: 'ANN', phone: '+1', displayName: 'Ann Lee', about: '', avatar: null },
  { id: 'BEN', phone: '+2', displayName: 'Ben', about: '', avatar: null },
]);

describe('typingText', () => {
  it('says who is typing or recording', () => {
    expect(typingText([], false, people)).toBeNull();
    expect(typingText([{ userId: 'ANN', state: 'typing' }], false, people)).toBe('typing…');
    expect(typingText([{ userId: 'ANN', state: 'recording' }], false, people)).toBe(
      'recording voice message…',
    );
    expect(typingText([{ userId: 'ANN', state: 'typing' }], true, people)).toBe('Ann is typing…');
    expect(
      typingText(
        [
          { userId: 'ANN', state: 'typing' },
          { userId: 'BEN', state: 'typing' },
        ],
        true,
        people,
      ),
    ).toBe('Ann and Ben are typing…');
  });
});
