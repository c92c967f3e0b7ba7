/** `doctor`: per-file problems with line numbers. Exit 0 even when problems are found: it is a report. */
import { renderTable } from '../../format/table.js';
import { listSessionFiles } from '../../store/discover.js';
import { diagnoseFile } from '../../store/doctor.js';
import type { FileDiagnosis } from '../../store/types.js';
import type { ParsedOptions } from '../cli-args.js';
import type { AppContext } from '../context.js';
import { toJson, type Io } from '../io.js';

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

const hasProblem = (d: FileDiagnosis): boolean =>
  d.dialect === null || d.malformed.length + d.unknown.length + d.oversized.length > 0 || d.pendingTail;

export async function doctorCommand(ctx: AppContext, options: ParsedOptions, io: Io): Promise<number> {
  const files = await listSessionFiles(ctx.home, ctx.projectIds);
  const results: FileDiagnosis[] = [];
  for (const f of files) {
    try {
      results.push(await diagnoseFile(f.path));
    } catch (err) {
      io.err(`session-browser: cannot read ${f.path}: ${(err as Error).message}`);
    }
  }
  results.sort((a, b) => a.path.localeCompare(b.path));
  if (options.json) {
    io.out(toJson({ home: ctx.home, files: results }));
    return 0;
  }
  const problems = results.filter(hasProblem);
  io.out(`${results.length} session file(s) checked under ${ctx.home}; ${problems.length} with problems.`);
  if (problems.length === 0) return 0;
  io.out(
    renderTable(
      [{ header: 'ID', maxWidth: 32 }, { header: 'DIALECT' }, { header: 'LINES', align: 'right' }, { header: 'MALFORMED' }, { header: 'UNKNOWN' }, { header: 'OVERSIZED' }, { header: 'TAIL' }],
      problems.map((d) => [d.id, d.dialect ?? 'none', String(d.lines), lineList(d.malformed), lineList(d.unknown), lineList(d.oversized), d.pendingTail ? 'pending' : '']),
    ),
  );
  return 0;
}
