import { describe, expect, it } from 'vitest';
import { toViewTiles } from './view-tiles.ts';

describe('toViewTiles', () => {
  const visible = [
    { participantId: 'a', source: 'camera' as const },
    { participantId: 'b', source: 'screen' as const },
    { participantId: 'c', source: 'camera' as const },
  ];

  it('reports measured tiles in device pixels', () => {
    const sizes = new Map([
      ['a:camera', { width: 320.4, height: 180.2 }],
      ['b:screen', { width: 1000, height: 562.5 }],
    ]);
    expect(toViewTiles(visible, sizes, 2)).toEqual([
      { participantId: 'a', source: 'camera', width: 641, height: 360 },
      { participantId: 'b', source: 'screen', width: 2000, height: 1125 },
    ]);
  });

  it('waits for tiles not measured yet or collapsed', () => {
    const sizes = new Map([
      ['a:camera', { width: 0, height: 0 }],
      ['c:camera', { width: 100, height: 50 }],
      // Measured before, but no longer on screen.
      ['z:camera', { width: 100, height: 50 }],
    ]);
    expect(toViewTiles(visible, sizes, 1)).toEqual([
      { participantId: 'c', source: 'camera', width: 100, height: 50 },
    ]);
  });

  it('treats an unknown pixel ratio as 1', () => {
    const sizes = new Map([['a:camera', { width: 100, height: 50 }]]);
    expect(toViewTiles(visible, sizes, 0)).toEqual([
      { participantId: 'a', source: 'camera', width: 100, height: 50 },
    ]);
  });
});
