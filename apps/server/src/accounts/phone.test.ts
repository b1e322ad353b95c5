import { describe, expect, it } from 'vitest';
import { normalizePhone } from './phone.ts';

describe('normalizePhone', () => {
  it.each([
    ['+1 555 000 1111', '+15550001111'],
    ['(202) 555-0143', '+12025550143'],
    ['+44 7911 123456', '+447911123456'],
    ['  +4915123456789 ', '+4915123456789'],
  ])('normalizes %s to %s', (input, expected) => {
    expect(normalizePhone(input, 'US')).toBe(expected);
  });

  it('reads national numbers in the configured region', () => {
    expect(normalizePhone('07911 123456', 'GB')).toBe('+447911123456');
  });

  it.each(['abc', '+1234', '12', '+1 555 000 11112222', '+999 1234567'])(
    'rejects %s as INVALID_PHONE',
    (input) => {
      expect(() => normalizePhone(input, 'US')).toThrow(expect.objectContaining({ code: 'INVALID_PHONE' }));
    },
  );
});
