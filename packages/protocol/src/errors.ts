import { z } from 'zod';

/**
 * Every error Parley reports, over HTTP and over the gateway, carries one of these codes.
 * The HTTP status lives next to the code so that the server and clients agree on it.
 */
export const errorCodes = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  INVALID_PHONE: 400,
  OTP_INVALID: 400,
  OTP_EXPIRED: 400,
  OTP_TOO_MANY_ATTEMPTS: 429,
  INVALID_CREDENTIALS: 401,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  DEVICE_NOT_FOUND: 404,
  CHAT_NOT_FOUND: 404,
  MESSAGE_NOT_FOUND: 404,
  ATTACHMENT_NOT_FOUND: 404,
  NOT_CHAT_ADMIN: 403,
  CONFLICT: 409,
  EDIT_WINDOW_PASSED: 409,
  DELETE_WINDOW_PASSED: 409,
  GROUP_FULL: 409,
  MEETING_NOT_FOUND: 404,
  PARTICIPANT_NOT_FOUND: 404,
  FILE_NOT_FOUND: 404,
  RECORDING_NOT_FOUND: 404,
  WRONG_PASSCODE: 403,
  INVALID_JOIN_TOKEN: 401,
  GUESTS_NOT_ALLOWED: 403,
  MEETING_LOCKED: 403,
  REMOVED_FROM_MEETING: 403,
  NOT_MEETING_HOST: 403,
  NOT_ADMITTED: 403,
  MEETING_FULL: 409,
  SCREEN_SHARE_TAKEN: 409,
  RECORDING_STATE: 409,
  CALL_NOT_FOUND: 404,
  CALL_STATE: 409,
  CALL_FULL: 409,
  MEETING_ENDED: 410,
  BREAKOUTS_NOT_CONFIGURED: 409,
  BREAKOUTS_NOT_OPEN: 409,
  BREAKOUTS_ALREADY_OPEN: 409,
  BREAKOUT_ROOM_NOT_FOUND: 404,
  BREAKOUT_NOT_ASSIGNED: 403,
  NOT_IN_BREAKOUT_ROOM: 409,
  INVALID_SDP: 400,
  MEDIA_UNAVAILABLE: 503,
  PAYLOAD_TOO_LARGE: 413,
  RANGE_NOT_SATISFIABLE: 416,
  HEADERS_TOO_LARGE: 431,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_IMAGE: 422,
  INVALID_ATTACHMENT: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SMS_FAILED: 502,
  NOT_READY: 503,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export const errorCodeSchema = z.enum(Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]]);

export const errorBodySchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    /** Field-level problems for VALIDATION_FAILED; seconds to wait for RATE_LIMITED. */
    details: z
      .object({
        issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
        retryAfterSeconds: z.number().int().optional(),
      })
      .optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
