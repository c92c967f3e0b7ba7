/** Per-file diagnosis for `doctor`: the same classification as the readers, with line numbers. */
import { basename } from 'node:path';
import { CLOCK_SKEW_MS } from '../sources/common/fold-common.js';
import { excusesEarlyIgnorables } from '../sources/registry.js';
import { PASS_TEXT_CHARS } from './text-chunks.js';
import { foldObject, initialSummaryState, readSessionFile, type SessionFileInfo } from './summary-reader.js';
import type { FileDiagnosis } from '../types.js';

/**
 * Diagnoses one session file: which lines are malformed, unknown or
 * oversized (1-based line numbers), its dialect, and whether it ends in a
 * pending tail. Times more than a day after `nowMs` (default: the clock)
 * are impossible. `empty` marks a file with no record yet: zero bytes, blank
 * lines, or only a partial first line (an agent that just started). That is
 * an empty session (format §2.1), not a problem. `file`: what the location
 * knew of the session (another agent's log: its format, a JSON document),
 * else the format is sniffed as for a native file. Throws when the file
 * cannot be read.
 */
export async function diagnoseFile(path: string, maxLineBytes?: number, nowMs = Date.now(), file?: SessionFileInfo): Promise<FileDiagnosis> {
  const state = initialSummaryState(file?.format);
  state.d.notAfterMs = nowMs + CLOCK_SKEW_MS;
  const malformed: number[] = [];
  const unknown: number[] = [];
  const oversized: number[] = [];
  const torn: number[] = [];
  const repaired: number[] = [];
  const invalidNumbers: number[] = [];
  const invalidTimes: number[] = [];
  const invalidEntries: number[] = [];
  // Lines some format ignores, before the file's format is known: unknown unless it ignores them too.
  const early: number[] = [];
  // The text a search read would index, counted, not kept: past PASS_TEXT_CHARS it is not searchable.
  const text = { chars: 0, add(t: string) { this.chars += t.length; } };
  const scan = await readSessionFile(
    path,
    file,
    {
      record: (obj, at) => {
        const flags = state.d.flags;
        const before = { unknown: state.unknown, early: state.ephemeralEarly, numbers: flags.numbers, times: flags.times, entries: flags.entries };
        foldObject(state, obj, text);
        if (state.unknown > before.unknown) unknown.push(at.lineNo);
        if (state.ephemeralEarly > before.early) early.push(at.lineNo);
        if (flags.numbers > before.numbers) invalidNumbers.push(at.lineNo);
        if (flags.times > before.times) invalidTimes.push(at.lineNo);
        if (flags.entries > before.entries) invalidEntries.push(at.lineNo);
      },
      malformed: (at) => void malformed.push(at.lineNo),
      oversized: (at) => void oversized.push(at.lineNo),
      torn: (at) => void torn.push(at.lineNo),
      repaired: (at) => void repaired.push(at.lineNo),
    },
    { maxLineBytes },
  );
  if (!excusesEarlyIgnorables(state.dialect)) unknown.push(...early);
  unknown.sort((a, b) => a - b);
  const empty = state.dialect === null && malformed.length + unknown.length + oversized.length === 0;
  const { lines, pendingTail } = scan;
  const id = basename(path).replace(/\.jsonl?$/, '');
  const unindexedChars = Math.max(0, text.chars - PASS_TEXT_CHARS);
  return { path, id, dialect: state.dialect, lines, malformed, unknown, oversized, torn, repaired, invalidNumbers, invalidTimes, invalidEntries, unindexedChars, pendingTail, empty };
}

/**
 * Whether `doctor` counts a diagnosis as a problem: a file with complete
 * lines of no known dialect, or malformed, unknown or oversized lines, or
 * torn lines (a record lost to a crash), or records with impossible
 * numbers or times (left out of totals) or entries not of their kind
 * (dropped). A
 * partial last line is an agent still writing (format §1), and a file with
 * nothing complete yet (zero bytes, or only a partial first line) is a
 * session that just started: neither is a problem.
 */
export function hasProblem(d: FileDiagnosis): boolean {
  const completeLines = d.pendingTail ? d.lines - 1 : d.lines;
  // Blank lines are not records either (format §2): a blank-only file is empty, not corrupt.
  return (d.dialect === null && !d.empty && completeLines > 0) || d.malformed.length + d.unknown.length + d.oversized.length + d.torn.length + d.invalidNumbers.length + d.invalidTimes.length + d.invalidEntries.length > 0;
}
