/**
 * Scan workers started before the CLI bundle loads: the CLI's entry
 * (app/cli-launch.ts, dist/cli.js) starts them for a command that will
 * read every log (a first, cold scan), so that their start-up (loading
 * dist/scan-worker.js, ~0.15 s each) runs while the one busy core loads
 * the CLI (~0.25 s), not later, beside this thread finding the files.
 * The entry and the CLI are separate bundles that share no module, so the
 * workers wait in one process-wide slot until the scan pool takes them
 * (scan-pool.ts StartedWorkers) or the catalog ends them (not a first
 * scan after all). This module imports nothing of the scan: the entry
 * bundle stays small.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, Worker, workerData } from 'node:worker_threads';

/** The marker in `workerData` of a scan worker (pool-serve.ts serves jobs in a worker started with it). */
export interface ScanWorkerData {
  sessionBrowserScan: true;
  crashAfter?: number;
}

/** What a scan worker is started with (the pool takes only workers started so). */
export const SCAN_WORKER_DATA: ScanWorkerData = { sessionBrowserScan: true };

/** True in a worker thread started as a scan worker (with {@link SCAN_WORKER_DATA}): the CLI entry must not run there. */
export function isScanWorker(): boolean {
  return !isMainThread && (workerData as Partial<ScanWorkerData> | null)?.sessionBrowserScan === true;
}

/** The slot, on `globalThis` under a registered symbol: visible to both bundles of one process. */
const SLOT = Symbol.for('session-browser.early-scan-workers');

interface EarlyWorkers {
  /** The file the workers run (href). */
  url: string;
  /** Those still alive. */
  workers: Worker[];
}

const slot = globalThis as { [SLOT]?: EarlyWorkers };

/**
 * Worker threads a cold scan uses: $SESSION_BROWSER_THREADS when set (0 or 1
 * = none), else the machine's available parallelism, from 1 to 4.
 */
export function scanThreads(env: NodeJS.ProcessEnv = process.env): number {
  const set = env.SESSION_BROWSER_THREADS;
  if (set !== undefined && /^\d+$/.test(set.trim())) return Number(set.trim());
  return Math.min(4, Math.max(1, availableParallelism()));
}

/**
 * Starts `threads` scan workers on `url` (the scan worker bundle) and
 * leaves them in the slot, unref'd (they never keep the process alive);
 * none when fewer than two threads would scan (the pool then reads in its
 * own thread). Returns how many started. Replaces none already waiting.
 */
export function startEarlyScanWorkers(url: URL, threads = scanThreads()): number {
  if (threads < 2 || slot[SLOT]) return 0;
  const early: EarlyWorkers = { url: url.href, workers: [] };
  for (let i = 0; i < threads; i++) {
    let worker: Worker;
    try {
      worker = new Worker(url, { workerData: SCAN_WORKER_DATA });
    } catch {
      break; // no thread to be had: the pool starts what it can later
    }
    worker.unref();
    worker.on('error', () => {}); // the exit that follows takes it out
    worker.on('exit', () => {
      const at = early.workers.indexOf(worker);
      if (at !== -1) early.workers.splice(at, 1);
    });
    early.workers.push(worker);
  }
  slot[SLOT] = early;
  return early.workers.length;
}

/**
 * The workers waiting in the slot, now the caller's (the slot is emptied),
 * when they run `url`; none otherwise (those of another file are ended).
 */
export function takeEarlyScanWorkers(url: URL): Worker[] {
  const early = slot[SLOT];
  if (!early) return [];
  delete slot[SLOT];
  const workers = early.workers.splice(0);
  if (early.url === url.href) return workers;
  for (const worker of workers) void worker.terminate();
  return [];
}

/** Ends the workers still waiting in the slot (the scan they were started for is not coming). */
export function endEarlyScanWorkers(): void {
  const early = slot[SLOT];
  if (!early) return;
  delete slot[SLOT];
  for (const worker of early.workers.splice(0)) void worker.terminate();
}
