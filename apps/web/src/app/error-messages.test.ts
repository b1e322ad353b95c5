import { ApiError } from '@parley/client';
import { describe, expect, it, vi } from 'vitest';
import { describeError } from './error-messages.ts';

const rateLimited = (retryAfterSeconds?: number) =>
  new ApiError(
    'RATE_LIMITED',
    429,
    'x',
    retryAfterSeconds === undefined ? {} : { details: { retryAfterSeconds } },
  );

describe('describeError', () => {
  it('words each code for people', () => {
    expect(describeError(new ApiError('OTP_INVALID', 400, 'x'))).toBe(
      'That code is not right. Check the SMS and try again.',
    );
    expect(describeError(ApiError.network(null))).toBe("Can't reach Parley. Check your connection.");
  });

  it('says how long to wait when rate limited', () => {
    expect(describeError(rateLimited(42))).toBe('Too many attempts. Try again in 42 seconds.');
    expect(describeError(rateLimited(1))).toBe('Too many attempts. Try again in 1 second.');
    expect(describeError(rateLimited(600))).toBe('Too many attempts. Try again in 10 minutes.');
    expect(describeError(rateLimited())).toBe('Too many attempts. Try again in a moment.');
  });

  it('prefers a screen-specific override', () => {
    const error = new ApiError('INVALID_CREDENTIALS', 401, 'x');
    expect(describeError(error, { INVALID_CREDENTIALS: 'Your current password is not right.' })).toBe(
      'Your current password is not right.',
    );
  });

  it('falls back to a generic message for errors that are not ApiErrors', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(describeError(new TypeError('bug'))).toBe('Something went wrong. Try again.');
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });
});
