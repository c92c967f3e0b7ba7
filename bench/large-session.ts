/**
 * Issue 6 item 9 in figures: one large `store` session (BENCH_LARGE_MB,
 * default 600 MB; 64 KB tool outputs; generated streaming to disk into
 * .bench-tree/large-<MB>/ and reused) is replayed, exported (md, json) and
 * its resume context written by the built CLI, each in a child process whose
 * wall time and peak RSS are measured, beside baselines from the same run:
 * `node -e 0` and a bare line-by-line read of the same file.
 *
 * Peak RSS comes from `/usr/bin/time -v`-style accounting (`-f %M`) when it
 * exists, else from polling /proc/<pid>/status VmHWM.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLargeSession, type LargeSession } from '../fixtures/generate.js';
import { measure, type ChildFigures } from './lib.js';
import { openSession } from './pty.js';

export type { ChildFigures } from './lib.js';

/** The generated session for `mb`, made once and reused by later runs. */
export function ensureLargeSession(root: string, mb: number): LargeSession & { home: string } {
  const home = join(root, '.bench-tree', `large-${mb}`);
  const marker = join(home, 'session.json');
  if (existsSync(marker)) {
    const s = JSON.parse(readFileSync(marker, 'utf8')) as LargeSession;
    if (existsSync(s.path) && statSync(s.path).size === s.bytes) return { ...s, home };
  }
  rmSync(home, { recursive: true, force: true });
  const t0 = performance.now();
  const s = generateLargeSession({ home, bytes: mb * 1e6, toolOutputBytes: 64 * 1024, now: Date.parse('2026-11-21T12:00:00Z') });
  writeFileSync(marker, JSON.stringify(s));
  console.error(`generated ${s.id}: ${(s.bytes / 1e6).toFixed(0)} MB, ${s.turns} turns, ${s.checkpoints} checkpoints, in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { ...s, home };
}

/**
 * The browser opening the session (issue 9): in a pty, → on the list's only
 * row, timed to the first replay frame; peak RSS of the whole browser run.
 * A first, untimed run fills the catalog, so the figure is of the open.
 */
async function browserOpen(cli: string, s: LargeSession & { home: string }, env: NodeJS.ProcessEnv): Promise<ChildFigures> {
  const args = [cli, '--home', s.home, '--all'];
  const opts = { env: env as Record<string, string>, cwd: tmpdir(), ready: /Read every log file/, timeoutMs: 900_000 };
  // The replay's position in the help line ("line 1/136,037 (0%)"): the list's preview shows the first prompt too.
  const patterns = { replay: /line 1\/[\d,]+ \(0%\)/, end: /\(100%\)/ };
  await openSession(args, patterns, opts);
  const run = await openSession(args, patterns, opts);
  return { name: 'browser: → opens it (pty, first replay frame)', ms: run.openMs, peakRss: run.peakRss, code: 0 };
}

/** A bare line-by-line read of the file (readline over a stream, nothing parsed): the floor for any streaming reader. */
const BARE_READ = `
const rl = require('readline').createInterface({ input: require('fs').createReadStream(process.argv[1]), crlfDelay: Infinity });
let n = 0; rl.on('line', () => n++); rl.on('close', () => process.stdout.write(n + ' lines\\n'));
`;

const mbOf = (bytes: number): string => `${(bytes / 1e6).toFixed(0)} MB`;
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** What the large-session bench measured (null: skipped). */
export interface LargeSessionResult {
  mb: number;
  bytes: number;
  rows: ChildFigures[];
  outputs: { markdown: number; json: number };
  skipped?: string;
}

/** Runs the large-session bench; `root` is the repository (dist/cli.js must be built). Progress goes to stderr. */
export async function runLargeSessionBench(root: string): Promise<LargeSessionResult | null> {
  const mb = Number(process.env.BENCH_LARGE_MB ?? 600);
  if (!(mb > 0)) return null;
  const cli = join(root, 'dist', 'cli.js');
  console.error(`\n# one large session (${mb} MB, 64 KB tool outputs): replay and export`);
  if (!existsSync(cli)) return { mb, bytes: 0, rows: [], outputs: { markdown: 0, json: 0 }, skipped: 'dist/cli.js is not built (npm run build)' };
  const s = ensureLargeSession(root, mb);
  const scratch = mkdtempSync(join(tmpdir(), 'sb-bench-large-'));
  const env = { ...process.env, XDG_CACHE_HOME: join(scratch, 'cache'), XDG_CONFIG_HOME: join(scratch, 'config'), TZ: 'UTC', COLUMNS: '120' };
  const on = ['--home', s.home];
  const opts = { env };
  try {
    const rows: ChildFigures[] = [];
    rows.push(await measure('node -e 0', ['-e', '0'], opts));
    rows.push(await measure('bare line-by-line read (readline)', ['-e', BARE_READ, s.path], opts));
    rows.push(await measure(`replay > /dev/null`, [cli, 'replay', s.id, ...on], opts));
    rows.push(await measure('export --format md -o FILE', [cli, 'export', s.id, '--format', 'md', '-o', join(scratch, 'out.md'), ...on], opts));
    const markdown = statSync(join(scratch, 'out.md')).size;
    rmSync(join(scratch, 'out.md'));
    rows.push(await measure('export --format json -o FILE', [cli, 'export', s.id, '--format', 'json', '-o', join(scratch, 'out.json'), ...on], opts));
    const json = statSync(join(scratch, 'out.json')).size;
    rmSync(join(scratch, 'out.json'));
    rows.push(await measure('resume --context FILE (context only)', [cli, 'resume', s.id, '--context', join(scratch, 'ctx.jsonl'), ...on], opts));
    rows.push(await browserOpen(cli, s, env));
    for (const r of rows) console.error(`  ${r.name.padEnd(38)} ${secs(r.ms).padStart(8)}  peak RSS ${mbOf(r.peakRss).padStart(7)}${r.code ? ` (exit ${r.code})` : ''}`);
    return { mb, bytes: s.bytes, rows, outputs: { markdown, json } };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
