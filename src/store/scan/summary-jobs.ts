/**
 * One summary job read in this thread (scan-pool.ts's workers, and the main
 * thread for small scans and a dead worker's jobs): readSummary plus the
 * check hash at the offset it reached, with errors as values.
 */
import { bytesBeforeSync } from './check-hash.js';
import { packState, type PackedSummary } from './packed-state.js';
import { isWholeRead, readCheckedSummarySync, readSummary, type ReadSummaryOptions, type SummaryResult, type SummaryState } from './summary-reader.js';

/** In this thread, files up to this size are read synchronously; bigger ones async, so the event loop keeps turning. */
const SYNC_READ_MAX_BYTES = 1024 * 1024;
/** In this thread, the event loop gets a turn at least this often (ms). */
const IN_THREAD_SLICE_MS = 12;

/** What one job needs. */
export interface SummaryJobInput {
  path: string;
  opts: ReadSummaryOptions;
  previous?: SummaryState;
  /** Pack the result's state for the catalog (packed-state.ts). */
  pack?: boolean;
}

/** A job's result with its check hash (its state packed when the job asked: packed-state.ts), or the message of what the file system threw (ENOENT, EACCES). */
export type JobOutcome = { result?: (SummaryResult & { check: string }) | PackedSummary; error?: string };

/** One job, synchronously: what a worker does, and this thread for small files. */
export function runJob(path: string, opts: ReadSummaryOptions, previous: SummaryState | undefined, pack = false): JobOutcome {
  try {
    return { result: packed(readCheckedSummarySync(path, opts, previous), previous, pack) };
  } catch (err) {
    return { error: errorMessage(err) };
  }
}

/** `result` as is, or with its state packed. */
function packed(result: SummaryResult & { check: string }, previous: SummaryState | undefined, pack: boolean): (SummaryResult & { check: string }) | PackedSummary {
  if (!pack) return result;
  const { state, ...rest } = result;
  return { ...rest, packed: packState(state, previous) };
}

async function runJobAsync(path: string, opts: ReadSummaryOptions, previous: SummaryState | undefined, pack: boolean, signal?: AbortSignal): Promise<JobOutcome> {
  try {
    const result = await readSummary(path, opts, previous, signal);
    // A session read whole has no check hash (never continued from an offset): no read for it.
    const check = isWholeRead(path, opts.file) ? '' : bytesBeforeSync(path, result.state.offset);
    return { result: packed(Object.assign(result, { check }), previous, pack) };
  } catch (err) {
    return { error: errorMessage(err) };
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Reads in this thread: small files synchronously, big ones async, with a
 * turn of the event loop every few ms. Once `signal` is aborted it stops:
 * the job being read (a big file is checked between reads) and those after
 * it get no outcome.
 */
export async function inThread(
  ids: readonly number[],
  jobs: readonly SummaryJobInput[],
  work: readonly number[],
  done: (id: number, outcome: JobOutcome) => void,
  signal?: AbortSignal,
): Promise<void> {
  let sliceStart = performance.now();
  for (const id of ids) {
    if (signal?.aborted) return;
    const { path, opts, previous, pack = false } = jobs[id]!;
    if (work[id]! > SYNC_READ_MAX_BYTES) {
      const outcome = await runJobAsync(path, opts, previous, pack, signal);
      if (signal?.aborted) return; // what it read is dropped: the caller reads the file again later
      done(id, outcome);
    } else done(id, runJob(path, opts, previous, pack));
    if (performance.now() - sliceStart > IN_THREAD_SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}
