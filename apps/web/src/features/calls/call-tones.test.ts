import { describe, expect, it } from 'vitest';
import { callTones, toneBursts } from './call-tones.ts';

describe('call tones', () => {
  it('rings twice a period, with a pause', () => {
    expect(toneBursts(callTones.ring, 100, 2)).toEqual([
      [100, 500],
      [700, 1100],
      [3100, 3500],
      [3700, 4100],
    ]);
  });

  it('beeps twice every five seconds while another call waits', () => {
    expect(toneBursts(callTones.waiting, 0, 1)).toEqual([
      [0, 200],
      [400, 600],
    ]);
  });

  it('plays the ringback two seconds on, four off', () => {
    expect(toneBursts(callTones.ringback, 0, 2)).toEqual([
      [0, 2000],
      [6000, 8000],
    ]);
  });
});
