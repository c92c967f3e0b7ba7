/**
 * Tables that must fit a terminal width: shrink what may shrink, then drop
 * the least needed columns, and only as a last resort cut lines.
 */
import { sanitize } from './sanitize.js';
import { renderTable } from './table.js';
import { displayWidth, truncate, truncateStart } from './width.js';

/** The narrowest a shrinkable column gets when nothing else can give way ("a…"). */
const LAST_RESORT_WIDTH = 2;

/** A column of {@link fitTable}. */
export interface FitColumn {
  header: string;
  align?: 'left' | 'right';
  /** May be narrowed (cut with '…') down to this width; below `comfortWidth` only once the cheap columns are dropped. */
  minWidth?: number;
  /**
   * Narrowed to this width before any column is dropped, and below it (to
   * `minWidth`) only once every column with a drop priority under
   * {@link FitOptions.squeezeAbove} is gone: a title cut to a few letters
   * tells less than the figures dropped to keep it readable. Default: `minWidth`.
   */
  comfortWidth?: number;
  /** Never wider than this (cut with '…') even when there is room; only for columns with a `minWidth`. */
  maxWidth?: number;
  /** Order in which shrinkable columns are narrowed, lowest first (default: their position). */
  shrinkOrder?: number;
  /** Columns with a priority can be dropped, lowest first; without one they always stay. */
  dropPriority?: number;
  /** Cut from the start ('…/app/api'), keeping the end: for paths, whose last folders tell them apart. */
  keepEnd?: boolean;
  /**
   * How this column's cells are cut, made from all of them (so a cut can
   * keep rows apart): for model ids, whose ends tell them apart
   * (format/elide.ts modelCutter). Default: cut at the end with '…'.
   */
  cutter?: (cells: readonly string[]) => (text: string, width: number) => string;
  /**
   * Left out when every cell of it is blank, whatever the width: a column
   * of blanks (doctor's kinds of problem no file has, usage's UNPRICED with
   * nothing unpriced) only pushed the others out of a narrow terminal.
   */
  omitWhenBlank?: boolean;
}

/** Options of {@link fitTable}. */
export interface FitOptions {
  /** Spaces between columns (default 2). */
  gap?: number;
  /**
   * Cut every line to `width` when the table still does not fit (default
   * true). Pass false when a column must stay whole (session ids): the
   * lines are then left long rather than cut.
   */
  cutLines?: boolean;
  /**
   * Columns whose drop priority is below this are dropped before any column
   * is narrowed under its `comfortWidth` (default: none are: narrow first).
   */
  squeezeAbove?: number;
}

/**
 * Lay out a table in at most `width` columns: first narrow the shrinkable
 * columns (by `shrinkOrder`), then drop droppable columns (lowest priority
 * first) until it fits; as a last resort every line is cut (unless
 * `cutLines` is false). Cells are sanitized to one line first, so widths are
 * those of the text shown. Returns the lines (header, rule, rows).
 */
export function fitTable(columns: FitColumn[], rows: string[][], width: number, opts: FitOptions = {}): string[] {
  const { gap = 2, cutLines = true, squeezeAbove = -Infinity } = opts;
  const clean = rows.map((r) => columns.map((_, i) => sanitize(r[i] ?? '', { singleLine: true })));
  const natural = columns.map((c, i) => {
    const w = Math.max(displayWidth(c.header), ...clean.map((r) => displayWidth(r[i] ?? '')));
    return c.minWidth !== undefined && c.maxWidth !== undefined ? Math.min(w, Math.max(c.maxWidth, c.minWidth)) : w;
  });
  const order = (i: number): number => columns[i]?.shrinkOrder ?? i;
  let active = columns.map((_, i) => i).filter((i) => !columns[i]!.omitWhenBlank || clean.some((r) => r[i] !== ''));
  let widths = natural.slice();
  /** Narrows the active columns (in shrink order) to at most `floor(i)` each; true when the table then fits. */
  const narrow = (floor: (i: number) => number | undefined): boolean => {
    widths = natural.slice();
    let excess = active.reduce((n, i) => n + (widths[i] ?? 0), 0) + gap * Math.max(0, active.length - 1) - width;
    for (const i of [...active].sort((a, b) => order(a) - order(b))) {
      const min = floor(i);
      if (excess <= 0 || min === undefined) continue;
      const cut = Math.min(excess, Math.max(0, (widths[i] ?? 0) - min));
      widths[i] = (widths[i] ?? 0) - cut;
      excess -= cut;
    }
    return excess <= 0;
  };
  const comfort = (i: number): number | undefined => columns[i]?.comfortWidth ?? columns[i]?.minWidth;
  /** From comfortable widths, takes what is still too wide one column at a time, round-robin, down to each `minWidth`: no column pays it all. */
  const narrowEvenly = (): boolean => {
    narrow(comfort);
    let excess = active.reduce((n, i) => n + (widths[i] ?? 0), 0) + gap * Math.max(0, active.length - 1) - width;
    const shrinkable = [...active].sort((a, b) => order(a) - order(b)).filter((i) => columns[i]?.minWidth !== undefined);
    while (excess > 0) {
      let cut = false;
      for (const i of shrinkable) {
        if (excess > 0 && (widths[i] ?? 0) > (columns[i]?.minWidth ?? 0)) {
          widths[i] = (widths[i] ?? 0) - 1;
          excess--;
          cut = true;
        }
      }
      if (!cut) break;
    }
    return excess <= 0;
  };
  /** Last resort before cutting lines: every shrinkable column down to {@link LAST_RESORT_WIDTH}, round-robin. */
  const narrowBelowMinimum = (): void => {
    let excess = active.reduce((n, i) => n + (widths[i] ?? 0), 0) + gap * Math.max(0, active.length - 1) - width;
    const shrinkable = active.filter((i) => columns[i]?.minWidth !== undefined);
    while (excess > 0) {
      let cut = false;
      for (const i of shrinkable) {
        if (excess > 0 && (widths[i] ?? 0) > LAST_RESORT_WIDTH) {
          widths[i] = (widths[i] ?? 0) - 1;
          excess--;
          cut = true;
        }
      }
      if (!cut) break;
    }
  };
  for (;;) {
    if (narrow(comfort)) break;
    const droppable = active.filter((i) => columns[i]?.dropPriority !== undefined);
    const cheap = droppable.filter((i) => (columns[i]?.dropPriority ?? 0) < squeezeAbove);
    // Cheap columns go before anything is narrowed below comfort; then narrow all the way (evenly); then drop the rest.
    if (cheap.length === 0 && narrowEvenly()) break;
    const pool = cheap.length > 0 ? cheap : droppable;
    if (pool.length === 0) {
      // Nothing left to drop: before lines are cut (losing their last figures), the labels give way below their minimum.
      if (cutLines) narrowBelowMinimum();
      break;
    }
    const victim = pool.reduce((a, b) => ((columns[a]?.dropPriority ?? 0) <= (columns[b]?.dropPriority ?? 0) ? a : b));
    active = active.filter((i) => i !== victim);
  }
  // Only shrinkable columns get a cap: the others (ids) are never cut.
  const cols = active.map((i) => ({
    header: columns[i]!.header,
    align: columns[i]!.align,
    maxWidth: columns[i]!.minWidth === undefined ? undefined : widths[i],
  }));
  const cutters = columns.map((c, i) => c.cutter?.(clean.map((r) => r[i] ?? '')));
  const cell = (r: string[], i: number): string => {
    const text = r[i] ?? '';
    if (columns[i]!.minWidth === undefined) return text;
    const cutter = cutters[i];
    if (cutter) return cutter(text, widths[i] ?? 0);
    return columns[i]!.keepEnd ? truncateStart(text, widths[i] ?? 0) : text;
  };
  const text = renderTable(cols, clean.map((r) => active.map((i) => cell(r, i))), { gap });
  const lines = text.split('\n');
  return cutLines ? lines.map((line) => truncate(line, width)) : lines;
}
