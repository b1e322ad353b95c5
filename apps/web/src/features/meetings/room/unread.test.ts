import type { MeetingChatMessage } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { countUnread, lastMessageId } from './unread.ts';

const message = (id: string, from: string): MeetingChatMessage => ({
  id,
  from: { participantId: from, displayName: from },
  to: null,
  text: id,
  file: null,
  sentAt: '2030-01-01T10:00:00.000Z',
});

const chat = [message('1', 'a'), message('2', 'me'), message('3', 'b'), message('4', 'a')];

describe('countUnread', () => {
  it("counts others' messages after the last one seen", () => {
    expect(countUnread(chat, '1', 'me')).toBe(2);
    expect(countUnread(chat, '3', 'me')).toBe(1);
    expect(countUnread(chat, '4', 'me')).toBe(0);
  });

  it('counts everything from others when nothing was seen', () => {
    expect(countUnread(chat, null, 'me')).toBe(3);
    expect(countUnread([], null, 'me')).toBe(0);
  });

  it('never counts my own messages', () => {
    expect(countUnread([...chat, message('5', 'me')], '4', 'me')).toBe(0);
  });

  it('counts nothing when the marker is gone from the history', () => {
    expect(countUnread(chat, 'missing', 'me')).toBe(0);
  });
});

describe('lastMessageId', () => {
  it('is the newest message', () => {
    expect(lastMessageId(chat)).toBe('4');
    expect(lastMessageId([])).toBeNull();
  });
});
