import { describe, expect, it } from 'vitest';
import { MeetingTally } from './meeting-tally.ts';

describe('MeetingTally', () => {
  it('weighs the average by time and keeps the peak', () => {
    const tally = new MeetingTally(0);
    tally.change(0, 10);
    tally.change(30_000, 2);
    expect(tally.summary(60_000)).toEqual({ maxParticipants: 10, avgParticipants: 6, durationSeconds: 60 });
  });

  it('counts the time before the first arrival as empty', () => {
    const tally = new MeetingTally(0);
    tally.change(10_000, 1);
    tally.change(20_000, 0);
    expect(tally.summary(20_000)).toEqual({ maxParticipants: 1, avgParticipants: 0.5, durationSeconds: 20 });
  });
});
