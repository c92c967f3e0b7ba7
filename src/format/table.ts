/**
 * Plain-text tables for the non-TTY printers (`list`, `usage`, `doctor`).
 * Columns are sized by display width, so a CJK title or an emoji does not
 * push the next column out of line, and every cell is sanitized to one line
 * so a hostile title can neither inject escapes nor add a row.
 */
import { sanitize } from './sanitize.js';
import { displayWidth, fit, truncate } from './width.js';

/** One column of {@link renderTable}. */
export interface TableColumn {
  header: string;
  /** 'right' for numbers; default 'left'. */
  align?: 'left' | 'right';
  /** Cells wider than this many columns are cut with '…'. */
  maxWidth?: number;
}

/**
 * Render a header row, a '─' rule under each column, then the rows; columns
 * are separated by `gap` spaces (default 2). Missing cells are blank, extra
 * cells are ignored. Lines carry no trailing spaces and are joined by '\n'
 * (no final newline).
 */
export function renderTable(
  columns: TableColumn[],
  rows: string[][],
  opts?: { gap?: number },
): string {
  if (columns.length === 0) return '';
  const gap = ' '.repeat(Math.max(0, opts?.gap ?? 2));
  const clean = (text: string | undefined, col: TableColumn): string => {
    const one = sanitize(text ?? '', { singleLine: true });
    return col.maxWidth === undefined ? one : truncate(one, Math.max(0, col.maxWidth));
  };
  const header = columns.map((col) => clean(col.header, col));
  const body = rows.map((row) => columns.map((col, i) => clean(row[i], col)));

  const widths = header.map((h) => displayWidth(h));
  for (const cells of body) {
    cells.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell));
    });
  }

  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => fit(cell, widths[i] ?? 0, columns[i]?.align ?? 'left'))
      .join(gap)
      .replace(/ +$/, '');
  const rule = widths.map((w) => '─'.repeat(w)).join(gap).replace(/ +$/, '');
  return [line(header), rule, ...body.map(line)].join('\n');
}
