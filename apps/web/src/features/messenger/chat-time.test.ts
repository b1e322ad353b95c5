import { describe, expect, it } from 'vitest';
import { formatDayLabel, formatLastSeen, formatListTime, formatMoment } from './chat-time.ts';

// Local times, so the tests hold in every time zone.
const now = new Date(2030, 2, 13, 15, 30); // Wednesday, March 13, 2030
const iso = (...parts: [number, number, number, number?, number?]) => new Date(...parts).toISOString();

describe('chat times', () => {
  it('shows the time today, the weekday this week, else the date', () => {
    expect(formatListTime(iso(2030, 2, 13, 14, 3), now)).toBe('14:03');
    expect(formatListTime(iso(2030, 2, 13, 0, 5), now)).toBe('00:05');
    expect(formatListTime(iso(2030, 2, 12, 23, 59), now)).toBe('Yesterday');
    expect(formatListTime(iso(2030, 2, 8, 9, 0), now)).toBe('Fri');
    expect(formatListTime(iso(2030, 2, 6, 9, 0), now)).toBe('Mar 6');
    expect(formatListTime(iso(2029, 11, 31, 9, 0), now)).toBe('Dec 31, 2029');
  });

  it('labels day separators', () => {
    expect(formatDayLabel(iso(2030, 2, 13, 8), now)).toBe('Today');
    expect(formatDayLabel(iso(2030, 2, 12, 8), now)).toBe('Yesterday');
    expect(formatDayLabel(iso(2030, 2, 3, 8), now)).toBe('Sunday, March 3');
    expect(formatDayLabel(iso(2029, 2, 3, 8), now)).toBe('March 3, 2029');
  });

  it('says when someone was last seen', () => {
    const seen = (at: string | null, online = false) =>
      formatLastSeen({ userId: 'U', online, lastSeenAt: at }, now);
    expect(seen(null, true)).toBe('online');
    expect(seen(iso(2030, 2, 13, 14, 3))).toBe('last seen today at 14:03');
    expect(seen(iso(2030, 2, 12, 9, 12))).toBe('last seen yesterday at 09:12');
    expect(seen(iso(2030, 2, 1, 9, 12))).toBe('last seen Mar 1 at 09:12');
    expect(seen(null)).toBeNull();
    expect(formatLastSeen(null, now)).toBeNull();
  });

  it('words a moment for message info', () => {
    expect(formatMoment(iso(2030, 2, 13, 14, 3), now)).toBe('Today at 14:03');
    expect(formatMoment(iso(2030, 1, 2, 7, 0), now)).toBe('Feb 2 at 07:00');
  });
});
