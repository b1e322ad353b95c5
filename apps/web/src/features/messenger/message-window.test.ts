import type { StoredMessage } from '@parley/client';
import { describe, expect, it } from 'vitest';
import { refreshedWindow, windowAround, withNewer, withOlder } from './message-window.ts';

function message(id: string, minute: number): StoredMessage {
  return {
    id,
    chatId: 'C',
    senderId: 'ANN',
    sentAt: new Date(Date.UTC(2030, 0, 1, 10, minute)).toISOString(),
    content: { type: 'text', text: id },
    own: false,
    state: null,
    errorCode: null,
    editedAt: null,
    deleted: false,
    replyTo: null,
    reactions: [],
  };
}

const ids = (window: { messages: StoredMessage[] }) => window.messages.map((m) => m.id);

describe('message windows', () => {
  it('grows both ways without duplicates and knows when an end is reached', () => {
    let window = windowAround([message('b', 2)], message('c', 3), [message('d', 4), message('e', 5)], 2);
    expect(window).toMatchObject({ hasOlder: false, hasNewer: true });
    window = withOlder(window, [message('a', 1), message('b', 2)], 2);
    expect(ids(window)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(window.hasOlder).toBe(true);
    window = withNewer(window, [message('f', 6)], 2);
    expect(ids(window)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(window.hasNewer).toBe(false);
  });

  it('takes in new messages at the end, and leaves them out while newer ones are not shown', () => {
    const atLatest = { messages: [message('a', 1), message('b', 2)], hasOlder: true, hasNewer: false };
    expect(ids(refreshedWindow(atLatest, message('a', 1), [message('b', 2), message('c', 3)]))).toEqual([
      'a',
      'b',
      'c',
    ]);
    const inThePast = { ...atLatest, hasNewer: true };
    expect(ids(refreshedWindow(inThePast, message('a', 1), [message('b', 2), message('c', 3)]))).toEqual([
      'a',
      'b',
    ]);
  });

  it('drops the oldest message once it is deleted for me', () => {
    const window = { messages: [message('a', 1), message('b', 2)], hasOlder: false, hasNewer: false };
    expect(ids(refreshedWindow(window, null, [message('b', 2)]))).toEqual(['b']);
  });
});
