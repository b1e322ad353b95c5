import { describe, expect, it } from 'vitest';
import { formatLastActive } from './format-last-active.ts';

const now = Date.parse('2030-03-10T12:00:00Z');
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

describe('formatLastActive', () => {
  it('says "just now" within a minute, and for clocks slightly ahead', () => {
    expect(formatLastActive(ago(30), now)).toBe('Active just now');
    expect(formatLastActive(ago(-5), now)).toBe('Active just now');
  });

  it('uses the largest whole unit', () => {
    expect(formatLastActive(ago(5 * 60 + 10), now)).toBe('Last active 5 minutes ago');
    expect(formatLastActive(ago(3 * 3600), now)).toBe('Last active 3 hours ago');
    expect(formatLastActive(ago(86_400 + 60), now)).toBe('Last active yesterday');
  });

  it('gives a date after a week', () => {
    expect(formatLastActive(ago(30 * 86_400), now)).toBe('Last active on Feb 8, 2030');
  });
});
