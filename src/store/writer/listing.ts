/**
 * Reading back what the writers wrote, through the browser's own readers
 * (scan/ over the native layout, not the catalog), so a writer's
 * `list`/`load` see exactly the figures the browser shows.
 */
import { BUILTIN_PRICES } from '../prices-builtin.js';
import type { PriceTable } from '../pricing.js';
import { isValidProjectId } from '../project.js';
import { byRecency } from '../recency.js';
import { readSummary, type ReadSummaryOptions } from '../scan/summary-reader.js';
import { DEFAULT_CACHE_TTL_SEC } from '../sources/fold.js';
import { listProjectSessions } from '../sources/native/discover.js';
import type { SessionSummary } from '../types.js';
import { shownValue } from '../../format/shown-value.js';

/** How summaries are computed: prices, clock and cache TTLs (defaults: built-ins and Date.now). */
export interface ReadOptions {
  pricing?: PriceTable;
  /** "now" in ms, for running status and cache warmth. */
  now?: number;
  cacheTtlSec?: Record<string, number>;
}

/** How the readers compute a summary of `projectId`: the given prices, clock and cache TTLs, else the catalog's defaults (built-in prices, Date.now, default TTLs). */
export function readOptionsFor(projectId: string, opts: ReadOptions = {}): ReadSummaryOptions {
  return {
    projectId,
    pricing: opts.pricing ?? BUILTIN_PRICES,
    nowMs: opts.now ?? Date.now(),
    cacheTtlSec: { ...DEFAULT_CACHE_TTL_SEC, ...opts.cacheTtlSec },
  };
}

/** Throws unless `projectId` is 16 hex digits: it becomes part of a path. */
export function assertProjectId(projectId: string): string {
  if (!isValidProjectId(projectId)) throw new Error(`invalid project id ${shownValue(projectId, { quote: true })}: expected 16 hex digits`);
  return projectId;
}

/** A summary plus the file size it was read at (to notice a file that grew since). */
export interface ListedSession {
  summary: SessionSummary;
  size: number;
}

/**
 * Summaries of every session of a project, newest first, empty ones
 * included: also a file with no record yet (zero bytes, a partial first
 * line), as dialect `none` (format §2.1). Files that vanish or cannot be
 * read while listing are skipped.
 */
export async function listProject(home: string, projectId: string, opts: ReadOptions = {}): Promise<ListedSession[]> {
  assertProjectId(projectId);
  const files = await listProjectSessions(home, projectId);
  const read = readOptionsFor(projectId, opts);
  const out: ListedSession[] = [];
  for (const file of files) {
    try {
      const { summary, size } = await readSummary(file.path, read);
      if (summary) out.push({ summary, size });
    } catch {
      // Deleted or unreadable between readdir and open: not a session we can list.
    }
  }
  return out.sort((a, b) => byRecency(a.summary, b.summary));
}
