import { describe, expect, it } from 'vitest';
import { mutedHintDue } from './muted-hint.ts';

describe('mutedHintDue', () => {
  it('shows the first time', () => {
    expect(mutedHintDue(null, 0)).toBe(true);
  });

  it('shows at most once every 30 s', () => {
    expect(mutedHintDue(1_000, 1_000 + 29_999)).toBe(false);
    expect(mutedHintDue(1_000, 1_000 + 30_000)).toBe(true);
  });
});
