import { describe, expect, it } from 'vitest';
import { splitToolbar, toolbarButtonWidth } from './toolbar-overflow.ts';

const items = ['mute', 'video', 'participants', 'chat', 'share', 'reactions', 'hand', 'view', 'settings'];

describe('splitToolbar', () => {
  it('keeps every button when they fit', () => {
    expect(splitToolbar(items, 9 * 84, 84)).toEqual({ inline: items, overflow: [] });
  });

  it('moves the rest into More, which takes one place', () => {
    expect(splitToolbar(items, 8 * 84, 84)).toEqual({ inline: items.slice(0, 7), overflow: items.slice(7) });
  });

  it('fits four buttons and More on a 360 px phone', () => {
    // 360 px minus the padding, the Leave button and the gap before it (see MeetingView.css).
    expect(splitToolbar(items, 360 - 12 - 66 - 4, toolbarButtonWidth(360)).inline).toEqual([
      'mute',
      'video',
      'participants',
      'chat',
    ]);
  });

  it('always keeps mute and video', () => {
    expect(splitToolbar(items, 0, 56).inline).toEqual(['mute', 'video']);
    expect(splitToolbar(['mute'], 0, 56)).toEqual({ inline: ['mute'], overflow: [] });
  });
});
