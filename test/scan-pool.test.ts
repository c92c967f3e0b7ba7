/**
 * The cold-scan pool (store/scan/scan-pool.ts): the same results in worker
 * threads as in this thread, errors per file, a crashed worker's jobs read
 * again here, and no worker left behind. Real workers need the bundle (the
 * worker is the bundle file that holds the pool): those tests import
 * readSummaries from dist/index.js, which `pretest` builds.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTree } from '../fixtures/generate.js';
import { bytesBefore } from '../src/store/scan/check-hash.js';
import { readSummaries, scanThreads, sortRest, type ScanProgress, type SummaryJob, type SummaryOutcome } from '../src/store/scan/scan-pool.js';
import { isWholeRead, readSummary } from '../src/store/scan/summary-reader.js';
import { SessionCatalog } from '../src/store/catalog/catalog.js';
import { scanLocations, sourceLocations } from '../src/store/sources/registry.js';
import { listSessionFiles } from '../src/store/sources/native/discover.js';
import { CLI, DEMO, ROOT } from './helpers/cli.js';
import { NOW, readOpts } from './helpers/session-files.js';
import { BUILTIN_PRICES } from '../src/store/prices-builtin.js';

const INDEX = pathToFileURL(join(ROOT, 'dist', 'index.js')).href;
type Pool = typeof readSummaries;
/** Workers even for small jobs. */
const ALWAYS = { files: 0, bytes: 0 };

let scratch: string;
let generated: string;
let bundled: Pool;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'sb-pool-'));
  generated = join(scratch, 'home');
  await generateTree({ out: generated, count: 240, projects: 3, seed: 7, now: NOW });
  bundled = ((await import(INDEX)) as { readSummaries: Pool }).readSummaries;
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function jobsOf(home: string): Promise<SummaryJob[]> {
  const files = await listSessionFiles(home, null);
  expect(files.length).toBeGreaterThan(0);
  return files.map((f) => ({ path: f.path, opts: readOpts({ projectId: f.projectId }) }));
}

async function collect(pool: Pool, jobs: SummaryJob[], opts: Parameters<Pool>[2] = {}) {
  const outcomes = new Map<string, SummaryOutcome>();
  const progress: ScanProgress[] = [];
  const stats = await pool(jobs, (o) => void outcomes.set(o.path, o), { ...opts, onProgress: (p) => void progress.push(p) });
  return { outcomes, progress, stats };
}

describe('readSummaries', () => {
  it('in this thread (TypeScript sources): each file as readSummary reads it, with the check hash, and progress up to the totals', async () => {
    const jobs = await jobsOf(DEMO);
    const { outcomes, progress, stats } = await collect(readSummaries, jobs, { inThreadBelow: ALWAYS, threads: 2 });
    expect(stats.workers).toBe(0); // not a bundle: no worker to start
    expect(outcomes.size).toBe(jobs.length);
    for (const job of jobs) {
      const { result } = outcomes.get(job.path)!;
      const { check, ...rest } = result!;
      expect(rest).toEqual(await readSummary(job.path, job.opts));
      expect(check).toBe(await bytesBefore(job.path, rest.state.offset));
    }
    const last = progress.at(-1)!;
    expect(last).toEqual({ files: jobs.length, totalFiles: jobs.length, bytes: last.totalBytes, totalBytes: last.totalBytes });
    expect(last.totalBytes).toBeGreaterThan(0);
    expect(progress.map((p) => p.files)).toEqual(jobs.map((_, i) => i + 1));
  });

  it('continues from a previous state: only the bytes after its offset count as work', async () => {
    const [job] = await jobsOf(DEMO);
    const first = await readSummary(job!.path, job!.opts);
    const { outcomes, progress } = await collect(readSummaries, [{ ...job!, previous: first.state }]);
    expect(outcomes.get(job!.path)!.result!.summary).toEqual(first.summary);
    expect(progress.at(-1)!.totalBytes).toBe(first.size - first.state.offset);
  });

  it('a file that cannot be read is an error outcome, never a rejection', async () => {
    const dir = join(scratch, 'bad');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'ok.jsonl'), '{"type":"message","message":{"role":"user","content":"hi"}}\n');
    const jobs = [join(dir, 'gone.jsonl'), join(dir, 'ok.jsonl'), dir].map((path) => ({ path, opts: readOpts() }));
    for (const pool of [readSummaries, bundled]) {
      const { outcomes } = await collect(pool, jobs, { inThreadBelow: ALWAYS, threads: 2 });
      expect(outcomes.get(jobs[0]!.path)!.error).toMatch(/ENOENT/);
      expect(outcomes.get(jobs[1]!.path)!.result!.summary.userMessages).toBe(1);
      expect(outcomes.get(jobs[2]!.path)!.error).toMatch(/EISDIR/);
    }
  });

  it('stops once its signal is aborted: no outcome for the jobs not read, and those given are whole reads', async () => {
    const jobs = await jobsOf(generated);
    const here = await collect(readSummaries, jobs);
    const stop = new AbortController();
    const outcomes = new Map<string, SummaryOutcome>();
    await readSummaries(jobs, (o) => {
      outcomes.set(o.path, o);
      if (outcomes.size === 3) stop.abort();
    }, { signal: stop.signal });
    expect(outcomes.size).toBe(3);
    for (const [path, o] of outcomes) expect(o).toEqual(here.outcomes.get(path));
  });

  it('deals what is left of a fed scan biggest first, whatever its length (200,000 jobs: no spread of them into one call)', () => {
    const n = 200_000;
    const work = Array.from({ length: n }, (_, id) => (id * 7919) % 100_003);
    const order = Array.from({ length: n }, (_, id) => id);
    sortRest(order, 1000, work);
    expect(order.slice(0, 1000)).toEqual(Array.from({ length: 1000 }, (_, id) => id)); // those dealt stay where they were
    const rest = order.slice(1000);
    expect(new Set(rest).size).toBe(n - 1000);
    expect(rest.every((id, i) => i === 0 || work[rest[i - 1]!]! >= work[id]!)).toBe(true);
  });

  it('a job feed takes a chunk of 200,000 jobs heard before its pool listens (appended one by one, not spread into push)', async () => {
    const { JobFeed } = await import('../src/store/scan/scan-pool.js');
    const { appendAll } = await import('../src/store/arrays.js');
    const n = 200_000;
    const feed = new JobFeed();
    const opts = readOpts();
    feed.add(Array.from({ length: n }, (_, i) => ({ path: `/x/${i}.jsonl`, opts })));
    feed.end();
    let heard = 0;
    let ended = false;
    feed.listen((jobs) => void (heard += jobs.length), () => void (ended = true));
    expect(heard).toBe(n);
    expect(ended).toBe(true);
    expect(appendAll([0], Array.from({ length: n }, (_, i) => i + 1))).toHaveLength(n + 1);
  });

  it('SESSION_BROWSER_THREADS overrides the machine; otherwise 1 to 4', () => {
    expect(scanThreads({ SESSION_BROWSER_THREADS: '0' })).toBe(0);
    expect(scanThreads({ SESSION_BROWSER_THREADS: '3' })).toBe(3);
    expect(scanThreads({})).toBeGreaterThanOrEqual(1);
    expect(scanThreads({})).toBeLessThanOrEqual(4);
  });
});

describe('readSummaries in worker threads (from dist/index.js)', () => {
  it('gives the in-thread results for the demo fixtures and a generated tree', async () => {
    for (const home of [DEMO, generated]) {
      const jobs = await jobsOf(home);
      const here = await collect(readSummaries, jobs);
      const there = await collect(bundled, jobs, { inThreadBelow: ALWAYS, threads: 2 });
      // The demo's few files make one batch: one worker.
      expect(there.stats).toEqual({ workers: home === DEMO ? 1 : 2, rescued: 0 });
      expect(there.outcomes.size).toBe(jobs.length);
      for (const job of jobs) expect(there.outcomes.get(job.path)).toEqual(here.outcomes.get(job.path));
      expect(there.progress.at(-1)).toEqual(here.progress.at(-1));
    }
  });

  it('prices each job with its own table, when jobs of one pool carry different tables', async () => {
    const jobs = await jobsOf(generated);
    // Every model at one made-up price in every third job: the worker is sent a table only when it changes.
    const flat = Object.fromEntries(Object.keys(BUILTIN_PRICES).map((model) => [model, { input: 1, output: 2, cache_read: 0.5, cache_write: 1.5 }]));
    const mixed = jobs.map((job, i) => (i % 3 === 0 ? { ...job, opts: { ...job.opts, pricing: flat } } : job));
    const here = await collect(readSummaries, mixed);
    const there = await collect(bundled, mixed, { inThreadBelow: ALWAYS, threads: 2 });
    expect(there.stats.workers).toBe(2);
    for (const job of mixed) expect(there.outcomes.get(job.path)).toEqual(here.outcomes.get(job.path));
    // The made-up table did price its jobs (the check above would pass if every job had the same table).
    const plain = await collect(readSummaries, jobs);
    const cost = (of: typeof here, path: string): unknown => of.outcomes.get(path)?.result?.summary.costMicros;
    expect(mixed.filter((job, i) => i % 3 === 0 && cost(there, job.path) !== cost(plain, job.path)).length).toBeGreaterThan(0);
    expect(mixed.filter((job, i) => i % 3 !== 0 && cost(there, job.path) !== cost(plain, job.path))).toEqual([]);
  });

  it('reads sessions read whole (Claude subagent files, a Gemini JSON document) in workers as readSummary does in this thread', async () => {
    const AGENTS = join(ROOT, 'fixtures', 'agents');
    let whole = 0;
    for (const source of ['claude', 'codex', 'gemini'] as const) {
      const catalog = new SessionCatalog({ home: scratch, locations: sourceLocations([source], { [source]: { dir: join(AGENTS, source), named: true } }) });
      const { files } = await scanLocations(scratch, null, catalog.locations);
      expect(files.length).toBeGreaterThan(0);
      const jobs = files.map((f) => ({ path: f.path, opts: catalog.optionsFor(f) }));
      whole += jobs.filter((j) => isWholeRead(j.path, j.opts.file)).length;
      const there = await collect(bundled, jobs, { inThreadBelow: ALWAYS, threads: 2 });
      for (const job of jobs) {
        const here = await readSummary(job.path, job.opts);
        expect(there.outcomes.get(job.path)?.result?.summary, job.path).toEqual(here.summary);
      }
    }
    expect(whole).toBeGreaterThan(1);
  });

  it('a catalog from the bundle reads a cold tree in workers (states packed there) and gives what this thread gives, cold and warm', async () => {
    const Bundled = ((await import(INDEX)) as { SessionCatalog: typeof SessionCatalog }).SessionCatalog;
    const there = new Bundled({ home: generated, now: () => NOW });
    const here = new SessionCatalog({ home: generated, now: () => NOW });
    const cold = (await there.summaries(null, { includeEmpty: true })).sessions;
    expect(cold.length).toBeGreaterThanOrEqual(200); // enough files for the pool to start workers
    expect(cold).toEqual((await here.summaries(null, { includeEmpty: true })).sessions);
    // The second listing is served from the rows the first one stored (each state as the worker packed it).
    expect((await there.summaries(null, { includeEmpty: true })).sessions).toEqual(cold);
  });

  it('hands results on one per turn of the event loop, so a browser reading keys meanwhile waits for one result at most', async () => {
    const jobs = await jobsOf(generated);
    let turn = 0;
    let running = true;
    const tick = (): void => {
      turn++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const turns: number[] = [];
    try {
      await bundled(jobs, () => void turns.push(turn), { inThreadBelow: ALWAYS, threads: 2 });
    } finally {
      running = false;
    }
    expect(turns).toHaveLength(jobs.length);
    // Workers answer 32 files a message: without a turn between results, most would share one.
    expect(new Set(turns).size).toBeGreaterThan(jobs.length * 0.9);
  });

  it('takes the workers a first scan started ahead, and ends those a small job does not need', async () => {
    const { prestartScanWorkers } = (await import(INDEX)) as { prestartScanWorkers: typeof import('../src/store/scan/scan-pool.js').prestartScanWorkers };
    const jobs = await jobsOf(generated);
    const here = await collect(readSummaries, jobs);
    const early = prestartScanWorkers(2)!;
    expect(early.size).toBe(2);
    const take = early.take.bind(early);
    let taken = 0;
    early.take = () => {
      const worker = take();
      if (worker) taken++;
      return worker;
    };
    const there = await collect(bundled, jobs, { inThreadBelow: ALWAYS, threads: 2, started: early });
    expect(there.stats).toEqual({ workers: 2, rescued: 0 });
    expect(taken).toBe(2);
    for (const job of jobs) expect(there.outcomes.get(job.path)).toEqual(here.outcomes.get(job.path));
    // Few files: read in this thread, and the workers started for nothing are ended.
    const spare = prestartScanWorkers(2)!;
    const small = await collect(bundled, jobs.slice(0, 3), { threads: 2, started: spare });
    expect(small.stats.workers).toBe(0);
    expect(spare.size).toBe(0);
  });

  it('stops once its signal is aborted: the workers end, results received are handed on, the jobs not read get no outcome', async () => {
    const jobs = await jobsOf(generated);
    const here = await collect(readSummaries, jobs);
    const stop = new AbortController();
    const outcomes = new Map<string, SummaryOutcome>();
    const stats = await bundled(jobs, (o) => {
      outcomes.set(o.path, o);
      stop.abort();
    }, { inThreadBelow: ALWAYS, threads: 2, signal: stop.signal });
    expect(stats.workers).toBe(2);
    expect(outcomes.size).toBeGreaterThan(0);
    expect(outcomes.size).toBeLessThan(jobs.length);
    for (const [path, o] of outcomes) expect(o).toEqual(here.outcomes.get(path));
  });

  it('takes the workers the CLI entry started before the CLI loaded, and ends them when no first scan comes', async () => {
    type Early = typeof import('../src/store/scan/early-workers.js');
    const bundle = (await import(INDEX)) as Early & { prestartScanWorkers: typeof import('../src/store/scan/scan-pool.js').prestartScanWorkers };
    const workerFile = new URL('./scan-worker.js', INDEX);
    expect(bundle.startEarlyScanWorkers(workerFile, 2)).toBe(2);
    expect(bundle.startEarlyScanWorkers(workerFile, 2)).toBe(0); // some wait already
    const jobs = await jobsOf(generated);
    const here = await collect(readSummaries, jobs);
    const started = bundle.prestartScanWorkers(2)!;
    expect(started.size).toBe(2);
    expect(bundle.takeEarlyScanWorkers(workerFile)).toEqual([]); // the pool's set holds them now
    const there = await collect(bundled, jobs, { inThreadBelow: ALWAYS, threads: 2, started });
    expect(there.stats).toEqual({ workers: 2, rescued: 0 });
    for (const job of jobs) expect(there.outcomes.get(job.path)).toEqual(here.outcomes.get(job.path));
    // Not a first scan after all: the catalog ends them; every one exits.
    expect(bundle.startEarlyScanWorkers(workerFile, 2)).toBe(2);
    const waiting = bundle.takeEarlyScanWorkers(workerFile);
    expect(waiting).toHaveLength(2);
    const exits = waiting.map((w) => new Promise((resolve) => w.once('exit', resolve)));
    for (const w of waiting) void w.terminate();
    await Promise.all(exits);
    expect(bundle.startEarlyScanWorkers(workerFile, 2)).toBe(2);
    bundle.endEarlyScanWorkers();
    expect(bundle.takeEarlyScanWorkers(workerFile)).toEqual([]);
    // Workers of another file are never taken (they are ended).
    expect(bundle.startEarlyScanWorkers(workerFile, 2)).toBe(2);
    expect(bundle.takeEarlyScanWorkers(new URL('./other.js', INDEX))).toEqual([]);
    expect(bundle.startEarlyScanWorkers(workerFile, 1)).toBe(0); // one thread: the pool reads in its own
  });

  it('reads jobs fed while it runs (a first scan, folder by folder) as it reads a list, and ends with the feed', async () => {
    type Fed = typeof import('../src/store/scan/scan-pool.js');
    const { JobFeed, readPackedSummariesFed, readPackedSummaries } = (await import(INDEX)) as Fed;
    const jobs = await jobsOf(generated);
    const listed = new Map<string, unknown>();
    await readPackedSummaries(jobs, (o) => void listed.set(o.path, o), { inThreadBelow: ALWAYS, threads: 2 });
    const feed = new JobFeed();
    feed.add(jobs.slice(0, 10)); // before the pool listens: they wait for it
    const fed = new Map<string, unknown>();
    const progress: ScanProgress[] = [];
    const running = readPackedSummariesFed(feed, (o) => void fed.set(o.path, o), { inThreadBelow: ALWAYS, threads: 2, onProgress: (p) => void progress.push(p) });
    for (let at = 10; at < jobs.length; at += 37) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      feed.add(jobs.slice(at, at + 37));
    }
    feed.end();
    expect(await running).toEqual({ workers: 2, rescued: 0 });
    expect(fed.size).toBe(jobs.length);
    // The same packed states, check hashes and summaries as from a list.
    for (const job of jobs) expect(fed.get(job.path)).toEqual(listed.get(job.path));
    expect(progress.at(-1)).toMatchObject({ files: jobs.length, totalFiles: jobs.length });
    // Aborted while jobs are still coming (a session opened in the browser): it resolves with part of them read.
    const cut = new JobFeed();
    const stop = new AbortController();
    const partial = new Map<string, unknown>();
    const cutting = readPackedSummariesFed(cut, (o) => {
      partial.set(o.path, o);
      stop.abort();
    }, { inThreadBelow: ALWAYS, threads: 2, signal: stop.signal });
    cut.add(jobs.slice(0, 40));
    await cutting;
    cut.add(jobs.slice(40)); // heard of after the stop: not read
    cut.end();
    expect(partial.size).toBeGreaterThan(0);
    expect(partial.size).toBeLessThan(40);
    for (const [path, o] of partial) expect(o).toEqual(listed.get(path));
    // A feed that ends with no job: the pool ends too, and starts no worker for it.
    const empty = new JobFeed();
    const none = readPackedSummariesFed(empty, () => {}, { inThreadBelow: ALWAYS, threads: 2 });
    empty.end();
    expect(await none).toEqual({ workers: 0, rescued: 0 });
    expect(() => empty.add(jobs.slice(0, 1))).toThrow(/ended/);
    // A feed that ended before the pool dealt anything, with one batch of jobs: one worker, as for a list.
    const once = new JobFeed();
    once.add(jobs.slice(0, 3));
    once.end();
    const one = new Map<string, unknown>();
    expect(await readPackedSummariesFed(once, (o) => void one.set(o.path, o), { inThreadBelow: ALWAYS, threads: 2 })).toEqual({ workers: 1, rescued: 0 });
    expect(one.size).toBe(3);
    // A feed that ends small (a demo home) is read in this thread, as a list that small is.
    const few = new JobFeed();
    const small = new Map<string, unknown>();
    const reading = readPackedSummariesFed(few, (o) => void small.set(o.path, o), { threads: 2 });
    few.add(jobs.slice(0, 5));
    few.end();
    expect(await reading).toEqual({ workers: 0, rescued: 0 });
    for (const job of jobs.slice(0, 5)) expect(small.get(job.path)).toEqual(listed.get(job.path));
  });

  it('reads a crashed worker’s unfinished jobs in this thread', async () => {
    const jobs = await jobsOf(generated);
    const here = await collect(readSummaries, jobs);
    const there = await collect(bundled, jobs, { inThreadBelow: ALWAYS, threads: 2, crashWorkersAfter: 5 });
    expect(there.stats.workers).toBe(2);
    expect(there.stats.rescued).toBeGreaterThanOrEqual(jobs.length - 10);
    expect([...there.outcomes.keys()].sort()).toEqual(jobs.map((j) => j.path).sort());
    for (const job of jobs) expect(there.outcomes.get(job.path)).toEqual(here.outcomes.get(job.path));
  });

  it('leaves no worker behind: `list --all --json` on a tree big enough for workers exits promptly', () => {
    const t0 = performance.now();
    const res = spawnSync(process.execPath, [CLI, 'list', '--all', '--json', '--home', generated], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH ?? '', TZ: 'UTC', XDG_CACHE_HOME: join(scratch, 'cache'), XDG_CONFIG_HOME: join(scratch, 'config'), SESSION_BROWSER_THREADS: '2' },
    });
    const ms = performance.now() - t0;
    expect(res.status).toBe(0);
    expect((JSON.parse(res.stdout) as { sessions: unknown[] }).sessions.length).toBeGreaterThan(100);
    expect(ms).toBeLessThan(30_000);
  });
});
