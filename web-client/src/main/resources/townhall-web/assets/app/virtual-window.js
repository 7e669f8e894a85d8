// Which rows of a long list are on screen: the arithmetic of a windowed list, without the DOM. Every row has the
// same height but one, the "tall" row (the selected question, shown whole), so a row's place is a multiplication.

/**
 * @typedef {object} Layout
 * @property {number} count how many rows the list has
 * @property {number} rowHeight the height of every row but the tall one (px, > 0)
 * @property {{index: number, height: number}|null} [tall] the one row of another height, if any
 */

function extra({ rowHeight, tall }) {
  return tall ? Math.max(0, tall.height - rowHeight) : 0;
}

/** Where row `index` starts, from the list's top. */
export function rowTop(index, layout) {
  const { rowHeight, tall } = layout;
  return index * rowHeight + (tall && index > tall.index ? extra(layout) : 0);
}

/** The height of row `index`. */
export function rowHeightOf(index, layout) {
  return layout.tall && layout.tall.index === index ? Math.max(layout.rowHeight, layout.tall.height) : layout.rowHeight;
}

/** The whole list's height. */
export function totalHeight(layout) {
  const { count, rowHeight, tall } = layout;
  return count * rowHeight + (tall && tall.index < count ? extra(layout) : 0);
}

/** The row at `offset` px from the list's top (clamped to the list). */
export function rowAt(offset, layout) {
  const { count, rowHeight, tall } = layout;
  if (count === 0) return 0;
  let index;
  if (tall && offset >= rowTop(tall.index + 1, layout)) {
    index = tall.index + 1 + Math.floor((offset - rowTop(tall.index + 1, layout)) / rowHeight);
  } else if (tall && offset >= rowTop(tall.index, layout)) {
    index = tall.index;
  } else {
    index = Math.floor(offset / rowHeight);
  }
  return Math.min(count - 1, Math.max(0, index));
}

/**
 * The rows to render for a viewport of `viewportHeight` px scrolled to `scrollTop`: [start, end) with `overscan`
 * rows more on each side, so a short scroll never shows a gap.
 */
export function visibleRange({ scrollTop, viewportHeight, overscan = 4, ...layout }) {
  if (layout.count === 0) return { start: 0, end: 0 };
  const first = rowAt(Math.max(0, scrollTop), layout);
  const last = rowAt(Math.max(0, scrollTop + viewportHeight - 1), layout);
  return {
    start: Math.max(0, first - overscan),
    end: Math.min(layout.count, last + 1 + overscan),
  };
}

/**
 * The scroll position that shows row `index` whole while moving as little as possible (as
 * scrollIntoView({block: 'nearest'}) does); unchanged when it is already whole on screen.
 */
export function scrollToShow(index, { scrollTop, viewportHeight, ...layout }) {
  const top = rowTop(index, layout);
  const bottom = top + rowHeightOf(index, layout);
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, Math.min(top, bottom - viewportHeight));
  return scrollTop;
}
