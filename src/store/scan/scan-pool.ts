/**
 * Cold scans on every core: `readSummaries` reads many session files in
 * worker threads (synchronous reads, biggest files first, dealt in batches)
 * and hands each result back on the main thread as it arrives, where the
 * catalog writes its rows. Small jobs, one-core machines and unbundled runs
 * (vitest runs the TypeScript sources) read in this thread instead.
 *
 * The worker is dist/scan-worker.js (scan-worker.ts), else the bundle file
 * that holds this module (dist/cli.js or dist/index.js), started with
 * `workerData.sessionBrowserScan`: pool-serve.ts, loaded with this module,
 * then serves jobs, and the CLI entry stays quiet.
 */
import { existsSync, statSync } from 'node:fs';
import { appendAll } from '../arrays.js';
import { Worker } from 'node:worker_threads';
import { SCAN_WORKER_DATA, scanThreads, takeEarlyScanWorkers, type ScanWorkerData } from './early-workers.js';
import { pricedOnce, type WireJob, type WireResult } from './pool-wire.js';
// The workers' side, loaded with the pool: a worker running the bundle that holds the pool (no dist/scan-worker.js) serves from it.
import './pool-serve.js';
import type { ReadSummaryOptions, SummaryResult, SummaryState } from './summary-reader.js';
import { inThread, type JobOutcome } from './summary-jobs.js';
import type { PackedSummary } from './packed-state.js';

/** One file to summarise: read from `previous`'s offset when given, else from the start. */
export interface SummaryJob {
  path: string;
  opts: ReadSummaryOptions;
  previous?: SummaryState;
  /** The file's size in bytes when the caller already knows it (ordering and progress); else it is `stat`ed. */
  size?: number;
}

/** A summary with the check hash of the 64 bytes before its state's offset (scan/check-hash.ts). */
export type CheckedSummary = SummaryResult & { check: string };

/** What became of one job: a result, or the message of what the file system threw (ENOENT, EACCES). */
export interface SummaryOutcome {
  path: string;
  result?: CheckedSummary;
  error?: string;
}

/** {@link SummaryOutcome} of {@link readPackedSummaries}: the state packed for the catalog. */
export interface PackedOutcome {
  path: string;
  result?: PackedSummary;
  error?: string;
}

/** How far a scan is: files done of all, and their bytes (what is read: size less the previous offset). */
export interface ScanProgress {
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
}

/** How a scan ran: worker threads started (0 = all in this thread), and jobs read in this thread because a worker died or could not start. */
export interface ScanStats {
  workers: number;
  rescued: number;
}

export interface ScanPoolOptions {
  /** Called on the main thread after each result. */
  onProgress?: (progress: ScanProgress) => void;
  /** Worker threads to use; default {@link scanThreads}. 0 or 1 reads in this thread. */
  threads?: number;
  /**
   * The bundle file a worker runs (it must contain this module); default
   * this module's own file when it is a `.js`/`.mjs` bundle, else none (read
   * in this thread).
   */
  workerUrl?: URL | null;
  /** Jobs smaller than this in both files and bytes read in this thread: a worker costs start-up time. */
  inThreadBelow?: { files: number; bytes: number };
  /**
   * Workers started ahead ({@link prestartScanWorkers}): the pool takes
   * them first (those of its own worker file only) and ends the rest.
   */
  started?: StartedWorkers | null;
  /** @internal Tests: each worker exits (as if it crashed) after this many results. */
  crashWorkersAfter?: number;
  /**
   * Stops the scan once aborted: no job is started or dealt any more, the
   * workers end (what they read is dropped), results already received are
   * still handed on, and the promise resolves. Jobs cut short get no
   * outcome (the caller reads their files again another time).
   */
  signal?: AbortSignal;
}

/** Below both: in this thread. */
const IN_THREAD_BELOW = { files: 200, bytes: 8 * 1024 * 1024 };
/** A batch is at most this many files or, when its files are big, about this many bytes. */
const BATCH_FILES = 32;
const BATCH_BYTES = 4 * 1024 * 1024;
/**
 * The smallest batch in bytes at the end of a scan (one file over it still
 * goes alone): a worker is then at most a few MB (~20 ms) behind the other,
 * and a scan small enough for one batch still starts one worker only.
 */
const MIN_BATCH_BYTES = 1024 * 1024;
/**
 * Batches a worker holds at once: one in work, the rest waiting, so it never idles on a round trip nor
 * while this thread commits a chunk of the catalog (up to half a second on a cold scan of 1 GB; with two
 * batches ahead both workers sat idle through it).
 */
const BATCHES_AHEAD = 4;
/** Jobs of each worker's first batch, taken from the small end of the order (see inWorkers' quick starts). */
const QUICK_START_FILES = 8;

/**
 * Scan workers started before the jobs are known ({@link prestartScanWorkers}),
 * so that their start-up (loading the worker bundle, ~0.2 s each) runs
 * while this thread is still finding the files; those the CLI's entry
 * started even earlier (early-workers.ts) are taken first. Idle ones are
 * unref'd: a set nobody closes does not keep the process alive.
 */
export class StartedWorkers {
  private readonly idle = new Set<Worker>();

  constructor(
    /** The file the workers run (the pool takes them only for this file). */
    readonly url: URL,
    threads: number,
  ) {
    const early = takeEarlyScanWorkers(url);
    for (const extra of early.splice(threads)) void extra.terminate();
    for (let i = 0; i < threads; i++) {
      let worker: Worker;
      try {
        worker = early.shift() ?? new Worker(url, { workerData: SCAN_WORKER_DATA });
      } catch {
        break; // no thread to be had: the pool starts what it can, or reads in its own thread
      }
      worker.unref();
      worker.on('error', () => {}); // the exit that follows takes it out
      worker.on('exit', () => this.idle.delete(worker));
      this.idle.add(worker);
    }
  }

  /** Workers still idle and alive. */
  get size(): number {
    return this.idle.size;
  }

  /** An idle worker, now the caller's (ref'd again), or undefined when none is left. */
  take(): Worker | undefined {
    for (const worker of this.idle) {
      this.idle.delete(worker);
      worker.ref();
      return worker;
    }
    return undefined;
  }

  /** Ends the workers nobody took. */
  close(): void {
    for (const worker of this.idle) void worker.terminate();
    this.idle.clear();
  }
}

/**
 * Starts the workers a big scan would use ({@link scanThreads}, the pool's
 * default worker file), for a caller that knows before finding its files
 * that it will read most of them (a first scan into an empty catalog);
 * null when the pool would read in this thread anyway (one thread, or
 * running from TypeScript sources). The caller hands them to the pool
 * ({@link ScanPoolOptions.started}) and closes them when done.
 */
export function prestartScanWorkers(threads = scanThreads()): StartedWorkers | null {
  const url = ownBundleUrl();
  if (threads < 2 || url === null) return null;
  return new StartedWorkers(url, threads);
}

export { isScanWorker } from './early-workers.js';

export { scanThreads } from './early-workers.js';

/**
 * Summarises every job (readSummary, plus the check hash at the resulting
 * offset) and calls `onResult` on the main thread as each one finishes, in
 * no particular order; resolves once all are done and the workers are gone.
 * A file that cannot be read gives an outcome with `error`, never a
 * rejection; a worker that dies has its unfinished jobs read again in this
 * thread. Rejects only when `onResult` or `onProgress` throws. With
 * `opts.signal` aborted it resolves early: see {@link ScanPoolOptions.signal}.
 */
export async function readSummaries(jobs: readonly SummaryJob[], onResult: (outcome: SummaryOutcome) => void, opts: ScanPoolOptions = {}): Promise<ScanStats> {
  return pool(jobs, false, onResult as (outcome: { path: string } & JobOutcome) => void, opts);
}

/**
 * {@link readSummaries} for the catalog: each result's state comes packed
 * (packed-state.ts: its JSON text and the hashes of the call keys it
 * added, made in the worker), so this thread only stores them.
 */
export async function readPackedSummaries(jobs: readonly SummaryJob[], onResult: (outcome: PackedOutcome) => void, opts: ScanPoolOptions = {}): Promise<ScanStats> {
  return pool(jobs, true, onResult as (outcome: { path: string } & JobOutcome) => void, opts);
}

/**
 * Jobs handed to a pool while it runs ({@link readPackedSummariesFed}): a
 * first scan's files as their folders are found, so the workers start on
 * the first ones while this thread finds the rest. Jobs added before the
 * pool starts wait for it.
 */
export class JobFeed {
  private readonly waiting: SummaryJob[] = [];
  private ended = false;
  private take: ((jobs: SummaryJob[]) => void) | null = null;
  private onEnd: (() => void) | null = null;

  /** Adds jobs; none after {@link end}. */
  add(jobs: readonly SummaryJob[]): void {
    if (this.ended) throw new Error('job feed already ended');
    if (jobs.length === 0) return;
    if (this.take) this.take([...jobs]);
    else appendAll(this.waiting, jobs);
  }

  /** No more jobs: the pool resolves once those added are done. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.onEnd?.();
  }

  /** @internal The pool's side: `take` gets every job added (those waiting at once), `onEnd` the end. */
  listen(take: (jobs: SummaryJob[]) => void, onEnd: () => void): void {
    this.take = take;
    this.onEnd = onEnd;
    take(this.waiting.splice(0));
    if (this.ended) onEnd();
  }

  /** True once {@link end} was called. */
  get done(): boolean {
    return this.ended;
  }
}

/**
 * {@link readPackedSummaries} over a {@link JobFeed}: reads its jobs as they
 * are added, in workers (biggest first among those waiting), and resolves
 * once the feed has ended and every job is done. Workers start once the
 * jobs pass `inThreadBelow` in files or bytes; a feed that ends below it,
 * or fewer than two threads, or no worker file: read in this thread once
 * the feed ends, as a list that small would be.
 */
export async function readPackedSummariesFed(feed: JobFeed, onResult: (outcome: PackedOutcome) => void, opts: ScanPoolOptions = {}): Promise<ScanStats> {
  const jobs: PoolJob[] = [];
  const work: number[] = [];
  const order: number[] = [];
  const progress: ScanProgress = { files: 0, totalFiles: 0, bytes: 0, totalBytes: 0 };
  const done = reporting(jobs, work, progress, onResult as (outcome: { path: string } & JobOutcome) => void, opts);
  let wake: (() => void) | null = null;
  // As for a list: a scan that stays small (a demo home) is read in this thread, so workers start only once
  // the jobs heard of pass the size below which a list is read here (or the feed ends).
  const below = opts.inThreadBelow ?? IN_THREAD_BELOW;
  let decide: () => void = () => {};
  const decided = new Promise<void>((resolve) => (decide = resolve));
  const arrived = new Promise<void>((resolve) => {
    feed.listen(
      (added) => {
        const ids = added.map((job) => {
          const id = jobs.push({ ...job, pack: true }) - 1;
          work[id] = Math.max(0, (job.size ?? sizeOf(job.path)) - (job.previous?.offset ?? 0));
          progress.totalBytes += work[id]!;
          return id;
        });
        progress.totalFiles = jobs.length;
        // Biggest first among those not yet dealt.
        appendAll(order, ids.sort((a, b) => work[b]! - work[a]!));
        if (jobs.length >= below.files || progress.totalBytes >= below.bytes) decide();
        wake?.();
      },
      () => {
        resolve();
        decide();
        wake?.();
      },
    );
  });
  await decided;
  const small = feed.done && jobs.length < below.files && progress.totalBytes < below.bytes;
  const incoming = { ended: () => feed.done, onChange: (fn: () => void) => void (wake = fn), allArrived: arrived };
  return dispatch({ order, jobs, work, done }, opts.threads ?? scanThreads(), small, opts, incoming);
}

/** Jobs still coming to {@link inWorkers}: their ids land in its `order` (and `jobs`, `work`) as they arrive. */
interface Incoming {
  /** True once no job will be added. */
  ended(): boolean;
  /** Calls `wake` after jobs were added or the feed ended. */
  onChange(wake: () => void): void;
}

/** A job as the pool deals it. */
type PoolJob = SummaryJob & { pack?: boolean };

async function pool(jobList: readonly SummaryJob[], pack: boolean, onResult: (outcome: { path: string } & JobOutcome) => void, opts: ScanPoolOptions): Promise<ScanStats> {
  const jobs: readonly PoolJob[] = pack ? jobList.map((j) => ({ ...j, pack })) : jobList;
  const sizes = jobs.map((j) => j.size ?? sizeOf(j.path));
  const work = jobs.map((j, i) => Math.max(0, sizes[i]! - (j.previous?.offset ?? 0)));
  const progress: ScanProgress = { files: 0, totalFiles: jobs.length, bytes: 0, totalBytes: work.reduce((a, b) => a + b, 0) };
  const done = reporting(jobs, work, progress, onResult, opts);
  // Biggest first, so the tail of the scan is small files spread over every worker.
  const order = jobs.map((_, i) => i).sort((a, b) => work[b]! - work[a]!);
  const below = opts.inThreadBelow ?? IN_THREAD_BELOW;
  const small = jobs.length < below.files && progress.totalBytes < below.bytes;
  return dispatch({ order, jobs, work, done }, Math.min(opts.threads ?? scanThreads(), jobs.length), small, opts);
}

/** What a pool reads: jobs by id, the bytes each has to read, the order to deal them in, and where each outcome goes. */
interface PoolRun {
  /** Ids in dealing order; the pool may reorder those not dealt yet (see inWorkers). */
  order: number[];
  jobs: readonly PoolJob[];
  work: readonly number[];
  done: (id: number, outcome: JobOutcome) => void;
}

/** `done` for a pool: hands the outcome on with its path, then reports progress (files and bytes read so far). */
function reporting(
  jobs: readonly PoolJob[],
  work: readonly number[],
  progress: ScanProgress,
  onResult: (outcome: { path: string } & JobOutcome) => void,
  opts: ScanPoolOptions,
): (id: number, outcome: JobOutcome) => void {
  return (id, outcome) => {
    onResult({ path: jobs[id]!.path, ...outcome });
    progress.files++;
    progress.bytes += work[id]!;
    opts.onProgress?.({ ...progress });
  };
}

/**
 * Reads `run` in this thread (fewer than two threads, no worker file, or
 * `small`: after `allArrived`, when jobs are still coming) or in workers,
 * taking those `opts.started` holds when they run the same file.
 */
async function dispatch(run: PoolRun, threads: number, small: boolean, opts: ScanPoolOptions, incoming?: Incoming & { allArrived: Promise<void> }): Promise<ScanStats> {
  const { order, jobs, work, done } = run;
  const url = opts.workerUrl === undefined ? ownBundleUrl() : opts.workerUrl;
  // Workers started ahead of another file, or that crash tests cannot use (their workerData differs), are not taken.
  const started = opts.started && url !== null && opts.started.url.href === url.href && opts.crashWorkersAfter === undefined ? opts.started : undefined;
  if (threads < 2 || url === null || small) {
    opts.started?.close();
    await incoming?.allArrived;
    await inThread(order, jobs, work, done, opts.signal);
    return { workers: 0, rescued: 0 };
  }
  const running = inWorkers(url, threads, order, jobs, work, done, { crashAfter: opts.crashWorkersAfter, started, signal: opts.signal, incoming });
  opts.started?.close(); // those it did not take (fewer first batches than workers; none when they were not of its file)
  return running;
}

/**
 * The worker's file when this module runs from a bundle: the scan-only
 * bundle beside it (scan-worker.ts) when there is one, else the bundle
 * itself; null when it runs from TypeScript sources (vitest).
 */
function ownBundleUrl(): URL | null {
  if (!/\.m?js$/.test(new URL(import.meta.url).pathname)) return null;
  const slim = new URL('./scan-worker.js', import.meta.url);
  return existsSync(slim) ? slim : new URL(import.meta.url);
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // the read reports why
  }
}

/**
 * Sorts `order[from..]` biggest job first, in place (`work`: bytes by job
 * id). Copied back one by one: a spread of 130,000 ids into `splice()`
 * overflowed the stack.
 */
export function sortRest(order: number[], from: number, work: readonly number[]): void {
  const rest = order.slice(from).sort((a, b) => work[b]! - work[a]!);
  for (let i = 0; i < rest.length; i++) order[from + i] = rest[i]!;
}

/**
 * The most bytes a batch holds: BATCH_BYTES while jobs are still coming
 * (`undealt` null), then a share of what is left that shrinks with it, so
 * that the batches each worker holds ahead at the end are small and both
 * finish together. (With 4 MB batches, 4 ahead, one worker could still hold
 * 12 MB, ~70 ms of reading, when the other ran out; guided self-scheduling.)
 */
function batchBytes(undealt: number | null, threads: number): number {
  if (undealt === null) return BATCH_BYTES;
  return Math.min(BATCH_BYTES, Math.max(MIN_BATCH_BYTES, Math.floor(undealt / (threads * BATCHES_AHEAD * 2))));
}

/**
 * Deals `order` (job ids, biggest first) to `threads` workers in batches;
 * a worker gets its next batch when one of its batches is answered (it
 * holds BATCHES_AHEAD, so it never waits for the round trip). When a
 * worker exits with jobs unanswered, they and whatever no worker can take
 * any more are read in this thread.
 */
function inWorkers(
  url: URL,
  threads: number,
  order: number[],
  jobs: readonly PoolJob[],
  work: readonly number[],
  done: (id: number, outcome: JobOutcome) => void,
  { crashAfter, started, signal, incoming }: { crashAfter?: number; started?: StartedWorkers; signal?: AbortSignal; incoming?: Incoming },
): Promise<ScanStats> {
  const stats: ScanStats = { workers: 0, rescued: 0 };
  let next = 0;
  let answered = 0;
  // With jobs still coming, all are answered only once the feed has ended.
  const complete = (): boolean => (incoming === undefined || incoming.ended()) && answered === jobs.length;
  const orphans: number[] = [];
  const workers = new Set<Worker>();
  // Bytes not yet dealt, once every job is known (null while a feed still adds jobs): see batchBytes.
  let undealt: number | null = null;
  const allKnown = (): void => {
    if (undealt !== null) return;
    // A feed's jobs came biggest first only among each chunk: the rest goes biggest first now (the smallest
    // last). A list's jobs came sorted already.
    if (incoming !== undefined) sortRest(order, next, work);
    undealt = 0;
    for (let i = next; i < order.length; i++) undealt += work[order[i]!]!;
  };
  // A feed may have ended before the first deal (every job added at once): then no change comes to say so.
  if (incoming === undefined || incoming.ended()) allKnown();

  const wire = (id: number): WireJob => {
    if (undealt !== null) undealt -= work[id]!;
    const { path, opts, previous, pack } = jobs[id]!;
    const job: WireJob = previous ? { id, path, opts, previous } : { id, path, opts };
    if (pack) job.pack = true;
    return job;
  };
  // Each worker's first batch: the smallest jobs known, so that the first results come at once (a browser
  // started cold shows its first sessions from them; biggest first, they waited for the largest files).
  let quickStarts = threads;
  const batch = (): WireJob[] => {
    const out: WireJob[] = [];
    // Only where there are many: a few files make one batch, read by one worker.
    if (quickStarts > 0 && order.length - next >= BATCH_FILES * threads) {
      quickStarts--;
      while (out.length < QUICK_START_FILES && next < order.length) out.push(wire(order.pop()!));
      if (out.length > 0) return out;
    }
    let bytes = 0;
    const most = batchBytes(undealt, threads);
    while (next < order.length && out.length < BATCH_FILES && (out.length === 0 || bytes + work[order[next]!]! <= most)) {
      const id = order[next++]!;
      out.push(wire(id));
      bytes += work[id]!;
    }
    return out;
  };

  return new Promise<ScanStats>((resolve, reject) => {
    let failed = false;
    let stopped = false;
    const finish = (err?: unknown): void => {
      signal?.removeEventListener('abort', stop);
      for (const w of workers) void w.terminate();
      workers.clear();
      if (err !== undefined) {
        failed = true;
        reject(err);
      } else resolve(stats);
    };
    const answer = (id: number, outcome: JobOutcome): void => {
      if (failed) return;
      try {
        done(id, outcome);
      } catch (err) {
        return finish(err);
      }
      answered++;
      if (complete()) finish();
    };
    // A worker's batch is handed on one result per turn of the event loop: storing a result (its catalog
    // row, its text) is this thread's work, and a batch of 32 in one turn held a browser's keys for seconds.
    const queue: { id: number; outcome: JobOutcome }[] = [];
    let draining = false;
    const step = (): void => {
      const next = queue.shift();
      if (!next) {
        draining = false;
        if (stopped && !failed) finish();
        return;
      }
      answer(next.id, next.outcome);
      setImmediate(step);
    };
    const drain = (): void => {
      if (draining) return;
      draining = true;
      step();
    };
    const rescue = (): void => {
      // No worker left to take the rest: this thread reads what is orphaned or not yet dealt.
      if (workers.size > 0 || failed || stopped) return;
      const rest = orphans.splice(0).concat(order.slice(next));
      next = order.length;
      stats.rescued += rest.length;
      inThread(rest, jobs, work, answer, signal).catch(finish);
    };
    // Aborted: the workers end now (their memory with them); what was received is handed on first.
    const stop = (): void => {
      if (stopped || failed) return;
      stopped = true;
      for (const w of workers) void w.terminate();
      workers.clear();
      if (!draining) finish();
    };

    const data: ScanWorkerData = crashAfter === undefined ? SCAN_WORKER_DATA : { ...SCAN_WORKER_DATA, crashAfter };
    const deals: (() => void)[] = [];
    // Only as many workers as there are first batches (with jobs still coming, all of them).
    for (let i = 0; i < threads && (next < order.length || (incoming !== undefined && !incoming.ended())); i++) {
      let worker: Worker;
      try {
        worker = started?.take() ?? new Worker(url, { workerData: data });
      } catch {
        break; // no thread to be had (resource limits): this thread reads the rest
      }
      workers.add(worker);
      stats.workers++;
      const open = new Set<number>();
      const priced = pricedOnce();
      // Batches sent and not yet answered.
      let inFlight = 0;
      const deal = (): void => {
        if (inFlight >= BATCHES_AHEAD || !workers.has(worker)) return;
        const jobsOut = batch();
        if (jobsOut.length === 0) return;
        inFlight++;
        for (const j of jobsOut) {
          open.add(j.id);
          priced(j);
        }
        worker.postMessage(jobsOut);
      };
      worker.on('message', (answers: WireResult[]) => {
        if (stopped) return; // sent before it was ended: dropped like the rest of its work
        inFlight--;
        deal();
        for (const msg of answers) {
          if (!open.delete(msg.id)) continue; // already read again elsewhere: answered once only
          queue.push({ id: msg.id, outcome: msg.error === undefined ? { result: msg.result } : { error: msg.error } });
        }
        drain();
      });
      worker.on('error', () => {}); // the exit that follows does the work
      worker.on('exit', () => {
        if (!workers.delete(worker)) return; // terminated by finish()
        // Jobs it was given and did not answer: read again in this thread, in order.
        orphans.push(...[...open].sort((a, b) => work[b]! - work[a]!));
        open.clear();
        if (workers.size === 0) rescue();
        else if (orphans.length > 0) {
          const rest = orphans.splice(0);
          stats.rescued += rest.length;
          inThread(rest, jobs, work, answer, signal).catch(finish);
        }
      });
      deals.push(deal);
      deal();
    }
    for (let k = 1; k < BATCHES_AHEAD; k++) for (const deal of deals) deal();
    if (workers.size === 0) rescue();
    // Jobs added later go to workers with room (each holds up to BATCHES_AHEAD batches), or here when none is left.
    incoming?.onChange(() => {
      if (failed || stopped) return;
      if (incoming.ended()) allKnown();
      for (let k = 0; k < BATCHES_AHEAD; k++) for (const deal of deals) deal();
      if (workers.size === 0) rescue();
      if (complete()) finish();
    });
    if (incoming && complete()) finish(); // a feed that ended with no job
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop, { once: true });
  });
}
