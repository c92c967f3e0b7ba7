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
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLargeSession, type LargeSession } from '../fixtures/generate.js';

const TIME = '/usr/bin/time';

export interface ChildFigures {
  name: string;
  ms: number;
  /** Peak resident set size in bytes. */
  peakRss: number;
  code: number;
}

/** Runs `node args...` to completion with stdout discarded; wall time and peak RSS. */
async function measure(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<ChildFigures> {
  if (existsSync(TIME)) {
    const out = join(tmpdir(), `sb-bench-time-${process.pid}.txt`);
    const t0 = performance.now();
    const res = spawnSync(TIME, ['-f', '%M', '-o', out, process.execPath, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 16 << 20 });
    const ms = performance.now() - t0;
    const kb = Number(readFileSync(out, 'utf8').trim().split('\n').pop());
    rmSync(out, { force: true });
    if (res.status !== 0) process.stderr.write(`${name}: exit ${res.status}\n${String(res.stderr).slice(-2000)}\n`);
    return { name, ms, peakRss: kb * 1024, code: res.status ?? -1 };
  }
  // No time(1): poll the kernel's high-water mark while the child runs.
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  let peak = 0;
  const poll = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]) * 1024);
    } catch {
      // The child has exited.
    }
  }, 20);
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? -1)));
  clearInterval(poll);
  return { name, ms: performance.now() - t0, peakRss: peak, code };
}

/** The generated session for `mb`, made once and reused by later runs. */
function ensureLargeSession(root: string, mb: number): LargeSession & { home: string } {
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
  console.log(`generated ${s.id}: ${(s.bytes / 1e6).toFixed(0)} MB, ${s.turns} turns, ${s.checkpoints} checkpoints, in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { ...s, home };
}

/** A bare line-by-line read of the file (readline over a stream, nothing parsed): the floor for any streaming reader. */
const BARE_READ = `
const rl = require('readline').createInterface({ input: require('fs').createReadStream(process.argv[1]), crlfDelay: Infinity });
let n = 0; rl.on('line', () => n++); rl.on('close', () => process.stdout.write(n + ' lines\\n'));
`;

const mbOf = (bytes: number): string => `${(bytes / 1e6).toFixed(0)} MB`;
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Runs the large-session bench and prints its table; `root` is the repository (dist/cli.js must be built). */
export async function runLargeSessionBench(root: string): Promise<void> {
  const mb = Number(process.env.BENCH_LARGE_MB ?? 600);
  if (!(mb > 0)) return;
  const cli = join(root, 'dist', 'cli.js');
  console.log(`\n## One large session (${mb} MB, 64 KB tool outputs): replay and export in bounded memory`);
  if (!existsSync(cli)) {
    console.log('skipped: dist/cli.js is not built (npm run build)');
    return;
  }
  const s = ensureLargeSession(root, mb);
  const scratch = mkdtempSync(join(tmpdir(), 'sb-bench-large-'));
  const env = { ...process.env, XDG_CACHE_HOME: join(scratch, 'cache'), XDG_CONFIG_HOME: join(scratch, 'config'), TZ: 'UTC', COLUMNS: '120' };
  const on = ['--home', s.home];
  try {
    const rows: ChildFigures[] = [];
    rows.push(await measure('node -e 0', ['-e', '0'], env));
    rows.push(await measure('bare line-by-line read (readline)', ['-e', BARE_READ, s.path], env));
    rows.push(await measure(`replay ${s.id} > /dev/null`, [cli, 'replay', s.id, ...on], env));
    rows.push(await measure('export --format md -o FILE', [cli, 'export', s.id, '--format', 'md', '-o', join(scratch, 'out.md'), ...on], env));
    const mdSize = statSync(join(scratch, 'out.md')).size;
    rmSync(join(scratch, 'out.md'));
    rows.push(await measure('export --format json -o FILE', [cli, 'export', s.id, '--format', 'json', '-o', join(scratch, 'out.json'), ...on], env));
    const jsonSize = statSync(join(scratch, 'out.json')).size;
    rmSync(join(scratch, 'out.json'));
    rows.push(await measure('resume --context FILE (context only)', [cli, 'resume', s.id, '--context', join(scratch, 'ctx.jsonl'), ...on], env));

    const [bare, read] = rows as [ChildFigures, ChildFigures];
    for (const r of rows) {
      const status = r.code === 0 ? '' : `  (exit ${r.code})`;
      const vs = r === bare ? '' : `  = ${(r.peakRss / bare.peakRss).toFixed(2)}x node -e 0, ${(r.ms / read.ms).toFixed(1)}x the bare read's time`;
      console.log(`${r.name.padEnd(38)} ${secs(r.ms).padStart(8)}  peak RSS ${mbOf(r.peakRss).padStart(7)}${vs}${status}`);
    }
    const worst = Math.max(...rows.slice(2).map((r) => r.peakRss));
    console.log(`outputs: markdown ${mbOf(mdSize)}, JSON ${mbOf(jsonSize)}; largest peak RSS of ours: ${mbOf(worst)} for a ${mbOf(s.bytes)} session (${(worst / s.bytes).toFixed(2)}x its size; the limit is 300 MB)`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
