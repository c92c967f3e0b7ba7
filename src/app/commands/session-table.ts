/**
 * The session list as a text table (non-TTY output, `list`, the cleanup dry
 * run). Ids are printed whole, always: they are what a script feeds back to
 * `show` (`list | awk '{print $1}'`). The table fits `width` by narrowing the
 * free-text columns (title first, then project, then model) to a readable
 * width, then by dropping the least needed figures, and only then by cutting
 * titles further (down to 8 columns); in the all-projects view PROJECT, cut,
 * outlives AGE and every figure, since it tells apart an id two projects
 * share; if even that is too wide the lines are left long rather than cut
 * into an id.
 */
import { maskSecrets } from '../../format/secrets.js';
import { fitTable, type FitColumn } from '../../format/fit-table.js';
import { modelCutter } from '../../format/elide.js';
import { cellText, type ColumnKey } from '../../format/session-cells.js';
import type { SessionSummary } from '../../store/types.js';

export interface SessionTableOptions {
  nowMs: number;
  /** Show which project each session belongs to (all-projects scope). */
  projectLabel?: (projectId: string) => string;
  /** Columns of the terminal (see {@link tableWidth}); without it the table is not narrowed. */
  width?: number;
}

/** The width text tables fit: the terminal's, else $COLUMNS (both in Io.columns), else 80. */
export const tableWidth = (io: { columns: number | null }): number => io.columns ?? 80;

/** The columns after ID, in the order of the headers below. */
const CELLS: readonly ColumnKey[] = ['age', 'msgs', 'tools', 'model', 'tokens', 'cost', 'badges'];

const COLUMNS: readonly FitColumn[] = [
  { header: 'ID' },
  // Dropped only when nothing else is left to drop, and before PROJECT (which tells duplicate ids apart).
  { header: 'AGE', align: 'right', dropPriority: 6.5 },
  { header: 'MSGS', align: 'right', dropPriority: 2 },
  { header: 'TOOLS', align: 'right', dropPriority: 1 },
  // Cut as `usage` and the cost view cut model ids (elide.ts modelCutter): "claude-…" told no model from another.
  { header: 'MODEL', minWidth: 8, maxWidth: 22, shrinkOrder: 3, dropPriority: 4, cutter: modelCutter },
  { header: 'TOKENS', align: 'right', dropPriority: 3 },
  { header: 'COST', align: 'right', dropPriority: 5 },
  { header: 'FLAGS', dropPriority: 6 },
];
// In --all the project tells apart an id that two projects share: it is cut (down to 8) but outlives every figure.
const PROJECT: FitColumn = { header: 'PROJECT', minWidth: 8, comfortWidth: 12, maxWidth: 32, shrinkOrder: 2, dropPriority: 7, keepEnd: true };
// Titles give way first, down to a few words; below that the figures (not age, flags or project) are dropped first.
const TITLE: FitColumn = { header: 'TITLE', minWidth: 8, comfortWidth: 24, maxWidth: 60, shrinkOrder: 1 };
/** Columns dropped before a title is cut under its comfortable width: MSGS, TOOLS, TOKENS, MODEL, COST (not FLAGS, AGE, PROJECT). */
const SQUEEZE_ABOVE = 6;

/** The table's lines (header first, no newlines): written a batch at a time (io.ts writeLines), never joined into one string. */
export function renderSessionTable(sessions: readonly SessionSummary[], opts: SessionTableOptions): string[] {
  const rows = sessions.map((s) => {
    const row = [s.id, ...CELLS.map((key) => cellText(key, s, opts.nowMs))];
    if (opts.projectLabel) row.push(opts.projectLabel(s.projectId));
    row.push(s.title);
    return row;
  });
  // A FLAGS column with no flag in it is the first to go when space is short.
  const flags = COLUMNS.length - 1;
  const noFlags = rows.every((r) => !r[flags]);
  const cols = [...COLUMNS.map((c, i) => (i === flags && noFlags ? { ...c, dropPriority: 0 } : c)), ...(opts.projectLabel ? [PROJECT] : []), TITLE];
  return fitTable(cols, rows, opts.width ?? Number.MAX_SAFE_INTEGER, { cutLines: false, squeezeAbove: SQUEEZE_ABOVE });
}

/**
 * The summary with its free text (title, first and last prompt, workspace)
 * masked where it holds a secret-shaped value (format/secrets.ts), as the
 * browser and the exports show it; the same object when nothing is masked.
 * `list` and `show` print this unless --reveal-secrets.
 */
export function maskedSummary(s: SessionSummary): SessionSummary {
  const title = maskSecrets(s.title);
  const firstPrompt = maskSecrets(s.firstPrompt);
  const lastPrompt = maskSecrets(s.lastPrompt);
  const workspace = s.workspace === undefined || s.workspace === null ? s.workspace : maskSecrets(s.workspace);
  if (title === s.title && firstPrompt === s.firstPrompt && lastPrompt === s.lastPrompt && workspace === s.workspace) return s;
  return { ...s, title, firstPrompt, lastPrompt, workspace };
}
