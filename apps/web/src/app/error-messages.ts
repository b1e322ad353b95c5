import { type ApiError, type ClientErrorCode, isApiError } from '@parley/client';

type Message = string | ((error: ApiError) => string);

const versionMismatch = "This version of Parley doesn't match the server. Reload the page.";
const ourSide = 'Something went wrong on our side. Try again.';

/** What a person reads for each error code. A Record, so a new code fails the type check here. */
const messages: Record<ClientErrorCode, Message> = {
  VALIDATION_FAILED: "Something you entered isn't valid. Check it and try again.",
  INVALID_JSON: versionMismatch,
  INVALID_PHONE: "That phone number doesn't look right. Check the country and the number.",
  OTP_INVALID: 'That code is not right. Check the SMS and try again.',
  OTP_EXPIRED: 'That code has expired. Use “Resend code” to get a new one.',
  OTP_TOO_MANY_ATTEMPTS: 'Too many wrong codes. Use “Resend code” to get a new one.',
  INVALID_CREDENTIALS: "That phone number and password don't match.",
  UNAUTHENTICATED: 'You were signed out. Sign in again to continue.',
  FORBIDDEN: "You don't have permission to do that.",
  NOT_FOUND: "We couldn't find that.",
  ROUTE_NOT_FOUND: versionMismatch,
  USER_NOT_FOUND: 'No one on Parley uses that number yet.',
  DEVICE_NOT_FOUND: 'That device is already signed out.',
  CHAT_NOT_FOUND: "This chat doesn't exist any more, or you're no longer in it.",
  MESSAGE_NOT_FOUND: 'That message is no longer available.',
  ATTACHMENT_NOT_FOUND: 'That file is no longer available.',
  NOT_CHAT_ADMIN: 'Only group admins can do that.',
  CONFLICT: 'That was changed at the same time somewhere else. Try again.',
  EDIT_WINDOW_PASSED: 'Messages can only be edited for 15 minutes after sending.',
  DELETE_WINDOW_PASSED: 'Messages can only be deleted for everyone within 48 hours of sending.',
  GROUP_FULL: 'This group is full (1,024 members).',
  MEETING_NOT_FOUND: 'There is no meeting with that ID. Check the number.',
  PARTICIPANT_NOT_FOUND: 'That person has left the meeting.',
  FILE_NOT_FOUND: 'That file is not available in this meeting.',
  WRONG_PASSCODE: 'That passcode is wrong. Check it with the host.',
  INVALID_JOIN_TOKEN: 'This meeting link is not valid any more. Ask the host for a new one.',
  GUESTS_NOT_ALLOWED: 'This meeting is for signed-in people only. Sign in to join.',
  MEETING_LOCKED: 'The host has locked this meeting. Nobody new can join.',
  REMOVED_FROM_MEETING: 'The host removed you from this meeting. You cannot join again.',
  NOT_MEETING_HOST: 'Only the host can do that.',
  NOT_ADMITTED: 'Wait until the host lets you in.',
  MEETING_FULL: 'This meeting is full.',
  SCREEN_SHARE_TAKEN: 'Someone else is sharing their screen. Only one person can share at a time.',
  RECORDING_NOT_FOUND: 'This recording doesn’t exist any more, or it isn’t shared with you.',
  RECORDING_STATE: 'The recording has just changed (started, paused or stopped). Check it and try again.',
  MEETING_ENDED: 'This meeting has ended.',
  CALL_NOT_FOUND: 'This call has ended.',
  CALL_STATE: 'This call has already been answered or has ended.',
  CALL_FULL: 'This call is full.',
  BREAKOUTS_NOT_CONFIGURED: 'Set up breakout rooms first.',
  BREAKOUTS_NOT_OPEN: 'The breakout rooms are not open.',
  BREAKOUTS_ALREADY_OPEN: 'The breakout rooms are open. Close them first to change them.',
  BREAKOUT_ROOM_NOT_FOUND: 'That breakout room no longer exists.',
  BREAKOUT_NOT_ASSIGNED: 'You can only join the breakout room the host assigned you to.',
  NOT_IN_BREAKOUT_ROOM: 'You are in the main room.',
  INVALID_SDP: "Your browser's media setup was refused. Reload the page and join again.",
  MEDIA_UNAVAILABLE: 'The media server is restarting. Reconnecting…',
  PAYLOAD_TOO_LARGE: 'That file is too large.',
  RANGE_NOT_SATISFIABLE: ourSide,
  HEADERS_TOO_LARGE: ourSide,
  UNSUPPORTED_MEDIA_TYPE: "That type of file isn't supported.",
  INVALID_IMAGE: "That image couldn't be read. Try another one.",
  INVALID_ATTACHMENT: "That recording couldn't be read. Try recording it again.",
  RATE_LIMITED: (error) => `Too many attempts. Try again in ${formatWait(error.details?.retryAfterSeconds)}.`,
  INTERNAL: ourSide,
  SMS_FAILED: "We couldn't send the SMS just now. Check the number and try again.",
  NOT_READY: 'Parley is starting up. Try again in a moment.',
  NETWORK: "Can't reach Parley. Check your connection.",
  INVALID_RESPONSE: 'Parley sent a reply this page does not understand. Reload the page and try again.',
};

/**
 * Plain words for any error thrown by ApiClient; `overrides` give a screen its own wording for a
 * code (a wrong current password is not a failed sign-in).
 */
export function describeError(
  error: unknown,
  overrides: Partial<Record<ClientErrorCode, string>> = {},
): string {
  if (!isApiError(error)) {
    // Not an API failure, so a bug in this page: keep the details for whoever debugs it.
    console.error(error);
    return 'Something went wrong. Try again.';
  }
  const message = overrides[error.code] ?? messages[error.code];
  return typeof message === 'function' ? message(error) : message;
}

function formatWait(seconds: number | undefined): string {
  if (seconds === undefined || seconds <= 0) return 'a moment';
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
