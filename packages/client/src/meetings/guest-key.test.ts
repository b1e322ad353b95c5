import { describe, expect, it } from 'vitest';
import { meetingGuestKey } from './guest-key.ts';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    items,
  };
}

describe('meetingGuestKey', () => {
  it('makes a key once and keeps it', () => {
    const storage = memoryStorage();
    const key = meetingGuestKey(storage);
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(meetingGuestKey(storage)).toBe(key);
    expect(meetingGuestKey(memoryStorage())).not.toBe(key);
  });

  it('replaces a stored value that is not a key', () => {
    const storage = memoryStorage();
    storage.setItem('parley.meetings.guestKey', 'short');
    expect(meetingGuestKey(storage)).toMatch(/^[0-9a-f]{32}$/);
  });
});
