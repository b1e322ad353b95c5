import { describe, expect, it } from 'vitest';
import { assignEvenly } from './breakout-assignment.ts';

function sizes(assignments: Map<string, string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const room of assignments.values()) counts[room] = (counts[room] ?? 0) + 1;
  return counts;
}

describe('assignEvenly', () => {
  it('deals people out over the rooms in turn', () => {
    const result = assignEvenly(['a', 'b'], new Map(), ['p1', 'p2', 'p3', 'p4', 'p5']);
    expect([...result]).toEqual([
      ['p1', 'a'],
      ['p2', 'b'],
      ['p3', 'a'],
      ['p4', 'b'],
      ['p5', 'a'],
    ]);
  });

  it('counts the assignments already made and keeps them', () => {
    const fixed = new Map([
      ['x1', 'a'],
      ['x2', 'a'],
    ]);
    const result = assignEvenly(['a', 'b', 'c'], fixed, ['x1', 'p1', 'p2', 'p3', 'p4']);
    expect(result.get('x1')).toBe('a');
    expect(sizes(result)).toEqual({ a: 2, b: 2, c: 2 });
  });

  it('leaves rooms empty when there are fewer people than rooms, and nobody unassigned', () => {
    const result = assignEvenly(['a', 'b', 'c'], new Map(), ['p1']);
    expect(sizes(result)).toEqual({ a: 1 });
    expect(assignEvenly([], new Map(), ['p1']).size).toBe(0);
  });

  it('keeps sizes within one of each other for any count', () => {
    const rooms = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    for (let count = 0; count < 60; count++) {
      const people = Array.from({ length: count }, (_, i) => `p${i}`);
      const counts = Object.values(sizes(assignEvenly(rooms, new Map(), people)));
      if (count >= rooms.length) expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(count);
    }
  });
});
