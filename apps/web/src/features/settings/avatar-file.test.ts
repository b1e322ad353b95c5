import { describe, expect, it } from 'vitest';
import { avatarFileProblem } from './avatar-file.ts';

const fiveMegabytes = 5 * 1024 * 1024;

describe('avatarFileProblem', () => {
  it('accepts JPEG, PNG and WebP up to the limit', () => {
    expect(avatarFileProblem({ type: 'image/jpeg', size: fiveMegabytes }, fiveMegabytes)).toBeNull();
    expect(avatarFileProblem({ type: 'image/png', size: 1 }, fiveMegabytes)).toBeNull();
    expect(avatarFileProblem({ type: 'image/webp', size: 1 }, fiveMegabytes)).toBeNull();
  });

  it('explains a file that is too large', () => {
    expect(avatarFileProblem({ type: 'image/png', size: fiveMegabytes + 1 }, fiveMegabytes)).toBe(
      'That photo is larger than 5 MB. Choose a smaller one.',
    );
  });

  it('explains an unsupported type', () => {
    expect(avatarFileProblem({ type: 'image/gif', size: 1 }, fiveMegabytes)).toBe(
      'Choose a JPEG, PNG or WebP image.',
    );
  });
});
