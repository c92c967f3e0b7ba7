/** Per-file diagnosis for `doctor`: the same classification as the readers, with line numbers. */
import { basename } from 'node:path';
import { excusesEarlyIgnorables } from '../sources/registry.js';
import { readRecords } from './records.js';
import { foldObject, initialSummaryState } from './summary-reader.js';
import type { FileDiagnosis } from '../types.js';

/**
 * Diagnoses one session file: which lines are malformed, unknown or
 * oversized (1-based line numbers), its dialect, and whether it ends in a
 * pending tail. `empty` marks a file with no record yet: zero bytes, blank
 * lines, or only a partial first line (an agent that just started). That is
 * an empty session (format §2.1), not a problem. Throws when the file cannot
 * be read.
 */
export async function diagnoseFile(path: string, maxLineBytes?: number): Promise<FileDiagnosis> {
  const state = initialSummaryState();
  const malformed: number[] = [];
  const unknown: number[] = [];
  const oversized: number[] = [];
  // Lines some format ignores, before the file's format is known: unknown unless it ignores them too.
  const early: number[] = [];
  const scan = await readRecords(
    path,
    {
      record: (obj, at) => {
        const before = { unknown: state.unknown, early: state.ephemeralEarly };
        foldObject(state, obj);
        if (state.unknown > before.unknown) unknown.push(at.lineNo);
        if (state.ephemeralEarly > before.early) early.push(at.lineNo);
      },
      malformed: (at) => void malformed.push(at.lineNo),
      oversized: (at) => void oversized.push(at.lineNo),
    },
    { maxLineBytes },
  );
  if (!excusesEarlyIgnorables(state.dialect)) unknown.push(...early);
  unknown.sort((a, b) => a - b);
  const empty = state.dialect === null && malformed.length + unknown.length + oversized.length === 0;
  const { lines, pendingTail } = scan;
  return { path, id: basename(path).replace(/\.jsonl$/, ''), dialect: state.dialect, lines, malformed, unknown, oversized, pendingTail, empty };
}

/**
 * Whether `doctor` counts a diagnosis as a problem: a file with complete
 * lines of no known dialect, or malformed, unknown or oversized lines. A
 * partial last line is an agent still writing (format §1), and a file with
 * nothing complete yet (zero bytes, or only a partial first line) is a
 * session that just started: neither is a problem.
 */
export function hasProblem(d: FileDiagnosis): boolean {
  const completeLines = d.pendingTail ? d.lines - 1 : d.lines;
  // Blank lines are not records either (format §2): a blank-only file is empty, not corrupt.
  return (d.dialect === null && !d.empty && completeLines > 0) || d.malformed.length + d.unknown.length + d.oversized.length > 0;
}
