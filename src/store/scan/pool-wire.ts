/**
 * What the scan pool and its workers send each other (scan-pool.ts deals
 * batches of jobs, pool-serve.ts answers them): one message a batch each
 * way, and the price table sent once for the jobs that share it.
 */
import type { ReadSummaryOptions, SummaryState } from './summary-reader.js';
import type { JobOutcome } from './summary-jobs.js';

/** One job as a worker receives it. */
export interface WireJob {
  id: number;
  path: string;
  /** `pricing` absent: the table the worker was last sent (see {@link pricedOnce}). */
  opts: Omit<ReadSummaryOptions, 'pricing'> & { pricing?: ReadSummaryOptions['pricing'] };
  previous?: SummaryState;
  pack?: true;
}

/** A worker answers a whole batch in one message: one structured clone, not one per file. */
export interface WireResult extends JobOutcome {
  id: number;
}

/**
 * Leaves out of a worker's jobs the price table it was last sent: a
 * listing's jobs share one table, and a copy of it in every batch cost the
 * worker the clone and, the copy being a new object, its price index
 * (pricing.ts indexOf: every model id normalised) again, batch after batch.
 */
export function pricedOnce(): (job: WireJob) => void {
  let sent: ReadSummaryOptions['pricing'] | undefined;
  return (job) => {
    if (job.opts.pricing === sent) {
      const { pricing: _same, ...opts } = job.opts;
      job.opts = opts;
    } else sent = job.opts.pricing;
  };
}

