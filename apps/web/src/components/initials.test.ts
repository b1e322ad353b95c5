import { describe, expect, it } from 'vitest';
import { initialsOf } from './initials.ts';

describe('initialsOf', () => {
  it('takes the first letter of the first two words', () => {
    expect(initialsOf('Ada Lovelace')).toBe('AL');
    expect(initialsOf('  grace  brewster murray hopper ')).toBe('GB');
    expect(initialsOf('Cher')).toBe('C');
  });

  it('keeps characters outside the BMP whole', () => {
    expect(initialsOf('😀 Smile')).toBe('😀S');
  });

  it('is empty without a name', () => {
    expect(initialsOf(null)).toBe('');
    expect(initialsOf('   ')).toBe('');
  });
});
