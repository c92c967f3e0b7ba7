/**
 * `doctor`: per-file problems with line numbers, and project folders refused
 * (symbolic links). Exit 0 on a clean home, 1 when it finds any problem, so
 * a script can trust it (also with --json).
 */
import { UNINDEXED_NOTE } from '../../store/scan/text-chunks.js';
import { fitTable, type FitColumn } from '../../format/fit-table.js';
import { countNoun, formatInt } from '../../format/numbers.js';
import { sanitize } from '../../format/sanitize.js';
import type { SkippedEntry } from '../../store/sources/format.js';
import { scanLocations } from '../../store/sources/registry.js';
import { diagnoseFile, hasProblem } from '../../store/scan/doctor.js';
import type { FileDiagnosis } from '../../store/types.js';
import type { ParsedOptions } from '../cli-args.js';
import type { AppContext } from '../context.js';
import type { Io } from '../io.js';
import { writeJson } from '../json-out.js';
import { readingWhere } from '../sources.js';
import { tableWidth } from './session-table.js';

/** Line numbers as "3, 7, 9-12", capped so a broken file does not flood the table. */
export function lineList(lines: readonly number[], max = 8): string {
  if (lines.length === 0) return '';
  const ranges: string[] = [];
  let start = lines[0]!;
  let prev = start;
  for (const n of [...lines.slice(1), Number.NaN]) {
    if (n === prev + 1) {
      prev = n;
      continue;
    }
    ranges.push(start === prev ? `${start}` : `${start}-${prev}`);
    start = prev = n;
  }
  return ranges.length > max ? `${ranges.slice(0, max).join(', ')}, … (${lines.length} lines)` : ranges.join(', ');
}

/** The ID column has no minWidth: ids are never cut; the line lists shrink. */
const COLUMNS: FitColumn[] = [
  { header: 'ID' },
  { header: 'DIALECT' },
  { header: 'LINES', align: 'right' },
  // A kind of problem no file here has gets no column: at 80 columns all eleven headers did not fit (BAD NU…).
  { header: 'MALFORMED', minWidth: 9, omitWhenBlank: true },
  { header: 'UNKNOWN', minWidth: 7, omitWhenBlank: true },
  { header: 'OVERSIZED', minWidth: 9, omitWhenBlank: true },
  { header: 'TORN', minWidth: 4, omitWhenBlank: true },
  { header: 'BAD NUMBERS', minWidth: 7, omitWhenBlank: true },
  { header: 'BAD TIMES', minWidth: 7, omitWhenBlank: true },
  { header: 'BAD ENTRIES', minWidth: 7, omitWhenBlank: true },
  { header: 'TAIL', omitWhenBlank: true },
];

export async function doctorCommand(ctx: AppContext, options: ParsedOptions, io: Io): Promise<number> {
  // Every source this run reads (the native home and other agents' folders), each file of a session (its parts too).
  const { files, skipped } = await scanLocations(ctx.home, ctx.projectIds, ctx.catalog.locations);
  const unreadable: SkippedEntry[] = [...skipped];
  const results: FileDiagnosis[] = [];
  for (const f of files) {
    const info = ctx.catalog.optionsFor(f).file;
    for (const path of [f.path, ...(f.parts ?? [])]) {
      try {
        results.push(await diagnoseFile(path, undefined, ctx.now(), info && { ...info, parts: [] }));
      } catch (err) {
        unreadable.push({ path, error: `cannot read: ${(err as Error).message}` });
      }
    }
  }
  results.sort((a, b) => a.path.localeCompare(b.path));
  const problems = results.filter(hasProblem);
  const code = problems.length + unreadable.length > 0 ? 1 : 0;
  for (const u of unreadable) io.err(sanitize(`session-browser: skipped ${u.path}: ${u.error}`, { singleLine: true }));
  if (options.json) {
    await writeJson(io, { home: ctx.home, problems: problems.length + unreadable.length, files: results, skipped: unreadable });
    return code;
  }
  const skippedNote = unreadable.length > 0 ? ` ${countNoun(unreadable.length, 'path')} skipped (see above).` : '';
  const where = readingWhere(ctx.home, ctx.catalog.locations);
  io.out(sanitize(`${countNoun(results.length, 'session file')} checked under ${where}; ${problems.length} with problems.${skippedNote}`, { singleLine: true }));
  if (problems.length > 0) {
    const rows = problems.map((d) => [d.id, d.dialect ?? 'none', String(d.lines), lineList(d.malformed), lineList(d.unknown), lineList(d.oversized), lineList(d.torn), lineList(d.invalidNumbers), lineList(d.invalidTimes), lineList(d.invalidEntries), d.pendingTail ? 'pending' : '']);
    io.out(fitTable(COLUMNS, rows, tableWidth(io), { cutLines: false }).join('\n'));
  }
  // Not a problem (nothing is lost), but the file is damaged there: said once per file.
  for (const d of results.filter((r) => r.repaired.length > 0)) {
    io.out(sanitize(`${d.id}: ${d.repaired.length === 1 ? 'line' : 'lines'} ${lineList(d.repaired)} not JSON inside a tool's output (a bad escape or a raw control character): read, the output as written.`, { singleLine: true }));
  }
  // Not a problem (nothing is lost from the log), but a search will not find those words: said once per file.
  for (const d of results.filter((r) => r.unindexedChars > 0)) {
    io.out(sanitize(`${d.id}: ${UNINDEXED_NOTE} (${countNoun(d.unindexedChars, 'character')} past it; the title, id and prompts still are).`, { singleLine: true }));
  }
  const writing = results.filter((d) => d.pendingTail && !hasProblem(d)).length;
  if (writing > 0) io.out(`${writing === 1 ? '1 file ends' : `${formatInt(writing)} files end`} in a partial line (an agent still writing): not a problem.`);
  return code;
}
