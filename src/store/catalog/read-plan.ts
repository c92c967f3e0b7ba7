/**
 * What a listing does with one session file, decided from its stored rows
 * and one `stat` (summary-cache.ts asks, then reads or serves): serve its
 * stored summary, finish its stored fold state again (other prices), read
 * it from its state's offset (it was appended to) or read it all (new,
 * rewritten, or a session read whole that changed).
 */
import { statSync, type Stats } from 'node:fs';
import type { SessionFile } from '../sources/format.js';
import { partsUnchanged, summarise, type ReadSummaryOptions, type SummaryState } from '../scan/summary-reader.js';
import { bytesBeforeSync } from '../scan/check-hash.js';
import type { SessionSummary } from '../types.js';
import type { FileRow, ListedRow } from './catalog-db.js';
import { parsedParts, parseState, reusable, storedSummary, untouched } from './stored-rows.js';

/** A file to read: from `previous` (its stored state) when it was appended to, else from the start; `cached` is its row. */
export interface ReadPlan {
  previous: SummaryState | undefined;
  cached: FileRow | undefined;
  /** The read collects the text it passes, for the full-text index. */
  collect: boolean;
}

/** The rows a plan is made from, as the cache remembers them (one not yet written wins), and where a finished row goes. */
export interface PlanRows {
  /** The listing row of a file (no fold state), prefetched. */
  listedRow(path: string): ListedRow | undefined;
  /** The whole row of a file (its fold state too): one query. */
  row(path: string): FileRow | undefined;
  /** Writes a row again (a summary finished with other prices). */
  put(row: FileRow): void;
}

/** The pass indexes every file's text whole (`collectText` true or absent), not only what continues indexed text. */
export function wantsAllText(opts: ReadSummaryOptions): boolean {
  return opts.collectText === undefined || opts.collectText === true;
}

/**
 * What to do for one file of one JSONL log: serve its stored summary
 * (unchanged, same price key), finish its stored state again (unchanged,
 * other prices; its row is written again through `rows.put`), or read it,
 * from its state's offset when it was only appended to. A pass that
 * collects all text (`opts.collectText` true or absent) never serves, nor
 * continues, a file whose text the index does not hold yet: it reads it
 * from the start. Throws what the check hash's read throws.
 */
export function planRead(rows: PlanRows, file: SessionFile, st: Stats, opts: ReadSummaryOptions, summaryKey: string): { summary: SessionSummary } | ReadPlan {
  const allText = wantsAllText(opts);
  const listed = rows.listedRow(file.path);
  const served = listed && (!allText || listed.textDone) && storedSummary(listed, st, file.projectId, summaryKey, opts.nowMs);
  if (served) return { summary: served };
  const cached = rows.row(file.path);
  const found = cached && cached !== listed && (!allText || cached.textDone) && storedSummary(cached, st, file.projectId, summaryKey, opts.nowMs);
  if (found) return { summary: found };
  let previous = cached && (!allText || cached.textDone) && reusable(cached, st, file.projectId) ? parseState(cached.state) : undefined;
  if (previous && st.size < previous.offset) previous = undefined; // cut below what was consumed
  if (previous && cached && st.size === cached.size && st.mtimeMs === cached.mtimeMs) {
    // Untouched but priced with other figures: finish from the state; only a tail without its newline is read again.
    if (st.size === previous.offset) {
      const summary = summarise(previous, file.path, false, st.mtimeMs, opts);
      rows.put({ ...cached, summary: JSON.stringify(summary), summaryKey });
      return { summary };
    }
  } else if (previous && cached && bytesBeforeSync(file.path, previous.offset) !== cached.check) {
    previous = undefined; // same inode but rewritten: read it all again
  }
  // 'appends': text is collected only where it continues text the index holds whole (cheap); a file read from its start waits for indexText.
  const collect = allText || (opts.collectText === 'appends' && previous !== undefined && cached?.textDone === true);
  return { previous, cached, collect };
}

/**
 * What to do for a session read whole (summary-reader.ts isWholeRead):
 * serve its stored summary (or finish its state again) when the main file
 * and every part still have the size and mtime they had, else read it all.
 * Never continued from an offset.
 */
export function planWholeRead(rows: PlanRows, file: SessionFile, opts: ReadSummaryOptions, st: Stats, summaryKey: string): { summary: SessionSummary } | ReadPlan {
  const allText = wantsAllText(opts);
  // The listing's row (no fold state) tells whether the main file and its parts are as they were; the
  // state (~25 KB of JSON for a Claude session) is parsed only when the summary must be finished again.
  const listed = rows.listedRow(file.path) ?? rows.row(file.path);
  if (listed && (!allText || listed.textDone) && untouched(listed, st, file.projectId) && partsUnchanged(parsedParts(listed.parts), file.parts ?? [])) {
    const served = storedSummary(listed, st, file.projectId, summaryKey, opts.nowMs);
    if (served) return { summary: served };
    const previous = parseState(rows.row(file.path)?.state ?? '');
    if (previous) return { summary: summarise(previous, file.path, false, st.mtimeMs, opts) };
  }
  return { previous: undefined, cached: rows.row(file.path), collect: allText };
}

/** Bytes of a session's part files (0 for one that cannot be stat'ed): the work a whole read adds to its main file's. */
export function partsSize(parts: readonly string[]): number {
  let bytes = 0;
  for (const part of parts) {
    try {
      bytes += statSync(part).size;
    } catch {
      // The read reports it (a part that cannot be read costs its usage, never the session).
    }
  }
  return bytes;
}
