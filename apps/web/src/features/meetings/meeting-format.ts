import type { Meeting } from '@parley/protocol';
import { daysAgo, formatClock } from '../messenger/chat-time.ts';

const weekdayDayMonth = new Intl.DateTimeFormat('en', { weekday: 'short', month: 'short', day: 'numeric' });
const dayMonthYear = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', year: 'numeric' });

/** "123 456 7890" for a 10-digit meeting id, "123 4567 8901" for 11 digits, as people read them out. */
export function formatMeetingCode(code: string): string {
  if (/^\d{10}$/.test(code)) return `${code.slice(0, 3)} ${code.slice(3, 6)} ${code.slice(6)}`;
  if (/^\d{11}$/.test(code)) return `${code.slice(0, 3)} ${code.slice(3, 7)} ${code.slice(7)}`;
  return code;
}

/** "Today at 14:00", "Tomorrow at 09:30", "Tue, Mar 14 at 14:00", "Mar 14, 2031 at 14:00". */
export function formatMeetingTime(iso: string, now: Date): string {
  const at = new Date(iso);
  const days = daysAgo(at, now);
  const day =
    days === 0
      ? 'Today'
      : days === 1
        ? 'Yesterday'
        : days === -1
          ? 'Tomorrow'
          : at.getFullYear() === now.getFullYear()
            ? weekdayDayMonth.format(at)
            : dayMonthYear.format(at);
  return `${day} at ${formatClock(iso)}`;
}

/** When a meeting in the list happens: its schedule (with its end), when it started, or when it was made. */
export function formatMeetingWhen(meeting: Meeting, now: Date): string {
  if (meeting.endedAt !== null) return formatMeetingTime(meeting.startedAt ?? meeting.createdAt, now);
  if (meeting.startedAt !== null) return `In progress since ${formatMeetingTime(meeting.startedAt, now)}`;
  if (meeting.scheduledFor === null) return `Created ${formatMeetingTime(meeting.createdAt, now)}`;
  const start = formatMeetingTime(meeting.scheduledFor, now);
  if (meeting.durationMinutes === null) return start;
  const end = new Date(Date.parse(meeting.scheduledFor) + meeting.durationMinutes * 60_000);
  return `${start}–${formatClock(end.toISOString())}`;
}

/** "Under a minute", "45 min", "1 h", "1 h 5 min". */
export function formatMeetingLength(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 1) return 'Under a minute';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

export interface Invitation {
  title: string;
  /** Who invites; null when it is not the host (someone passing on another's meeting). */
  hostName: string | null;
  joinUrl: string;
  code: string;
  passcode: string | null;
  /** Already worded ("Today at 14:00–14:30"); null for a meeting that is not scheduled. */
  when: string | null;
}

/** The text "Copy invitation" puts on the clipboard, to paste into an e-mail or a chat. */
export function invitationText(invitation: Invitation): string {
  const opening =
    invitation.hostName === null
      ? 'You’re invited to a Parley meeting.'
      : `${invitation.hostName} is inviting you to a Parley meeting.`;
  const lines = [opening, '', invitation.title];
  if (invitation.when !== null) lines.push(invitation.when);
  lines.push(
    '',
    'Join the meeting:',
    invitation.joinUrl,
    '',
    `Meeting ID: ${formatMeetingCode(invitation.code)}`,
  );
  if (invitation.passcode !== null) lines.push(`Passcode: ${invitation.passcode}`);
  return lines.join('\n');
}

/**
 * The in-app path of a join link (`/j/1234567890?t=…`). The server builds links on its public URL,
 * which may not be this page's origin (a dev server), so the app navigates by path.
 */
export function joinPath(joinUrl: string): string {
  const url = new URL(joinUrl, 'http://parley.invalid');
  return `${url.pathname}${url.search}`;
}
