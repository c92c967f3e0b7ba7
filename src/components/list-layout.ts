/**
 * Line geometry of the session list, as plain data. Rows are not all one line
 * tall (a content match adds a snippet line, 'all' scope adds project group
 * headers), so selection and scrolling are computed in display lines. The
 * reducer receives the layout of the list the user is looking at with every
 * navigation action; the layout itself is derived (useMemo), never stored.
 */

/** One list item as far as geometry goes. */
export interface LayoutItem {
  id: string;
  /** Lines the item takes: 1, or 2 with a snippet line. */
  height: number;
  /** True when a group header line is drawn right above this item. */
  header: boolean;
}

/** Where every item sits, in display lines (typed arrays at 100,000 rows: no object per row). */
export interface ListLayout {
  /** Session ids in display order. */
  ids: readonly string[];
  /** First line of each item (its group header, if any, is the line above). */
  tops: ArrayLike<number>;
  /** Lines each item takes: 1, or 2 with a snippet line. */
  heights: ArrayLike<number>;
  /** Non-zero (true) when a group header line is drawn right above the item. */
  headers: ArrayLike<number | boolean>;
  /** For each item, the index of the item whose header heads its group; -1 when no header is above it. */
  groups: ArrayLike<number>;
  /** All lines, headers included. */
  totalLines: number;
  /** Lines the screen has for the list. */
  viewport: number;
}

/** Lay items out top to bottom. `viewport` is clamped to at least one line. */
export function buildLayout(items: readonly LayoutItem[], viewport: number): ListLayout {
  const n = items.length;
  const heights = new Uint8Array(n);
  const headers = new Uint8Array(n);
  const groups = new Int32Array(n);
  let group = -1;
  items.forEach((item, i) => {
    if (item.header) group = i;
    heights[i] = item.height;
    headers[i] = item.header ? 1 : 0;
    groups[i] = group;
  });
  return layoutOfArrays(items.map((it) => it.id), heights, headers, groups, viewport);
}

/**
 * The layout of items given as parallel arrays (ids, heights in lines,
 * header flags, each item's group heading index or -1): tops are worked
 * out in one pass. `viewport` is clamped to at least one line.
 */
export function layoutOfArrays(ids: readonly string[], heights: ArrayLike<number>, headers: ArrayLike<number>, groups: ArrayLike<number>, viewport: number): ListLayout {
  const tops = new Int32Array(ids.length);
  let line = 0;
  for (let i = 0; i < ids.length; i++) {
    if (headers[i]) line++;
    tops[i] = line;
    line += heights[i]!;
  }
  return {
    ids,
    tops,
    heights,
    headers,
    groups,
    totalLines: line,
    viewport: Math.max(1, viewport),
  };
}

/** The first item whose lines (its group header included) reach below `line`; `ids.length` past the end. Binary search. */
export function itemAtLine(layout: ListLayout, line: number): number {
  let lo = 0;
  let hi = layout.ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((layout.tops[mid] ?? 0) + (layout.heights[mid] ?? 1) <= line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Lists shorter than this draw no sticky heading: it would leave no room for a two-line row under it. */
const STICKY_MIN_VIEWPORT = 3;

/**
 * The group whose heading is drawn on the list's top line in place of line
 * `scroll` (a sticky heading, as in a contacts list): the group of the item
 * on that line, when its own heading line is above the screen. Without it,
 * a list scrolled into a group (by `a` keeping the selected row on its line,
 * or by moving down a group longer than the screen) shows rows under no
 * heading. Returns the index of the group's heading item, or -1: the top
 * line is a heading itself, the list has no headings (one project), or the
 * viewport is too short to spare the line.
 */
export function stickyGroupAt(layout: ListLayout, scroll: number): number {
  if (scroll <= 0 || layout.viewport < STICKY_MIN_VIEWPORT) return -1;
  const i = itemAtLine(layout, scroll);
  if (i >= layout.ids.length) return -1;
  if (layout.headers[i] && (layout.tops[i] ?? 0) - 1 === scroll) return -1;
  return layout.groups[i] ?? -1;
}

/**
 * The selected index: the remembered session when it is still listed, else
 * the remembered position clamped to the list (so a filter or a delete that
 * removes the selected session lands on its neighbour). -1 for an empty list.
 */
export function resolveIndex(layout: ListLayout, selectedId: string | null, fallback: number): number {
  const n = layout.ids.length;
  if (n === 0) return -1;
  if (selectedId !== null) {
    // A scan, not a map of every id: built per keystroke, a map cost more than the scans of a whole session of keys.
    const found = layout.ids.indexOf(selectedId);
    if (found >= 0) return found;
  }
  return Math.min(Math.max(0, fallback), n - 1);
}

/**
 * The first visible line: `scroll` moved as little as possible so that item
 * `index` (with its group header) is fully visible, then clamped so the list
 * never scrolls past its end; one line less when the item would sit on the
 * top line, under the sticky heading (`stickyGroupAt`).
 */
export function resolveScroll(layout: ListLayout, index: number, scroll: number): number {
  const maxScroll = Math.max(0, layout.totalLines - layout.viewport);
  let s = Math.min(Math.max(0, scroll), maxScroll);
  if (index < 0) return 0;
  const top = (layout.tops[index] ?? 0) - (layout.headers[index] ? 1 : 0);
  const bottom = (layout.tops[index] ?? 0) + (layout.heights[index] ?? 1);
  if (bottom > s + layout.viewport) s = bottom - layout.viewport;
  if (top < s) s = top;
  s = Math.min(Math.max(0, s), maxScroll);
  // The item fits in viewport - 1 lines (the sticky heading needs 3, an item is at most 2), so one line up keeps it whole.
  if (layout.tops[index] === s && stickyGroupAt(layout, s) >= 0) s -= 1;
  return s;
}

/**
 * The item a page away from `index`: the last item that starts within one
 * screen below (or the first within one screen above), at least one item
 * away so that tall items still make progress.
 */
export function pageIndex(layout: ListLayout, index: number, direction: 1 | -1): number {
  const n = layout.ids.length;
  if (n === 0) return -1;
  const from = layout.tops[index] ?? 0;
  const span = Math.max(1, layout.viewport - 1);
  let j = index;
  if (direction === 1) {
    while (j + 1 < n && (layout.tops[j + 1] ?? 0) <= from + span) j++;
    if (j === index) j = Math.min(n - 1, index + 1);
  } else {
    while (j - 1 >= 0 && (layout.tops[j - 1] ?? 0) >= from - span) j--;
    if (j === index) j = Math.max(0, index - 1);
  }
  return j;
}
