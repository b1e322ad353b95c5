import { passcodeSchema } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { randomPasscode } from './passcode.ts';

describe('random passcodes', () => {
  it('are six characters the server accepts', () => {
    for (let i = 0; i < 200; i++) {
      const passcode = randomPasscode();
      expect(passcode).toHaveLength(6);
      expect(passcodeSchema.parse(passcode)).toBe(passcode);
    }
  });

  it('avoid characters that look alike', () => {
    const all = Array.from({ length: 300 }, () => randomPasscode()).join('');
    expect(all).not.toMatch(/[0O1lI]/);
  });

  it('come from the random source', () => {
    expect(randomPasscode(4, (bytes) => bytes.fill(0))).toBe('aaaa');
  });
});
