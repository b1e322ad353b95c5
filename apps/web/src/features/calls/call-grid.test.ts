import { describe, expect, it } from 'vitest';
import { gridColumns } from './call-grid.ts';

describe('gridColumns', () => {
  it('fills the screen with one person and tiles groups', () => {
    expect(gridColumns(1, false)).toBe(1);
    expect(gridColumns(2, false)).toBe(2);
    expect(gridColumns(4, false)).toBe(2);
    expect(gridColumns(6, false)).toBe(3);
  });

  it('stacks on phones', () => {
    expect(gridColumns(2, true)).toBe(1);
    expect(gridColumns(4, true)).toBe(2);
  });
});
