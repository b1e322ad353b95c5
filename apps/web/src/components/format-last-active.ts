const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const date = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric' });

/** "Active just now", "Last active 5 minutes ago", "Last active yesterday", "Last active on Mar 3, 2030". */
export function formatLastActive(iso: string, now: number): string {
  const at = Date.parse(iso);
  const seconds = Math.round((now - at) / 1000);
  if (seconds < 60) return 'Active just now';
  if (seconds >= 7 * 86_400) return `Last active on ${date.format(at)}`;
  const [unit, size] = units.find(([, size]) => seconds >= size) ?? ['minute', 60];
  return `Last active ${relative.format(-Math.floor(seconds / size), unit)}`;
}
