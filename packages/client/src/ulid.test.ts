import { idSchema } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { ulidFactory } from './ulid.ts';

describe('ulidFactory', () => {
  it('makes protocol ids that start with the time', () => {
    const id = ulidFactory({ now: () => Date.parse('2030-01-01T00:00:00.000Z') })();
    expect(idSchema.safeParse(id).success).toBe(true);
    expect(id.slice(0, 10)).toBe('01Q3DCBD00');
  });

  it('stays in order within one millisecond and when the clock goes back', () => {
    let now = 1_000;
    const next = ulidFactory({ now: () => now, random: (bytes) => bytes.fill(7) });
    const ids = [next(), next(), next()];
    now = 999;
    ids.push(next());
    expect(ids.map((id) => id.slice(-2))).toEqual(['77', '78', '79', '7A']);
    expect(new Set(ids.map((id) => id.slice(0, 10))).size).toBe(1);
  });

  it('moves to the next millisecond when the random part runs out', () => {
    const next = ulidFactory({ now: () => 1_000, random: (bytes) => bytes.fill(255) });
    const [first = '', second = ''] = [next(), next()];
    expect(first.slice(10)).toBe('Z'.repeat(16));
    expect(second > first).toBe(true);
    expect(second.slice(0, 10)).toBe(ulidFactory({ now: () => 1_001 })().slice(0, 10));
  });
});
