/**
 * The cold summary pass's cost per byte, in one thread: every session file
 * of a tree read as a scan worker reads it (summary-jobs.ts runJob: the
 * read loop, the sources' parsers, the summarizer, the check hash), beside
 * a bare read + JSON.parse of every line, alternated in one process so both
 * see the same machine. Prints CPU and wall medians and the ratio.
 *
 *   npx tsx bench/scan-cost.ts TREE [REPS]   (or bundled with esbuild, to time the shipped code)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runJob } from '../src/store/scan/summary-jobs.js';

const [tree = '.bench-tree/tree-v2-1000', repsArg = '3'] = process.argv.slice(2);
const reps = Number(repsArg);

function sessionFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) sessionFiles(p, out);
    else if (e.name.endsWith('.jsonl')) out.push(p);
  }
  return out;
}

const files = sessionFiles(tree);
const opts = { projectId: 'bench', pricing: {}, nowMs: Date.parse('2026-12-01T00:00:00Z'), cacheTtlSec: { default: 300 }, collectText: false };

function bare(): number {
  let records = 0;
  for (const path of files) {
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line) continue;
      try {
        JSON.parse(line);
        records++;
      } catch {
        // malformed: skipped, like the scan does
      }
    }
  }
  return records;
}

function ours(): number {
  let bytes = 0;
  for (const path of files) bytes += runJob(path, opts, undefined).result?.size ?? 0;
  return bytes;
}

/** CPU (user + system) and wall milliseconds of one run of `fn`. */
function time(fn: () => number): { cpu: number; wall: number } {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  fn();
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000, wall: performance.now() - w0 };
}

const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const MB = ours() / 1e6; // also warms the page cache and the JIT
bare();
const runs = { bare: [] as { cpu: number; wall: number }[], ours: [] as { cpu: number; wall: number }[] };
for (let r = 0; r < reps; r++) {
  runs.bare.push(time(bare));
  runs.ours.push(time(ours));
}
const fig = (k: 'bare' | 'ours') => ({ cpuMs: med(runs[k].map((x) => x.cpu)), wallMs: med(runs[k].map((x) => x.wall)) });
const b = fig('bare');
const o = fig('ours');
console.log(JSON.stringify({ files: files.length, MB: +MB.toFixed(1), bare: b, ours: o, cpuRatio: +(o.cpuMs / b.cpuMs).toFixed(2), wallRatio: +(o.wallMs / b.wallMs).toFixed(2), oursCpuMBs: +(MB / (o.cpuMs / 1000)).toFixed(0) }));
