import { type ErrorCode, errorCodes } from '@parley/protocol';

/** The one error type of the server: a stable code, its HTTP status, and a message safe to show. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { cause?: unknown; details?: AppErrorDetails } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.status = errorCodes[code];
    this.details = options.details;
  }

  readonly details: AppErrorDetails | undefined;
}

export interface AppErrorDetails {
  issues?: { path: string; message: string }[];
  retryAfterSeconds?: number;
}
