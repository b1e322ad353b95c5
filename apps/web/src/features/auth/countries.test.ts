import { describe, expect, it } from 'vitest';
import { countryOfPhone } from './countries.ts';

describe('countryOfPhone', () => {
  it('finds the country by its dial code', () => {
    expect(countryOfPhone('+447700900123')).toBe('GB');
    expect(countryOfPhone('+353861234567')).toBe('IE');
    expect(countryOfPhone('+14155550100')).toBe('US');
    expect(countryOfPhone('+999')).toBe('US');
  });
});
