/**
 * Issue 9's "opening a 1 GB session" in figures: the browser, in a real pty,
 * opens the one large `store` session of .bench-tree/large-<MB>/ (made by
 * bench/large-session.ts) and we time the first replay frame after →, the
 * frame after G (jump to the end), and read the peak RSS of the whole run.
 * The catalog is warmed by one untimed run first, so the figures are of the
 * open, not of the list's first scan.
 *
 * Run alone: `tsx bench/open-session.ts [CLI...]` (default dist/cli.js);
 * several CLIs (e.g. a build of main and of a branch) run in turn on the same
 * file, so their ratios come from one run. BENCH_LARGE_MB picks the size
 * (default 1000), BENCH_REPS the runs per CLI (default 1).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureLargeSession } from './large-session.js';
import { fmtMB, fmtMs, fmtRatio, median } from './lib.js';
import { openSession, type OpenSessionRun } from './pty.js';

/** Figures of one CLI: each run's, and their medians. */
export interface OpenSessionFigures {
  cli: string;
  runs: OpenSessionRun[];
  openMs: number;
  endMs: number;
  peakRss: number;
}

/** Opens the large session `reps` times with each CLI; progress to stderr. */
export async function runOpenSessionBench(root: string, clis: readonly string[], mb: number, reps: number): Promise<OpenSessionFigures[]> {
  const s = ensureLargeSession(root, mb);
  const out: OpenSessionFigures[] = [];
  for (const cli of clis) {
    const scratch = mkdtempSync(join(tmpdir(), 'sb-bench-open-'));
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      XDG_CACHE_HOME: join(scratch, 'cache'),
      XDG_CONFIG_HOME: join(scratch, 'config'),
      HOME: scratch,
      TZ: 'UTC',
    };
    const args = [cli, '--home', s.home, '--all'];
    const opts = { env, cwd: scratch, ready: /Read every log file/, timeoutMs: Number(process.env.BENCH_OPEN_TIMEOUT_MS ?? 900_000) };
    // The replay's position in the help line ("line 1/136,037 (0%)"): the list's preview shows the first prompt too.
    const patterns = { replay: /line 1\/[\d,]+ \(0%\)/, end: /\(100%\)/ };
    try {
      // Untimed: the first run scans the file for the catalog.
      await openSession(args, patterns, opts);
      const runs: OpenSessionRun[] = [];
      for (let i = 0; i < reps; i++) {
        const r = await openSession(args, patterns, opts);
        console.error(`  ${cli}: open ${fmtMs(r.openMs)}, G ${fmtMs(r.endMs)}, peak RSS ${fmtMB(r.peakRss)}`);
        runs.push(r);
      }
      out.push({ cli, runs, openMs: median(runs.map((r) => r.openMs)), endMs: median(runs.map((r) => r.endMs)), peakRss: median(runs.map((r) => r.peakRss)) });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const clis = process.argv.length > 2 ? process.argv.slice(2).map((p) => resolve(p)) : [join(root, 'dist', 'cli.js')];
  const mb = Number(process.env.BENCH_LARGE_MB ?? 1000);
  const figures = await runOpenSessionBench(root, clis, mb, Number(process.env.BENCH_REPS ?? 1));
  const base = figures[0]!;
  console.log(`| CLI | open → first replay frame | G → end shown | peak RSS |\n|---|---|---|---|`);
  for (const f of figures) {
    console.log(`| ${f.cli} | ${fmtMs(f.openMs)} (${fmtRatio(f.openMs, base.openMs)}) | ${fmtMs(f.endMs)} (${fmtRatio(f.endMs, base.endMs)}) | ${fmtMB(f.peakRss)} (${fmtRatio(f.peakRss, base.peakRss)}) |`);
  }
}
