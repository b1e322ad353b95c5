import {
  type ErrorCode,
  errorCodes,
  type MeetingClientFrame,
  type MeetingServerFrame,
  meetingServerFrameSchema,
} from '@parley/protocol';
import { ApiError } from '../api-error.ts';
import { webSocketUrl } from '../gateway/frames.ts';

type WithoutId<F> = F extends unknown ? Omit<F, 'id'> : never;

/** A meeting client frame before the socket gives it an id. */
export type MeetingRequest = WithoutId<MeetingClientFrame>;

/** What an `ok` frame carries: the SFU's answer for `publish`, nothing otherwise. */
export type MeetingAnswer = { sdp: string } | undefined;

/** Reads a meeting server frame; null for anything that is not one (or is from a newer server). */
export function parseMeetingFrame(data: unknown): MeetingServerFrame | null {
  if (typeof data !== 'string') return null;
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = meetingServerFrameSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** The meeting socket URL for an API base URL ('' = this page's origin). */
export function meetingSocketUrl(baseUrl: string, participantToken: string): string {
  const query = new URLSearchParams({ token: participantToken });
  return webSocketUrl(baseUrl, `/api/v1/meetings/socket?${query}`);
}

/** An `error` frame as an ApiError; a code this client does not know keeps its message as INTERNAL. */
export function meetingError(code: string, message: string): ApiError {
  return code in errorCodes ? ApiError.of(code as ErrorCode, message) : ApiError.of('INTERNAL', message);
}
