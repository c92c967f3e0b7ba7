/**
 * `npm run bench`: the figures of issue 7's table, each beside a baseline
 * measured in the same run, as whole-process medians (these machines are
 * noisy; only ratios mean much). A Markdown table goes to stdout (progress
 * to stderr), the raw samples to bench/results/<date>-<sessions>.json.
 *
 * Environment:
 *   BENCH_SESSIONS   sessions in the generated home (default 10000; 1000 / 100000 for the other sizes).
 *                    Trees live in .bench-tree/tree-v<generator>-<N>/ and are reused.
 *   BENCH_REPS       runs of each cheap command (default 5); the median is reported.
 *   BENCH_COLD_REPS  runs of each cold full scan (default 3; 1 from 50,000 sessions).
 *   BENCH_TYPING_REPS times each search word is typed in the pty (default 3).
 *   BENCH_APPEND_MB  size of the session appended to (default 1000; 0 skips).
 *   BENCH_LARGE_MB   size of the one-large-session replay/export case (default 600; 0 skips).
 *   BENCH_SEARCH     0 skips the in-process search-engine micro-bench.
 *   BENCH_CACHE_ROWS catalog sizes of the summary-cache case (default "10000,105000"; 0 skips).
 *   BENCH_CLAUDE_MB  size of the generated Claude Code tree on which `usage --json` is compared with
 *                    ccusage 20.0.24 (default 1000; 0 skips; bench/ccusage.bench.ts, also runnable alone).
 *   BENCH_CLAUDE_COLD_REPS cold runs of that comparison (default 5).
 *
 * `prebench` builds dist/ first, so the figures are of the source as it is.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATOR_VERSION, generateTree } from '../fixtures/generate.js';
import { buildHello } from './build-hello.js';
import { ensureLargeSession, runLargeSessionBench, type LargeSessionResult } from './large-session.js';
import { fmtMB, fmtMs, fmtRatio, measure, median, quantile, repeat, RSS_METHOD, type ChildFigures, type TableRow } from './lib.js';
import { firstFrame, typing, SETTLE_MS, type PtyRun } from './pty.js';
import { runSearchBench, type BenchRow } from './search.bench.js';
import { runSummaryCacheBench } from './summary-cache.js';
import { ccusageBenchOptions, runCcusageBench } from './ccusage.bench.js';
import type { ClaudeTruth } from '../fixtures/generate-claude.js';
import { readSummary, type SummaryState } from '../src/store/scan/summary-reader.js';
import { scanThreads } from '../src/store/scan/scan-pool.js';
import { listSessionFiles } from '../src/store/sources/native/discover.js';
import { BUILTIN_PRICES } from '../src/store/prices-builtin.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli.js');
const COUNT = Number(process.env.BENCH_SESSIONS ?? 10_000);
const BIG = COUNT >= 50_000;
const REPS = Number(process.env.BENCH_REPS ?? 5);
const COLD_REPS = Number(process.env.BENCH_COLD_REPS ?? (BIG ? 1 : 3));
const TYPING_REPS = Number(process.env.BENCH_TYPING_REPS ?? 3);
const APPEND_MB = Number(process.env.BENCH_APPEND_MB ?? 1000);
const TREE = join(ROOT, '.bench-tree', `tree-v${GENERATOR_VERSION}-${COUNT}`);
const NOW = '2026-11-21T12:00:00Z';
/** The words typed in the search box: one found in titles (a list filter), one only inside messages (full text). */
const LIST_WORD = 'flaky';
const TEXT_WORD = 'econnreset';

const log = (s: string): void => void process.stderr.write(s + '\n');
const started = performance.now();
const loadBefore = loadavg();

/** The generated home for COUNT sessions, reused when a complete one exists. */
async function ensureTree(): Promise<{ files: number; bytes: number }> {
  const done = join(TREE, 'complete.json');
  if (existsSync(done)) return JSON.parse(readFileSync(done, 'utf8')) as { files: number; bytes: number };
  rmSync(TREE, { recursive: true, force: true });
  log(`generating ${COUNT} sessions into ${TREE} ...`);
  const t0 = performance.now();
  const r = await generateTree({ out: TREE, count: COUNT, projects: 5, seed: 1, now: NOW });
  log(`generated ${r.files} sessions (${fmtMB(r.bytes)}) in ${fmtMs(performance.now() - t0)}`);
  writeFileSync(done, JSON.stringify(r));
  return r;
}

/** A bare read of every session file and JSON.parse of every line, in one process on one core: the floor for a cold scan. */
const BARE_PARSE = `
const fs = require('fs'), path = require('path');
const projects = path.join(process.argv[1], 'projects');
let bytes = 0, records = 0;
for (const p of fs.readdirSync(projects)) {
  const dir = path.join(projects, p);
  for (const f of fs.readdirSync(dir)) {
    if (!f.endsWith('.jsonl')) continue;
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    bytes += Buffer.byteLength(text);
    for (const line of text.split('\\n')) {
      if (!line) continue;
      try { JSON.parse(line); records++; } catch {}
    }
  }
}
process.stdout.write(JSON.stringify({ bytes, records }));
`;

/** A bare readdir + stat of the tree: the floor for discovering what changed. */
const BARE_STAT = `
const fs = require('fs'), path = require('path');
const projects = path.join(process.argv[1], 'projects');
let files = 0;
for (const p of fs.readdirSync(projects)) {
  const dir = path.join(projects, p);
  for (const f of fs.readdirSync(dir)) { fs.statSync(path.join(dir, f)); files++; }
}
process.stdout.write(String(files));
`;

/** One figure of the table. */
type Row = TableRow;

const rows: Row[] = [];
/** The ground truth of the Claude tree compared with ccusage, for the JSON. */
let claudeTruth: ClaudeTruth | null = null;
const med = (runs: readonly ChildFigures[]): number => median(runs.map((r) => r.ms));
const peak = (runs: readonly { peakRss: number }[]): number => Math.max(...runs.map((r) => r.peakRss));
const msOf = (runs: readonly ChildFigures[]): number[] => runs.map((r) => Math.round(r.ms * 10) / 10);
const verdict = (met: boolean | null): string => (met === null ? '' : met ? ' **met**' : ' **missed**');

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is not built: npm run build');
  const tree = await ensureTree();
  const scratch = mkdtempSync(join(tmpdir(), 'sb-bench-'));
  const hello = await buildHello(ROOT);
  const baseEnv = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    TERM: 'xterm-256color',
    TZ: 'UTC',
    COLUMNS: '120',
    LANG: 'C.UTF-8',
    XDG_CONFIG_HOME: join(scratch, 'no-config'),
  };
  const envWith = (cache: string): Record<string, string> => ({ ...baseEnv, XDG_CACHE_HOME: cache });
  const warmCache = join(scratch, 'warm-cache');
  let coldN = 0;
  const freshCache = (): string => join(scratch, `cold-cache-${coldN++}`);
  const listArgs = [CLI, 'list', '--all', '--json', '--home', TREE];
  const browserArgs = [CLI, '--home', TREE, '--all'];
  const ready = /[\d,]+ sessions?\b/;
  const MB = tree.bytes / 1e6;

  try {
    // --- cold list vs bare read + JSON.parse ---------------------------------------------------------
    log(`\n# ${COUNT} sessions, ${fmtMB(tree.bytes)}; cold list x${COLD_REPS} ...`);
    let cacheProbe = '';
    // Interleaved with the same scan on one thread (SESSION_BROWSER_THREADS=1), so both see the same machine.
    const cold: ChildFigures[] = [];
    const coldOne: ChildFigures[] = [];
    for (let i = 0; i < COLD_REPS; i++) {
      coldOne.push(await measure('cold list --all --json, one thread', listArgs, { env: { ...envWith(freshCache()), SESSION_BROWSER_THREADS: '1' } }));
      cacheProbe = freshCache();
      cold.push(await measure('cold list --all --json', listArgs, { env: envWith(cacheProbe) }));
    }
    // The summary cache as the last cold run left it.
    const cacheDir = join(cacheProbe, 'session-browser');
    const cacheFiles = existsSync(cacheDir) ? readdirSync(cacheDir).filter((n) => /^catalog-[0-9a-f]{16}\.sqlite(-wal)?$/.test(n)) : [];
    const cacheBytes = cacheFiles.reduce((n, f) => n + statSync(join(cacheDir, f)).size, 0);
    log('bare read + JSON.parse ...');
    const bare = await repeat('bare read + JSON.parse', Math.max(COLD_REPS, 3), ['-e', BARE_PARSE, TREE], { env: baseEnv });
    const coldMBs = MB / (med(cold) / 1000);
    const bareMBs = MB / (med(bare) / 1000);
    rows.push({
      figure: `cold \`list --all --json\`, ${COUNT.toLocaleString('en-US')} sessions / ${fmtMB(tree.bytes)}`,
      ours: `${fmtMs(med(cold))} = ${coldMBs.toFixed(0)} MB/s`,
      baseline: `bare read + \`JSON.parse\`, one core: ${fmtMs(med(bare))} = ${bareMBs.toFixed(0)} MB/s`,
      ratio: `${(coldMBs / bareMBs).toFixed(2)}x the bare throughput`,
      budget: '>= 1.5x the bare throughput',
      met: coldMBs >= 1.5 * bareMBs,
      rss: `${fmtMB(peak(cold))} / ${fmtMB(peak(bare))}`,
      data: { ours: msOf(cold), baseline: msOf(bare), oursMBs: coldMBs, baselineMBs: bareMBs, oursRss: peak(cold), baselineRss: peak(bare) },
    });

    rows.push({
      figure: `cold \`list --all --json\`, ${COUNT.toLocaleString('en-US')}: scan pool (${scanThreads()} worker threads) vs one thread`,
      ours: fmtMs(med(cold)),
      baseline: `\`SESSION_BROWSER_THREADS=1\` ${fmtMs(med(coldOne))}`,
      ratio: fmtRatio(med(cold), med(coldOne)),
      budget: '',
      met: null,
      rss: `${fmtMB(peak(cold))} / ${fmtMB(peak(coldOne))}`,
      data: { ours: msOf(cold), baseline: msOf(coldOne), oursRss: peak(cold), baselineRss: peak(coldOne), threads: scanThreads(), loadavg: loadavg() },
    });

    // --- warm list vs node -e 0, and vs readdir + stat ----------------------------------------------
    log('warm list ...');
    // A cold `list` leaves the text for later (catalog.ts TextPolicy); the first search (or the browser, in
    // the background) indexes it. Timed here as its own row; every warm figure below starts from a catalog
    // with its text index complete, the state after the browser has run once.
    await measure('fill the warm cache', listArgs, { env: envWith(warmCache) });
    const catchUp = await measure('list --query after a cold list (indexes the text it left)', [...listArgs, '--query', 'qqqzzz'], { env: envWith(warmCache) });
    rows.push({
      figure: `text index catching up after a cold \`list\`: \`list --all --json --query WORD\`, ${COUNT.toLocaleString('en-US')}`,
      ours: fmtMs(catchUp.ms),
      baseline: `the cold \`list\` before it ${fmtMs(med(cold))}`,
      ratio: fmtRatio(catchUp.ms, med(cold)),
      budget: '',
      met: null,
      rss: `${fmtMB(catchUp.peakRss)} / ${fmtMB(peak(cold))}`,
      data: { ours: [catchUp.ms], baseline: msOf(cold), oursRss: catchUp.peakRss, baselineRss: peak(cold) },
    });
    const warm = await repeat('warm list --all --json', REPS, listArgs, { env: envWith(warmCache) });
    const nodeE = await repeat('node -e 0', REPS, ['-e', '0'], { env: baseEnv });
    const stat = await repeat('readdir + stat', REPS, ['-e', BARE_STAT, TREE], { env: baseEnv });
    const warmBudget = med(nodeE) + 150;
    rows.push({
      figure: `warm \`list --all --json\`, ${COUNT.toLocaleString('en-US')}`,
      ours: fmtMs(med(warm)),
      baseline: `\`node -e 0\` ${fmtMs(med(nodeE))}`,
      ratio: fmtRatio(med(warm), med(nodeE)),
      budget: `<= \`node -e 0\` + 150 ms (${fmtMs(warmBudget)})`,
      met: med(warm) <= warmBudget,
      rss: `${fmtMB(peak(warm))} / ${fmtMB(peak(nodeE))}`,
      data: { ours: msOf(warm), baseline: msOf(nodeE), oursRss: peak(warm), baselineRss: peak(nodeE) },
    });
    rows.push({
      figure: `discovery: warm \`list --all --json\` vs a bare walk, ${COUNT.toLocaleString('en-US')}`,
      ours: fmtMs(med(warm)),
      baseline: `bare \`readdir\` + \`stat\` of the tree ${fmtMs(med(stat))}`,
      ratio: fmtRatio(med(warm), med(stat)),
      budget: '',
      met: null,
      rss: `${fmtMB(peak(warm))} / ${fmtMB(peak(stat))}`,
      data: { ours: msOf(warm), baseline: msOf(stat), baselineRss: peak(stat) },
    });

    // --- first frame, warm and cold, vs a bundled Ink hello -------------------------------------------
    log('first frames ...');
    const ptyOpts = (cache: string) => ({ env: envWith(cache), cwd: ROOT, ready });
    const helloRuns: PtyRun[] = [];
    for (let i = 0; i < REPS; i++) helloRuns.push(await firstFrame([hello], { env: baseEnv, cwd: ROOT, ready: /hello from ink/ }));
    const warmFrames: PtyRun[] = [];
    for (let i = 0; i < REPS; i++) warmFrames.push(await firstFrame(browserArgs, ptyOpts(warmCache)));
    const coldFrames: PtyRun[] = [];
    for (let i = 0; i < COLD_REPS; i++) coldFrames.push(await firstFrame(browserArgs, ptyOpts(freshCache())));
    const helloMs = median(helloRuns.map((r) => r.firstFrameMs));
    const frameBudget = BIG ? 600 : 100;
    for (const [what, runs] of [['warm', warmFrames], ['cold', coldFrames]] as const) {
      const ms = median(runs.map((r) => r.firstFrameMs));
      rows.push({
        figure: `first interactive frame, ${what}, ${COUNT.toLocaleString('en-US')}`,
        ours: fmtMs(ms),
        baseline: `bundled Ink "hello" ${fmtMs(helloMs)}`,
        ratio: fmtRatio(ms, helloMs),
        budget: what === 'warm' ? `<= hello + ${frameBudget} ms` : `from the catalog at once (<= hello + ${frameBudget} ms), scan in the background`,
        met: ms <= helloMs + frameBudget,
        rss: `${fmtMB(peak(runs))} / ${fmtMB(peak(helloRuns))}`,
        data: { ours: runs.map((r) => r.firstFrameMs), baseline: helloRuns.map((r) => r.firstFrameMs), oursRss: peak(runs), baselineRss: peak(helloRuns) },
      });
    }

    // --- keystrokes in the search box vs the same search in-process ---------------------------------
    log(`typing "${LIST_WORD}" and "${TEXT_WORD}" x${TYPING_REPS} ...`);
    const typed = await typing(browserArgs, [LIST_WORD, TEXT_WORD], TYPING_REPS, ptyOpts(warmCache));
    const inproc = await measure(
      'in-process search',
      ['--import', 'tsx', join(ROOT, 'bench', 'inproc.ts'), 'search', JSON.stringify({ home: TREE, cacheHome: warmCache, words: [LIST_WORD, TEXT_WORD], reps: Math.max(TYPING_REPS, 5) })],
      { env: { ...baseEnv, NODE_OPTIONS: '--max-old-space-size=8192' }, cwd: ROOT, captureStdout: true },
    );
    const ip = JSON.parse(inproc.stdout ?? '{}') as { perWord?: Record<string, number[]>; hits?: Record<string, number> };
    for (const [word, kind, limit] of [[LIST_WORD, 'list filter', BIG ? 50 : 16], [TEXT_WORD, 'full text', BIG ? 150 : 50]] as const) {
      const keys = typed.perWord[word] ?? [];
      const base = ip.perWord?.[word] ?? [];
      const p95 = quantile(keys, 0.95);
      rows.push({
        figure: `keystroke in the search box, ${kind} ("${word}", ${typed.matches[word] ?? '?'} matches), ${COUNT.toLocaleString('en-US')} (pty, until the screen settles)`,
        ours: `p50 ${fmtMs(quantile(keys, 0.5))}, p95 ${fmtMs(p95)}`,
        baseline: `same search in-process: p50 ${fmtMs(quantile(base, 0.5))}, p95 ${fmtMs(quantile(base, 0.95))}`,
        ratio: `${fmtRatio(p95, quantile(base, 0.95))} (p95)`,
        budget: `p95 <= ${limit} ms`,
        met: p95 <= limit,
        rss: `${fmtMB(typed.peakRss)} / ${fmtMB(inproc.peakRss)}`,
        data: { ours: keys, baseline: base, oursRss: typed.peakRss, baselineRss: inproc.peakRss, inprocessHits: ip.hits?.[word], settleMs: SETTLE_MS },
      });
    }

    // --- peak RSS and the summary cache ----------------------------------------------------------------
    const oursPeak = Math.max(peak(warm), peak(warmFrames), typed.peakRss);
    rows.push({
      figure: `peak RSS, ${COUNT.toLocaleString('en-US')} (warm list and browser)`,
      ours: `${fmtMB(oursPeak)} (list ${fmtMB(peak(warm))}, browser ${fmtMB(Math.max(peak(warmFrames), typed.peakRss))}; cold list ${fmtMB(peak(cold))})`,
      baseline: `bare parse ${fmtMB(peak(bare))}`,
      ratio: fmtRatio(oursPeak, peak(bare)),
      budget: '<= 300 MB',
      met: oursPeak <= 300e6,
      rss: '',
      data: { ours: oursPeak, coldList: peak(cold), baseline: peak(bare) },
    });
    rows.push({
      figure: `summary cache at ${COUNT.toLocaleString('en-US')} sessions`,
      ours: cacheFiles.length ? `written: ${fmtMB(cacheBytes)} in ${cacheFiles.length} ${cacheFiles.length === 1 ? 'file' : 'files'} (${(cacheBytes / COUNT / 1024).toFixed(1)} KB a session)` : '**not written**',
      baseline: '',
      ratio: '',
      budget: 'never a cliff: grows per file, never one string',
      met: cacheFiles.length > 0,
      rss: '',
      data: { written: cacheFiles.length > 0, bytes: cacheBytes, files: cacheFiles.length },
    });

    // --- append 1 MB to a large session: refresh vs re-read -----------------------------------------------
    if (APPEND_MB > 0) await appendBench(scratch, baseEnv);

    // --- start-up of small commands (kept from the earlier bench) -----------------------------------------
    const version = await repeat('--version', REPS, [CLI, '--version'], { env: baseEnv });
    const demo = await repeat('list --demo --json', REPS, [CLI, 'list', '--demo', '--json'], { env: envWith(join(scratch, 'demo-cache')) });
    rows.push({
      figure: '`--version` / `list --demo --json` start-up',
      ours: `${fmtMs(med(version))} / ${fmtMs(med(demo))}`,
      baseline: `\`node -e 0\` ${fmtMs(med(nodeE))}`,
      ratio: `${fmtRatio(med(version), med(nodeE))} / ${fmtRatio(med(demo), med(nodeE))}`,
      budget: '',
      met: null,
      rss: `${fmtMB(peak(version))}, ${fmtMB(peak(demo))} / ${fmtMB(peak(nodeE))}`,
      data: { version: msOf(version), demo: msOf(demo), baseline: msOf(nodeE) },
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  // --- usage vs ccusage on a generated Claude Code tree (issue 8) ----------------------------------------
  const claude = ccusageBenchOptions();
  if (claude.mb > 0) {
    const r = await runCcusageBench(ROOT, claude);
    if (r.skipped) log(`usage vs ccusage skipped: ${r.skipped}`);
    rows.push(...r.rows);
    claudeTruth = r.truth;
  }

  const large = await runLargeSessionBench(ROOT);
  let search: BenchRow[] = [];
  if (process.env.BENCH_SEARCH !== '0') {
    log('\n# search engine micro-bench (in-process, 10,000 synthetic summaries) ...');
    search = await runSearchBench();
  }
  report(tree, large, search);
  await summaryCacheSection();
}

/**
 * The summary cache at 10k / 105k sessions, JSON file against the SQLite
 * catalog (bench/summary-cache.ts): real fold states from this tree,
 * repeated to the row counts, each engine in its own child for its peak RSS.
 */
async function summaryCacheSection(): Promise<void> {
  if (process.env.BENCH_CACHE_ROWS === '0') return;
  log('\n# summary cache: JSON file vs SQLite catalog ...');
  const files = (await listSessionFiles(TREE, null)).slice(0, 200);
  const states: SummaryState[] = [];
  for (const f of files) {
    const r = await readSummary(f.path, { projectId: f.projectId, pricing: BUILTIN_PRICES, nowMs: Date.parse(NOW), cacheTtlSec: { default: 300 } });
    states.push(r.state);
  }
  const avgKb = states.reduce((n, s) => n + JSON.stringify(s).length, 0) / states.length / 1024;
  const lines = [
    '',
    `### Summary cache: write and warm read (real fold states of ${avgKb.toFixed(1)} KB on average, repeated)`,
    '',
    '| engine | sessions | write | warm read | on disk | peak RSS |',
    '|---|---|---|---|---|---|',
  ];
  for (const f of runSummaryCacheBench(states)) {
    if (f.error) lines.push(`| ${f.engine} | ${f.rows} | fails: ${f.error} | – | – | ${f.peakRssMb} MB |`);
    else lines.push(`| ${f.engine} | ${f.rows} | ${fmtMs(f.writeMs!)} | ${fmtMs(f.readMs!)} | ${f.bytes === null ? '–' : `${(f.bytes / 1e6).toFixed(0)} MB`} | ${f.peakRssMb} MB |`);
  }
  for (const line of lines) process.stdout.write(`${line}\n`);
}

/** 1 MB of complete `store` records, dated after `after`. */
function appendText(after: number, bytes = 1e6): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const t = new Date(after + i * 1000).toISOString();
    const line =
      i % 2 === 0
        ? `{"type":"message","timestamp":"${t}","message":{"role":"user","content":"Appended question ${i}: ${'why does the nightly export stall '.repeat(8)}"}}\n`
        : `{"type":"message","timestamp":"${t}","message":{"role":"assistant","content":"Appended answer ${i}: ${'the writer waits on a lock held by the reader '.repeat(10)}"}}\n`;
    parts.push(line);
    size += line.length;
  }
  return parts.join('');
}

async function appendBench(scratch: string, baseEnv: Record<string, string>): Promise<void> {
  log(`\n# append 1 MB to a ${APPEND_MB} MB session ...`);
  const s = ensureLargeSession(ROOT, APPEND_MB);
  const textFile = join(scratch, 'append.jsonl');
  writeFileSync(textFile, appendText(Date.parse(NOW) + 1000));
  const { size, mtimeMs } = statSync(s.path);
  const args = [CLI, 'list', '--all', '--json', '--home', s.home];
  const reread: ChildFigures[] = [];
  const refresh: ChildFigures[] = [];
  for (let i = 0; i < COLD_REPS; i++) {
    const cache = join(scratch, `append-cache-${i}`);
    mkdirSync(cache);
    try {
      reread.push(await measure('list, re-read', args, { env: { ...baseEnv, XDG_CACHE_HOME: cache } }));
      appendFileSync(s.path, readFileSync(textFile));
      refresh.push(await measure('list, refresh', args, { env: { ...baseEnv, XDG_CACHE_HOME: cache } }));
    } finally {
      truncateSync(s.path, size);
      utimesSync(s.path, mtimeMs / 1000, mtimeMs / 1000);
    }
  }
  const inproc = await measure(
    'in-process append',
    ['--import', 'tsx', join(ROOT, 'bench', 'inproc.ts'), 'append', JSON.stringify({ home: s.home, path: s.path, textFile, reps: COLD_REPS })],
    { env: baseEnv, cwd: ROOT, captureStdout: true },
  );
  const ip = JSON.parse(inproc.stdout || '{}') as { reread?: number[]; refresh?: number[] };
  const ipRefresh = median(ip.refresh ?? []);
  const ipReread = median(ip.reread ?? []);
  rows.push({
    figure: `append 1 MB to a ${fmtMB(s.bytes)} session, refresh (in-process: the summary from its persisted fold state)`,
    ours: fmtMs(ipRefresh),
    baseline: `re-read ${fmtMs(ipReread)}`,
    ratio: fmtRatio(ipRefresh, ipReread),
    budget: '<= 50 ms (met: keep it)',
    met: ipRefresh <= 50,
    rss: `${fmtMB(inproc.peakRss)} (both)`,
    data: { ours: ip.refresh, baseline: ip.reread, rss: inproc.peakRss },
  });
  rows.push({
    figure: `the same, whole process: \`list --all --json\` after the append (warm cache) vs cold`,
    ours: fmtMs(med(refresh)),
    baseline: `cold re-read ${fmtMs(med(reread))}`,
    ratio: fmtRatio(med(refresh), med(reread)),
    budget: '',
    met: null,
    rss: `${fmtMB(peak(refresh))} / ${fmtMB(peak(reread))}`,
    data: { ours: msOf(refresh), baseline: msOf(reread), oursRss: peak(refresh), baselineRss: peak(reread) },
  });
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function report(tree: { files: number; bytes: number }, large: LargeSessionResult | null, search: BenchRow[]): void {
  const loadAfter = loadavg();
  const la = (l: number[]): string => l.map((x) => x.toFixed(2)).join(' ');
  const date = new Date().toISOString();
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const out: string[] = [];
  out.push(`## session-browser bench: ${COUNT.toLocaleString('en-US')} sessions, ${fmtMB(tree.bytes)}`);
  out.push('');
  out.push(`${date.slice(0, 16).replace('T', ' ')} UTC, commit ${gitCommit()}; ${machine}; load average ${la(loadBefore)} before, ${la(loadAfter)} after.`);
  out.push(`Whole-process medians (${REPS} runs, cold scans ${COLD_REPS}, ${TYPING_REPS} typings of each word); peak RSS by ${RSS_METHOD}.`);
  out.push('');
  out.push('| figure | now | baseline (same run) | ratio | budget | peak RSS (ours / baseline) |');
  out.push('|---|---|---|---|---|---|');
  for (const r of rows) out.push(`| ${r.figure} | ${r.ours} | ${r.baseline} | ${r.ratio} | ${r.budget}${verdict(r.met)} | ${r.rss} |`);
  if (large) {
    out.push('');
    out.push(`### One large session (${large.mb} MB, 64 KB tool outputs): replay and export`);
    out.push('');
    if (large.skipped) out.push(`skipped: ${large.skipped}`);
    else {
      const [nodeE, read] = large.rows as [ChildFigures, ChildFigures];
      out.push('| command | time | vs bare read | peak RSS | vs `node -e 0` |');
      out.push('|---|---|---|---|---|');
      for (const r of large.rows) {
        out.push(`| ${r.name}${r.code ? ` (exit ${r.code})` : ''} | ${fmtMs(r.ms)} | ${r === nodeE ? '' : fmtRatio(r.ms, read.ms)} | ${fmtMB(r.peakRss)} | ${r === nodeE ? '' : fmtRatio(r.peakRss, nodeE.peakRss)} |`);
      }
      const worst = Math.max(...large.rows.slice(2).map((r) => r.peakRss));
      out.push('');
      out.push(`Outputs: Markdown ${fmtMB(large.outputs.markdown)}, JSON ${fmtMB(large.outputs.json)}; largest peak RSS of ours ${fmtMB(worst)} (limit 300 MB).`);
    }
  }
  if (search.length) {
    out.push('');
    out.push('### Search engine, in-process (10,000 synthetic summaries, per query)');
    out.push('');
    out.push('| engine | median | p95 |');
    out.push('|---|---|---|');
    for (const r of search) {
      const name = r.name.replace(/^search: /, '');
      out.push(r.value ? `| ${name} | ${r.value} | |` : `| ${name} | ${fmtMs(r.medianMs)} | ${fmtMs(r.p95Ms)} |`);
    }
  }
  out.push('');
  out.push(`Total bench time ${fmtMs(performance.now() - started)}.`);
  process.stdout.write(out.join('\n') + '\n');

  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${date.slice(0, 10)}-${COUNT}.json`);
  const json = {
    date,
    commit: gitCommit(),
    sessions: COUNT,
    treeBytes: tree.bytes,
    generatorVersion: GENERATOR_VERSION,
    machine: { cpus: cpus().length, model: cpus()[0]?.model, memBytes: totalmem(), node: process.version, loadBefore, loadAfter, rssMethod: RSS_METHOD },
    reps: { reps: REPS, cold: COLD_REPS, typing: TYPING_REPS },
    rows: rows.map(({ data, ...r }) => ({ ...r, data })),
    largeSession: large,
    claudeTree: claudeTruth,
    search,
    totalMs: performance.now() - started,
  };
  writeFileSync(file, JSON.stringify(json, null, 1) + '\n');
  log(`\nwrote ${file}`);
}

await main();
