/** Toolbar buttons' width in CSS pixels, gap included (the stylesheet sizes them the same). */
export function toolbarButtonWidth(viewportWidth: number): number {
  return viewportWidth < 600 ? 54 : 84;
}

/** Buttons that stay on the toolbar however narrow it gets (mute and video). */
const alwaysShown = 2;

/**
 * Which toolbar buttons fit in `width` (in priority order) and which go into the "More" menu.
 * When some overflow, the More button itself takes one button's room.
 */
export function splitToolbar<T>(
  items: readonly T[],
  width: number,
  buttonWidth: number,
): { inline: T[]; overflow: T[] } {
  const fit = Math.floor(width / buttonWidth);
  if (fit >= items.length) return { inline: [...items], overflow: [] };
  const inline = Math.max(Math.min(alwaysShown, items.length), fit - 1);
  return { inline: items.slice(0, inline), overflow: items.slice(inline) };
}
