/**
 * Tables that must fit a terminal width: shrink what may shrink, then drop
 * the least needed columns, and only as a last resort cut lines.
 */
import { renderTable } from './table.js';
import { displayWidth, truncate } from './width.js';

/** A column of {@link fitTable}. */
export interface FitColumn {
  header: string;
  align?: 'left' | 'right';
  /** May be narrowed (cut with '…') down to this width before anything is dropped. */
  minWidth?: number;
  /** Columns with a priority can be dropped, lowest first; without one they always stay. */
  dropPriority?: number;
}

/**
 * Lay out a table in at most `width` columns: first narrow the shrinkable
 * columns, then drop droppable columns (lowest priority first) until it fits;
 * as a last resort every line is cut. Returns the lines (header, rule, rows).
 */
export function fitTable(columns: FitColumn[], rows: string[][], width: number, gap = 2): string[] {
  const natural = columns.map((c, i) => Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  let active = columns.map((_, i) => i);
  let widths = natural.slice();
  for (;;) {
    widths = natural.slice();
    const total = (): number => active.reduce((n, i) => n + (widths[i] ?? 0), 0) + gap * Math.max(0, active.length - 1);
    let excess = total() - width;
    for (const i of active) {
      const min = columns[i]?.minWidth;
      if (excess <= 0 || min === undefined) continue;
      const cut = Math.min(excess, Math.max(0, (widths[i] ?? 0) - min));
      widths[i] = (widths[i] ?? 0) - cut;
      excess -= cut;
    }
    if (excess <= 0) break;
    const droppable = active.filter((i) => columns[i]?.dropPriority !== undefined);
    if (droppable.length === 0) break;
    const victim = droppable.reduce((a, b) => ((columns[a]?.dropPriority ?? 0) <= (columns[b]?.dropPriority ?? 0) ? a : b));
    active = active.filter((i) => i !== victim);
  }
  const cols = active.map((i) => ({ header: columns[i]!.header, align: columns[i]!.align, maxWidth: widths[i] }));
  const text = renderTable(cols, rows.map((r) => active.map((i) => r[i] ?? '')), { gap });
  return text.split('\n').map((line) => truncate(line, width));
}
