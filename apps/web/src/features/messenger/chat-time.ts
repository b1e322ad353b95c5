import type { Presence } from '@parley/protocol';

// Times in 24-hour form ("14:03") and dates in English, like the rest of the app's wording.
const clock = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const weekdayShort = new Intl.DateTimeFormat('en', { weekday: 'short' });
const dayMonth = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric' });
const dayMonthYear = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', year: 'numeric' });
const longDay = new Intl.DateTimeFormat('en', { weekday: 'long', month: 'long', day: 'numeric' });
const longDayYear = new Intl.DateTimeFormat('en', { month: 'long', day: 'numeric', year: 'numeric' });

/** Calendar days from `at` to `now` in local time: 0 today, 1 yesterday; DST-safe. */
export function daysAgo(at: Date, now: Date): number {
  const start = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  return Math.round((start(now) - start(at)) / 86_400_000);
}

/** "14:03". */
export function formatClock(iso: string): string {
  return clock.format(new Date(iso));
}

function shortDate(at: Date, now: Date): string {
  return at.getFullYear() === now.getFullYear() ? dayMonth.format(at) : dayMonthYear.format(at);
}

/** The chat list's time: "14:03" today, "Yesterday", "Mon" this week, else "Mar 3" / "Mar 3, 2029". */
export function formatListTime(iso: string, now: Date): string {
  const at = new Date(iso);
  const days = daysAgo(at, now);
  if (days <= 0) return clock.format(at);
  if (days === 1) return 'Yesterday';
  if (days < 7) return weekdayShort.format(at);
  return shortDate(at, now);
}

/** A day separator: "Today", "Yesterday", "Sunday, March 3", "March 3, 2029". */
export function formatDayLabel(iso: string, now: Date): string {
  const at = new Date(iso);
  const days = daysAgo(at, now);
  if (days <= 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return at.getFullYear() === now.getFullYear() ? longDay.format(at) : longDayYear.format(at);
}

/** Groups messages by local calendar day. */
export function dayKey(iso: string): string {
  const at = new Date(iso);
  return `${at.getFullYear()}-${at.getMonth() + 1}-${at.getDate()}`;
}

/** "online", "last seen today at 14:03", "last seen Mar 3 at 09:12"; null when never seen. */
export function formatLastSeen(presence: Presence | null, now: Date): string | null {
  if (presence === null) return null;
  if (presence.online) return 'online';
  if (presence.lastSeenAt === null) return null;
  const at = new Date(presence.lastSeenAt);
  const days = daysAgo(at, now);
  const time = clock.format(at);
  if (days <= 0) return `last seen today at ${time}`;
  if (days === 1) return `last seen yesterday at ${time}`;
  return `last seen ${shortDate(at, now)} at ${time}`;
}

/** "Mar 3 at 14:03" or "Today at 14:03", for message info. */
export function formatMoment(iso: string, now: Date): string {
  const at = new Date(iso);
  const days = daysAgo(at, now);
  const day = days <= 0 ? 'Today' : days === 1 ? 'Yesterday' : shortDate(at, now);
  return `${day} at ${clock.format(at)}`;
}
