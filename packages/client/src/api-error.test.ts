import { describe, expect, it } from 'vitest';
import { ApiError, isApiError } from './api-error.ts';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('ApiError.fromResponse', () => {
  it('reads code, message and details from a Parley error body', async () => {
    const error = await ApiError.fromResponse(
      jsonResponse(429, {
        error: { code: 'RATE_LIMITED', message: 'Slow down', details: { retryAfterSeconds: 42 } },
      }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.status).toBe(429);
    expect(error.message).toBe('Slow down');
    expect(error.details).toEqual({ retryAfterSeconds: 42 });
  });

  it('keeps field issues of VALIDATION_FAILED', async () => {
    const issues = [{ path: 'phone', message: 'too short' }];
    const error = await ApiError.fromResponse(
      jsonResponse(400, {
        error: { code: 'VALIDATION_FAILED', message: 'Invalid body', details: { issues } },
      }),
    );
    expect(error.details?.issues).toEqual(issues);
  });

  it('leaves details undefined when the body has none', async () => {
    const error = await ApiError.fromResponse(
      jsonResponse(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in' } }),
    );
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.details).toBeUndefined();
  });

  it('maps a non-JSON body by status, as from a reverse proxy', async () => {
    const error = await ApiError.fromResponse(new Response('<html>Bad Gateway</html>', { status: 502 }));
    expect(error.code).toBe('NOT_READY');
    expect(error.status).toBe(502);
  });

  it('maps an unknown error code by status instead of trusting it', async () => {
    const error = await ApiError.fromResponse(jsonResponse(404, { error: { code: 'NOPE', message: 'x' } }));
    expect(error.code).toBe('NOT_FOUND');
  });

  it('maps an empty body by status', async () => {
    expect((await ApiError.fromResponse(new Response(null, { status: 401 }))).code).toBe('UNAUTHENTICATED');
    expect((await ApiError.fromResponse(new Response(null, { status: 500 }))).code).toBe('INTERNAL');
  });
});

describe('client-side errors', () => {
  it('reports a network failure with status 0 and the cause', () => {
    const cause = new TypeError('Failed to fetch');
    const error = ApiError.network(cause);
    expect(error.code).toBe('NETWORK');
    expect(error.status).toBe(0);
    expect(error.cause).toBe(cause);
  });

  it('isApiError narrows by code', () => {
    const error = ApiError.network(null);
    expect(isApiError(error)).toBe(true);
    expect(isApiError(error, 'NETWORK')).toBe(true);
    expect(isApiError(error, 'RATE_LIMITED')).toBe(false);
    expect(isApiError(new Error('plain'))).toBe(false);
  });
});
