import { ApiError } from '@parley/client';
import { describe, expect, it } from 'vitest';
import { describeCallError } from './call-errors.ts';

describe('describeCallError', () => {
  it('uses the app’s words for server codes', () => {
    expect(describeCallError(new ApiError('CALL_STATE', 409, 'x'))).toBe(
      'This call has already been answered or has ended.',
    );
  });

  it('explains device problems', () => {
    expect(describeCallError(new DOMException('no', 'NotAllowedError'))).toMatch(/isn’t allowed/);
    expect(describeCallError(new DOMException('busy', 'NotReadableError'))).toMatch(/in use/);
  });
});
