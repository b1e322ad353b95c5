/**
 * Attendance over a meeting's life, for its end-of-meeting metrics: the most people at once and
 * the time-weighted average (ten people for half the meeting and two for the rest average six).
 */
export class MeetingTally {
  #count = 0;
  #max = 0;
  #since: number;
  #personMs = 0;

  constructor(private readonly startedAt: number) {
    this.#since = startedAt;
  }

  /** The number of people in the meeting became `count` at `now`. */
  change(now: number, count: number): void {
    this.#personMs += this.#count * Math.max(0, now - this.#since);
    this.#since = now;
    this.#count = count;
    this.#max = Math.max(this.#max, count);
  }

  summary(now: number): { maxParticipants: number; avgParticipants: number; durationSeconds: number } {
    this.change(now, this.#count);
    const durationMs = Math.max(0, now - this.startedAt);
    return {
      maxParticipants: this.#max,
      avgParticipants: durationMs > 0 ? Math.round((this.#personMs / durationMs) * 100) / 100 : this.#max,
      durationSeconds: Math.round(durationMs / 1000),
    };
  }
}
