import { describe, expect, it } from 'vitest';
import { composePhoneNumber } from './phone-number.ts';

describe('composePhoneNumber', () => {
  it('prefixes the dial code and drops formatting', () => {
    expect(composePhoneNumber('1', '(415) 555-0100')).toBe('+14155550100');
    expect(composePhoneNumber('44', '07700 900123')).toBe('+4407700900123');
  });

  it('keeps a number typed in international form', () => {
    expect(composePhoneNumber('1', ' +44 7700 900123')).toBe('+447700900123');
  });

  it('returns null without digits', () => {
    expect(composePhoneNumber('1', ' - ')).toBeNull();
  });
});
