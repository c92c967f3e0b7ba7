/**
 * `npm run bench`: speed and memory, reported as ratios against baselines
 * measured in the same run (these machines are noisy; absolute numbers
 * alone mean little). Sizes: BENCH_SESSIONS (default 2000) sessions from the
 * seeded generator, in .bench-tree/ (reused while the count matches).
 * BENCH_LARGE_MB (default 600; 0 skips) sizes the one-large-session case
 * (bench/large-session.ts). BENCH_CACHE_ROWS (default "10000,105000"; 0
 * skips) sizes the summary-cache case (bench/summary-cache.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTree } from '../fixtures/generate.js';
import { SessionCatalog } from '../src/store/catalog/catalog.js';
import { listSessionFiles } from '../src/store/sources/native/discover.js';
import { SummaryCache } from '../src/store/catalog/summary-cache.js';
import { readSummary } from '../src/store/scan/summary-reader.js';
import { runSearchBench } from './search.bench.js';
import { runLargeSessionBench } from './large-session.js';
import { runSummaryCacheBench } from './summary-cache.js';
import type { SummaryState } from '../src/store/scan/summary-reader.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const COUNT = Number(process.env.BENCH_SESSIONS ?? 2000);
const TREE = join(ROOT, '.bench-tree', String(COUNT));
const NOW = '2026-11-21T12:00:00Z';

function timeIt<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}
async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}
const fmt = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;

async function ensureTree(): Promise<void> {
  if (existsSync(join(TREE, 'projects'))) return;
  rmSync(TREE, { recursive: true, force: true });
  const t = await timeAsync(() => generateTree({ out: TREE, count: COUNT, projects: 5, seed: 1, now: NOW }));
  console.log(`generated ${t.value.files} sessions (${(t.value.bytes / 1e6).toFixed(1)} MB) in ${fmt(t.ms)}`);
}

/** The naive reader every tool starts with: whole file in a string, split, parse. */
function naiveRead(paths: string[]): number {
  let records = 0;
  for (const p of paths) {
    for (const line of readFileSync(p, 'utf8').split('\n')) {
      if (!line) continue;
      try {
        JSON.parse(line);
        records++;
      } catch {
        // skipped
      }
    }
  }
  return records;
}

/** Returns the fold states of every session, for the summary-cache case. */
async function readerBench(): Promise<SummaryState[]> {
  const catalog = new SessionCatalog({ home: TREE, now: () => Date.parse(NOW) });
  const files = await listSessionFiles(TREE, null);
  const bytes = files.reduce((n, f) => n + statSync(f.path).size, 0);
  console.log(`\n## Summaries: ${files.length} sessions, ${(bytes / 1e6).toFixed(1)} MB`);

  const naive = timeIt(() => naiveRead(files.map((f) => f.path)));
  const heapBefore = process.memoryUsage().heapUsed;
  const full = await timeAsync(() => catalog.summaries(null, { includeEmpty: true }));
  const heapAfter = process.memoryUsage().heapUsed;
  console.log(`naive readFileSync + split + JSON.parse (no figures): ${fmt(naive.ms)}`);
  console.log(`our streaming summaries (all figures):               ${fmt(full.ms)}  = ${ratio(full.ms, naive.ms)} the naive parse  (${((bytes / 1e6) / (full.ms / 1000)).toFixed(0)} MB/s)`);
  console.log(`heap held by ${full.value.sessions.length} summaries: ${((heapAfter - heapBefore) / 1e6).toFixed(0)} MB (${((heapAfter - heapBefore) / full.value.sessions.length / 1024).toFixed(1)} KB each)`);

  // The persisted cache, as the CLI uses it: first run cold (fills it), second warm.
  const cacheDir = mkdtempSync(join(tmpdir(), 'sb-bench-cache-'));
  const withCache = (): SessionCatalog =>
    new SessionCatalog({ home: TREE, now: () => Date.parse(NOW), cache: SummaryCache.forHome(TREE, { XDG_CACHE_HOME: cacheDir }) });
  const cold = await timeAsync(() => withCache().summaries(null, { includeEmpty: true }));
  const warm = await timeAsync(() => withCache().summaries(null, { includeEmpty: true }));
  rmSync(cacheDir, { recursive: true, force: true });
  console.log(`summary cache: cold ${fmt(cold.ms)} (read + write cache), warm ${fmt(warm.ms)} = ${ratio(cold.ms, warm.ms)} faster`);

  // Incremental: a persisted fold state lets an unchanged file be finished without re-reading it.
  const states = await Promise.all(files.map(async (f) => ({ f, r: await readSummary(f.path, catalog.readOptions(f.projectId)) })));
  const resumed = await timeAsync(async () => {
    for (const { f, r } of states) await readSummary(f.path, catalog.readOptions(f.projectId), r.state);
  });
  const again = await timeAsync(async () => {
    for (const { f } of states) await readSummary(f.path, catalog.readOptions(f.projectId));
  });
  console.log(`re-read from persisted states (unchanged files): ${fmt(resumed.ms)} vs full sequential re-read ${fmt(again.ms)} = ${ratio(again.ms, resumed.ms)} faster`);

  const largest = files.reduce((a, b) => (statSync(a.path).size >= statSync(b.path).size ? a : b));
  const tr = await timeAsync(() => catalog.transcript(largest));
  console.log(`open the largest session (${(statSync(largest.path).size / 1e6).toFixed(1)} MB, ${tr.value.entries.length} entries): ${fmt(tr.ms)}`);
  return states.map(({ r }) => r.state);
}

function summaryCacheBench(states: SummaryState[]): void {
  if (process.env.BENCH_CACHE_ROWS === '0') return;
  const avg = states.reduce((n, s) => n + JSON.stringify(s).length, 0) / states.length;
  console.log(`\n## Summary cache at 10k / 105k sessions: write and warm read (real states of ${(avg / 1024).toFixed(1)} KB avg, repeated)`);
  for (const f of runSummaryCacheBench(states)) {
    const size = f.bytes === null ? '' : `, ${(f.bytes / 1e6).toFixed(0)} MB on disk`;
    const figures = f.error ? `FAILS: ${f.error}` : `write ${fmt(f.writeMs!)}, warm read ${fmt(f.readMs!)}${size}`;
    console.log(`${f.engine.padEnd(6)} ${String(f.rows).padStart(7)} rows: ${figures}; peak RSS ${f.peakRssMb} MB`);
  }
}

function startupBench(): void {
  console.log('\n## Start-up (median of 5)');
  const median = (args: string[]): number => {
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore', env: { ...process.env, XDG_CONFIG_HOME: '/nonexistent' } });
      runs.push(performance.now() - t0);
    }
    return runs.sort((a, b) => a - b)[2]!;
  };
  const bare = median(['-e', '0']);
  const version = median(['dist/cli.js', '--version']);
  const list = median(['dist/cli.js', 'list', '--demo', '--json']);
  console.log(`node -e 0: ${fmt(bare)}; session-browser --version: ${fmt(version)} (${ratio(version, bare)}); list --demo --json: ${fmt(list)} (${ratio(list, bare)})`);
}

async function searchBench(): Promise<void> {
  console.log('\n## Search (10,000 synthetic summaries, per query)');
  const rows = await runSearchBench();
  for (const r of rows) console.log(`${r.name.padEnd(44)} median ${fmt(r.medianMs).padStart(9)}  p95 ${fmt(r.p95Ms).padStart(9)}`);
}

await ensureTree();
summaryCacheBench(await readerBench());
if (existsSync(join(ROOT, 'dist', 'cli.js'))) startupBench();
await runLargeSessionBench(ROOT);
await searchBench();
