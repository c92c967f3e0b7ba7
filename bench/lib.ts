/**
 * Shared pieces of the bench: whole-process timing with peak RSS, medians
 * and quantiles, and the formatting of figures.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TIME = '/usr/bin/time';

/** How peak RSS is measured on this machine (reported with the results). */
export const RSS_METHOD = existsSync(TIME) ? '/usr/bin/time -f %M (max RSS of the child)' : '/proc/<pid>/status VmHWM, polled every 20 ms';

/** One child process run. */
export interface ChildFigures {
  name: string;
  ms: number;
  /** Peak resident set size in bytes. */
  peakRss: number;
  code: number;
  /** Its stdout, when asked for. */
  stdout?: string;
}

export interface MeasureOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Keep stdout (default: discarded). */
  captureStdout?: boolean;
  /** The program to run (default: this Node); `args` are its arguments. */
  command?: string;
}

/** Runs `node args...` (or `opts.command args...`) to completion; wall time and peak RSS. */
export async function measure(name: string, args: string[], opts: MeasureOptions = {}): Promise<ChildFigures> {
  const env = opts.env ?? process.env;
  const command = opts.command ?? process.execPath;
  if (existsSync(TIME)) {
    const out = join(tmpdir(), `sb-bench-time-${process.pid}.txt`);
    const t0 = performance.now();
    const res = spawnSync(TIME, ['-f', '%M', '-o', out, command, ...args], {
      env,
      cwd: opts.cwd,
      stdio: ['ignore', opts.captureStdout ? 'pipe' : 'ignore', 'pipe'],
      maxBuffer: 1 << 30,
    });
    const ms = performance.now() - t0;
    const kb = Number(readFileSync(out, 'utf8').trim().split('\n').pop());
    rmSync(out, { force: true });
    if (res.status !== 0) process.stderr.write(`${name}: exit ${res.status}\n${String(res.stderr).slice(-2000)}\n`);
    return { name, ms, peakRss: kb * 1024, code: res.status ?? -1, ...(opts.captureStdout ? { stdout: String(res.stdout) } : {}) };
  }
  // No time(1): poll the kernel's high-water mark while the child runs.
  const t0 = performance.now();
  const child = spawn(command, args, { env, cwd: opts.cwd, stdio: ['ignore', opts.captureStdout ? 'pipe' : 'ignore', 'pipe'] });
  let peak = 0;
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const poll = setInterval(() => {
    peak = Math.max(peak, vmHwm(child.pid));
  }, 20);
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? -1)));
  clearInterval(poll);
  if (code !== 0) process.stderr.write(`${name}: exit ${code}\n${stderr.slice(-2000)}\n`);
  return { name, ms: performance.now() - t0, peakRss: peak, code, ...(opts.captureStdout ? { stdout } : {}) };
}

/** The kernel's peak-RSS mark of a live process in bytes, 0 when it cannot be read. */
export function vmHwm(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Several runs of one command: `before` runs ahead of each (untimed), e.g. to empty a cache. */
export async function repeat(
  name: string,
  reps: number,
  args: string[],
  opts: MeasureOptions & { before?: (i: number) => void | Promise<void> } = {},
): Promise<ChildFigures[]> {
  const runs: ChildFigures[] = [];
  for (let i = 0; i < reps; i++) {
    await opts.before?.(i);
    runs.push(await measure(name, args, opts));
  }
  return runs;
}

/** The q-quantile (nearest rank) of the samples. */
export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
}

/** The median (for an even count, the mean of the two middle samples). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

export const fmtMs = (ms: number): string =>
  !Number.isFinite(ms) ? 'n/a' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
export const fmtMB = (bytes: number): string => (!Number.isFinite(bytes) || bytes <= 0 ? 'n/a' : `${(bytes / 1e6).toFixed(bytes >= 1e8 ? 0 : 1)} MB`);
export const fmtRatio = (a: number, b: number): string =>
  !(Number.isFinite(a / b) && b > 0) ? 'n/a' : a / b >= 0.1 ? `${(a / b).toFixed(2)}x` : `${(a / b).toPrecision(2)}x`;

/** One figure of the bench's table (and of its JSON): ours beside a baseline from the same run. */
export interface TableRow {
  figure: string;
  ours: string;
  baseline: string;
  ratio: string;
  budget: string;
  /** true met, false missed, null no budget. */
  met: boolean | null;
  rss: string;
  /** Raw samples and medians for the JSON. */
  data: Record<string, unknown>;
}
