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

/** Where every item sits, in display lines. */
export interface ListLayout {
  /** Session ids in display order. */
  ids: readonly string[];
  /** Position of each id in `ids`. */
  indexOf: ReadonlyMap<string, number>;
  /** First line of each item (its group header, if any, is the line above). */
  tops: readonly number[];
  heights: readonly number[];
  headers: readonly boolean[];
  /** For each item, the index of the item whose header heads its group; -1 when no header is above it. */
  groups: readonly number[];
  /** All lines, headers included. */
  totalLines: number;
  /** Lines the screen has for the list. */
  viewport: number;
}

/** Lay items out top to bottom. `viewport` is clamped to at least one line. */
export function buildLayout(items: readonly LayoutItem[], viewport: number): ListLayout {
  const ids: string[] = [];
  const indexOf = new Map<string, number>();
  const tops: number[] = [];
  const heights: number[] = [];
  const headers: boolean[] = [];
  const groups: number[] = [];
  let line = 0;
  let group = -1;
  for (const item of items) {
    if (item.header) line++;
    if (item.header) group = ids.length;
    groups.push(group);
    indexOf.set(item.id, ids.length);
    ids.push(item.id);
    tops.push(line);
    heights.push(item.height);
    headers.push(item.header);
    line += item.height;
  }
  return { ids, indexOf, tops, heights, headers, groups, totalLines: line, viewport: Math.max(1, viewport) };
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
    const found = layout.indexOf.get(selectedId);
    if (found !== undefined) return found;
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
