const storageKey = 'parley.meetings.guestKey';

/**
 * The random key a guest joins with (joinMeeting's `guestKey`), made once and kept in the browser,
 * so that a guest removed from a meeting cannot rejoin as a "new" guest from the same browser.
 */
export function meetingGuestKey(
  storage: Pick<Storage, 'getItem' | 'setItem'> = globalThis.localStorage,
): string {
  const existing = storage.getItem(storageKey);
  if (existing && /^[0-9a-f]{32}$/.test(existing)) return existing;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const key = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  storage.setItem(storageKey, key);
  return key;
}
