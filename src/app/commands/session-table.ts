/** The session list as a text table (non-TTY output and `list`). */
import { cellText, type ColumnKey } from '../../format/session-cells.js';
import { renderTable, type TableColumn } from '../../format/table.js';
import type { SessionSummary } from '../../store/types.js';

export interface SessionTableOptions {
  nowMs: number;
  /** Show which project each session belongs to (all-projects scope). */
  projectLabel?: (projectId: string) => string;
}

/** The columns after ID, in the order of the headers below. */
const CELLS: readonly ColumnKey[] = ['age', 'msgs', 'tools', 'model', 'tokens', 'cost', 'badges'];

export function renderSessionTable(sessions: readonly SessionSummary[], opts: SessionTableOptions): string {
  const cols: TableColumn[] = [
    { header: 'ID', maxWidth: 28 },
    { header: 'AGE', align: 'right' },
    { header: 'MSGS', align: 'right' },
    { header: 'TOOLS', align: 'right' },
    { header: 'MODEL', maxWidth: 22 },
    { header: 'TOKENS', align: 'right' },
    { header: 'COST', align: 'right' },
    { header: 'FLAGS' },
  ];
  if (opts.projectLabel) cols.push({ header: 'PROJECT', maxWidth: 32 });
  cols.push({ header: 'TITLE', maxWidth: 60 });
  const rows = sessions.map((s) => {
    const row = [s.id, ...CELLS.map((key) => cellText(key, s, opts.nowMs))];
    if (opts.projectLabel) row.push(opts.projectLabel(s.projectId));
    row.push(s.title);
    return row;
  });
  return renderTable(cols, rows);
}
