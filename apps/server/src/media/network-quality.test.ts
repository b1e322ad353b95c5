import { describe, expect, it } from 'vitest';
import { networkQuality } from './network-quality.ts';

describe('networkQuality', () => {
  it('is good without samples or with a clean connection', () => {
    expect(networkQuality([])).toBe('good');
    expect(networkQuality([{ fractionLost: 0.01, roundTripTime: 40 }])).toBe('good');
  });

  it('is decided by the worst track', () => {
    expect(networkQuality([{ fractionLost: 0 }, { fractionLost: 0.05 }])).toBe('fair');
    expect(networkQuality([{ roundTripTime: 250 }, { fractionLost: 0.2 }])).toBe('poor');
    expect(networkQuality([{ roundTripTime: 500 }])).toBe('poor');
  });
});
