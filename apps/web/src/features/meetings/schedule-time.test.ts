import { describe, expect, it } from 'vitest';
import { durationLabel, fromDateTimeLocal, nextHalfHour, toDateTimeLocal } from './schedule-time.ts';

describe('schedule times', () => {
  it('proposes the next half hour', () => {
    expect(nextHalfHour(new Date(2030, 2, 13, 14, 10, 42))).toEqual(new Date(2030, 2, 13, 14, 30));
    expect(nextHalfHour(new Date(2030, 2, 13, 14, 30))).toEqual(new Date(2030, 2, 13, 15, 0));
    expect(nextHalfHour(new Date(2030, 2, 13, 23, 45))).toEqual(new Date(2030, 2, 14, 0, 0));
    expect(nextHalfHour(new Date(2030, 11, 31, 23, 59))).toEqual(new Date(2031, 0, 1, 0, 0));
  });

  it('round-trips a datetime-local value in local time', () => {
    const at = new Date(2030, 2, 5, 9, 7);
    expect(toDateTimeLocal(at)).toBe('2030-03-05T09:07');
    expect(fromDateTimeLocal('2030-03-05T09:07')).toEqual(at);
    expect(fromDateTimeLocal('2030-03-05T09:07:30')).toEqual(new Date(2030, 2, 5, 9, 7, 30));
  });

  it('refuses empty, malformed and impossible values', () => {
    expect(fromDateTimeLocal('')).toBeNull();
    expect(fromDateTimeLocal('2030-03-05')).toBeNull();
    expect(fromDateTimeLocal('tomorrow at 9')).toBeNull();
    expect(fromDateTimeLocal('2030-02-30T09:00')).toBeNull();
  });

  it('words durations', () => {
    expect(durationLabel(15)).toBe('15 minutes');
    expect(durationLabel(60)).toBe('1 hour');
    expect(durationLabel(90)).toBe('1 hour 30 minutes');
    expect(durationLabel(120)).toBe('2 hours');
    expect(durationLabel(61)).toBe('1 hour 1 minute');
  });
});
