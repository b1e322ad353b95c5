const pad = (n: number) => String(n).padStart(2, '0');

/** The next half hour strictly after `now`: 14:10 → 14:30, 14:30 → 15:00. */
export function nextHalfHour(now: Date): Date {
  const start = new Date(now);
  start.setSeconds(0, 0);
  start.setMinutes(start.getMinutes() < 30 ? 30 : 60);
  return start;
}

/** The value of an `<input type="datetime-local">` for a moment, in local time: "2030-03-13T15:30". */
export function toDateTimeLocal(date: Date): string {
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** The moment an `<input type="datetime-local">` holds (local time), or null when empty or malformed. */
export function fromDateTimeLocal(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return null;
  const [year = 0, month = 0, day = 0, hours = 0, minutes = 0, seconds = 0] = match
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part)));
  const date = new Date(year, month - 1, day, hours, minutes, seconds);
  // new Date() rolls February 30 over into March: such a value was never a real date.
  if (date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  return date;
}

/** Durations the schedule form offers, in minutes (the server accepts 5 to 1440). */
export const meetingDurations = [15, 30, 45, 60, 90, 120, 180, 240] as const;

/** "30 minutes", "1 hour", "1 hour 30 minutes", "2 hours". */
export function durationLabel(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [
    hours === 0 ? '' : `${hours} ${hours === 1 ? 'hour' : 'hours'}`,
    rest === 0 ? '' : `${rest} ${rest === 1 ? 'minute' : 'minutes'}`,
  ];
  return parts.filter((part) => part !== '').join(' ') || '0 minutes';
}
