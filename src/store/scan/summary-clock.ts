/**
 * The two figures of a summary that depend on the clock rather than on the
 * file: `status` of a session without an end (running while its file changed
 * in the last RUNNING_WINDOW_MS, else incomplete) and `cacheWarmUntil` (null
 * once past). A summary stored by the catalog is brought to "now" here, so an
 * unchanged file is never read or folded again just because time passed.
 */
import type { SessionSummary } from '../types.js';
import { RUNNING_WINDOW_MS } from './summarize.js';

/**
 * `summary` as it reads at `nowMs` (ms since the epoch) for a file last
 * modified at `mtimeMs`. Returns the same object when nothing changed, else
 * a shallow copy; never mutates its argument.
 */
export function summaryAt(summary: SessionSummary, mtimeMs: number, nowMs: number): SessionSummary {
  let status = summary.status;
  // Only an open session (no end recorded) is running or incomplete (summarize.ts statusOf).
  if (status === 'running' || status === 'incomplete') {
    const age = nowMs - mtimeMs;
    status = age >= 0 && age < RUNNING_WINDOW_MS ? 'running' : 'incomplete';
  }
  const warm = summary.cacheWarmUntil;
  const cacheWarmUntil = warm !== null && Date.parse(warm) > nowMs ? warm : null;
  if (status === summary.status && cacheWarmUntil === warm) return summary;
  return { ...summary, status, cacheWarmUntil };
}
