import { describe, expect, it } from 'vitest';
import { cameraLayers } from './simulcast.ts';

const scales = (width: number, height: number) =>
  cameraLayers(width, height).map((l) => (l.active ? l.scaleResolutionDownBy : null));

describe('cameraLayers', () => {
  it('sends three layers from 960x540 up', () => {
    expect(scales(1280, 720)).toEqual([4, 2, 1]);
    expect(scales(960, 540)).toEqual([4, 2, 1]);
  });

  it('keeps full resolution in the second layer where Chromium sends two', () => {
    expect(scales(640, 480)).toEqual([2, 1, null]);
    expect(scales(640, 360)).toEqual([2, 1, null]);
    expect(scales(480, 270)).toEqual([2, 1, null]);
  });

  it('sends one full-size layer from a tiny camera', () => {
    expect(scales(320, 240)).toEqual([1, null, null]);
  });
});
