import { describe, expect, it } from 'vitest';
import { describeMediaError } from './media-errors.ts';

const domError = (name: string) => new DOMException('browser words', name);

describe('media errors', () => {
  it('explains a refused permission', () => {
    expect(describeMediaError('camera', domError('NotAllowedError'))).toMatch(
      /isn’t allowed to use your camera/,
    );
  });

  it('explains a missing device', () => {
    expect(describeMediaError('microphone', domError('NotFoundError'))).toBe(
      'No microphone found. You can still join without one.',
    );
  });

  it('explains a busy device', () => {
    expect(describeMediaError('camera', domError('NotReadableError'))).toMatch(/in use by another app/);
  });

  it('has words for anything else', () => {
    expect(describeMediaError('camera', new Error('boom'))).toBe(
      'Your camera couldn’t be started. You can still join without it.',
    );
    expect(describeMediaError('camera', 'not an error')).toMatch(/couldn’t be started/);
  });
});
