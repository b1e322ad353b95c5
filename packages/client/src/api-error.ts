import { type ErrorBody, type ErrorCode, errorBodySchema, errorCodes } from '@parley/protocol';

/**
 * The server's error codes plus the ones only a client can observe:
 * NETWORK when no response arrived, INVALID_RESPONSE when a response broke the protocol.
 */
export type ClientErrorCode = ErrorCode | 'NETWORK' | 'INVALID_RESPONSE';

export type ErrorDetails = NonNullable<ErrorBody['error']['details']>;

/** Every failure of an ApiClient call is an ApiError, so callers branch on `code` only. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ClientErrorCode;
  /** The HTTP status, or 0 when no response arrived. */
  readonly status: number;
  readonly details: ErrorDetails | undefined;

  constructor(
    code: ClientErrorCode,
    status: number,
    message: string,
    options: { details?: ErrorDetails; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.status = status;
    this.details = options.details;
  }

  /** A server error code raised by the client itself (checked before sending) or by a gateway error frame. */
  static of(code: ErrorCode, message: string): ApiError {
    return new ApiError(code, errorCodes[code], message);
  }

  static network(cause: unknown): ApiError {
    return new ApiError('NETWORK', 0, 'The server could not be reached', { cause });
  }

  static invalidResponse(status: number, cause: unknown): ApiError {
    return new ApiError(
      'INVALID_RESPONSE',
      status,
      'The server sent a response this client does not understand',
      {
        cause,
      },
    );
  }

  /** Reads a non-2xx response. Bodies that are not Parley errors (a proxy's HTML page) map by status. */
  static async fromResponse(response: Response): Promise<ApiError> {
    const text = await response.text().catch(() => '');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = errorBodySchema.safeParse(json);
    if (parsed.success) {
      const { code, message, details } = parsed.data.error;
      return new ApiError(code, response.status, message, details ? { details } : {});
    }
    return new ApiError(
      codeForStatus(response.status),
      response.status,
      `Unexpected ${response.status} response`,
    );
  }
}

export function isApiError(error: unknown, code?: ClientErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'VALIDATION_FAILED';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'RATE_LIMITED';
    // A reverse proxy answers 502/503/504 while the server restarts.
    case 502:
    case 503:
    case 504:
      return 'NOT_READY';
    default:
      return 'INTERNAL';
  }
}
