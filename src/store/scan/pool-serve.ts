/**
 * The scan worker's side of the pool (scan-pool.ts): reads each batch of
 * jobs synchronously and answers it in one message. It serves when this
 * module is loaded in a worker started with `workerData.sessionBrowserScan`
 * (early-workers.ts): by dist/scan-worker.js, or by the bundle that holds
 * the pool when that one is missing; elsewhere, loading it does nothing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isScanWorker, type ScanWorkerData } from './early-workers.js';
import type { ReadSummaryOptions } from './summary-reader.js';
import { runJob } from './summary-jobs.js';
import type { WireJob, WireResult } from './pool-wire.js';

/** The worker's side: reads each batch synchronously and answers it in one message. */
function serve(): void {
  const port = parentPort!;
  const crashAfter = (workerData as ScanWorkerData).crashAfter;
  let answered = 0;
  /** The price table last sent (jobs that share it come without it: pricedOnce). */
  let pricing: ReadSummaryOptions['pricing'] | undefined;
  port.on('message', (batch: WireJob[]) => {
    const answers: WireResult[] = [];
    for (const job of batch) {
      if (crashAfter !== undefined && answered >= crashAfter) process.exit(1);
      pricing = job.opts.pricing ?? pricing;
      answers.push({ id: job.id, ...runJob(job.path, { ...job.opts, pricing: pricing! }, job.previous, job.pack === true) });
      if (++answered === crashAfter) port.postMessage(answers.splice(0));
    }
    port.postMessage(answers);
  });
}

// At top level: this module runs in a scan worker (scan-worker.ts, or the bundle that holds it), where it serves.
if (isScanWorker()) serve();
