/** Per-file diagnosis for `doctor`: the same classification as the readers, with line numbers. */
import { basename } from 'node:path';
import { classifyLine } from './classify.js';
import { scanLines } from './lines.js';
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
  // Ephemeral turns lines before the dialect is known: unknown unless the file is turns.
  const early: number[] = [];
  let lines = 0;
  const scan = await scanLines(
    path,
    (text, lineNo) => {
      lines = lineNo;
      if (text === null) return void oversized.push(lineNo);
      const line = classifyLine(text);
      if (line.kind === 'malformed') malformed.push(lineNo);
      if (line.kind !== 'object') return;
      const before = { unknown: state.unknown, early: state.ephemeralEarly };
      foldObject(state, line.value);
      if (state.unknown > before.unknown) unknown.push(lineNo);
      if (state.ephemeralEarly > before.early) early.push(lineNo);
    },
    { maxLineBytes },
  );
  let pendingTail = false;
  if (scan.tailBytes > 0) {
    lines = scan.nextLineNo;
    const tail = scan.tail === null ? null : classifyLine(scan.tail);
    if (tail?.kind === 'object') {
      const before = state.unknown;
      foldObject(state, tail.value);
      if (state.unknown > before) unknown.push(scan.nextLineNo);
    } else if (tail?.kind !== 'blank') pendingTail = true;
  }
  if (state.dialect !== 'turns') unknown.push(...early);
  unknown.sort((a, b) => a - b);
  const empty = state.dialect === null && malformed.length + unknown.length + oversized.length === 0;
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
