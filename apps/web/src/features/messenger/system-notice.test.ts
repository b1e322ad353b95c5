import { describe, expect, it } from 'vitest';
import { peopleFrom } from './people.ts';
import { listOf, systemNoticeText } from './system-notice.ts';

const people = peopleFrom('ME', [
  { id: 'ANN', phone: '+1', displayName: 'Ann', about: '', avatar: null },
  { id: 'BEN', phone: '+2', displayName: 'Ben', about: '', avatar: null },
  { id: 'CAL', phone: '+3', displayName: 'Cal', about: '', avatar: null },
]);

describe('systemNoticeText', () => {
  it('says who did what, with "you" for me', () => {
    expect(systemNoticeText({ action: 'members-added', userIds: ['CAL'] }, 'ANN', people)).toBe(
      'Ann added Cal',
    );
    expect(systemNoticeText({ action: 'members-added', userIds: ['BEN', 'CAL', 'ME'] }, 'ANN', people)).toBe(
      'Ann added Ben, Cal and you',
    );
    expect(systemNoticeText({ action: 'member-left', userId: 'BEN' }, 'BEN', people)).toBe('Ben left');
    expect(systemNoticeText({ action: 'member-removed', userId: 'ME' }, 'ANN', people)).toBe(
      'Ann removed you',
    );
    expect(systemNoticeText({ action: 'title-changed', title: 'Trip' }, 'ME', people)).toBe(
      'You changed the group name to “Trip”',
    );
    expect(systemNoticeText({ action: 'role-changed', userId: 'BEN', role: 'admin' }, 'ANN', people)).toBe(
      'Ann made Ben an admin',
    );
    expect(systemNoticeText({ action: 'role-changed', userId: 'BEN', role: 'member' }, 'ANN', people)).toBe(
      'Ann dismissed Ben as admin',
    );
    expect(systemNoticeText({ action: 'group-created', title: 'Trip' }, 'ANN', people)).toBe(
      'Ann created the group “Trip”',
    );
    expect(systemNoticeText({ action: 'avatar-changed' }, 'GONE', people)).toBe(
      'Someone changed the group photo',
    );
  });

  it('lists names in words', () => {
    expect(listOf(['A'])).toBe('A');
    expect(listOf(['A', 'B'])).toBe('A and B');
    expect(listOf(['A', 'B', 'C'])).toBe('A, B and C');
  });
});
