/**
 * Which lines of a panel show when it is taller than the rows it has (the
 * session screen's Usage and Resume tabs): all of them when they fit, else
 * a window with a last row that says where it is and how to move, as the
 * cost view and the help overlay do.
 */

/** The visible window of `count` lines in `height` rows, from line `scroll`. */
export interface ScrollWindow {
  /** First line shown. */
  from: number;
  /** One past the last line shown. */
  to: number;
  /** The furthest `scroll` can go (0 when everything fits). */
  max: number;
  /** Lines one page moves (the rows left for lines). */
  page: number;
  /** "lines 1-20 of 31 · j/k PgUp/PgDn scroll", or null when everything fits. */
  footer: string | null;
}

/** The window of `count` lines that `height` rows show from `scroll` (clamped). */
export function scrollWindow(count: number, height: number, scroll: number): ScrollWindow {
  const rows = Math.max(1, height);
  if (count <= rows) return { from: 0, to: count, max: 0, page: rows, footer: null };
  const page = Math.max(1, rows - 1);
  const max = count - page;
  const from = Math.max(0, Math.min(max, scroll));
  const to = from + page;
  return { from, to, max, page, footer: `lines ${from + 1}-${to} of ${count} · j/k PgUp/PgDn scroll` };
}
