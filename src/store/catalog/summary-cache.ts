/**
 * Persisted fold states, so that opening the browser does not re-read every
 * log: an unchanged file is summarised from its stored state after one
 * `stat` and no read, a file that grew is read only from where its state
 * stopped, and a rewritten file (new inode, shrunk, or same size with a new
 * mtime, or other bytes before the stored offset) is read again in full.
 * The states live in the home's catalog database (catalog-db.ts), one row
 * per file; any problem with it just means a cold read.
 */
import { dirname, resolve } from 'node:path';
import { statSync, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { bytesBefore, bytesBeforeSync } from '../scan/check-hash.js';
import { readSummaries, type ScanProgress, type SummaryJob } from '../scan/scan-pool.js';
import type { SessionFile } from '../sources/format.js';
import { readSummary, summarise, SUMMARY_STATE_VERSION, type ReadSummaryOptions, type SummaryState } from '../scan/summary-reader.js';
import type { SessionSummary } from '../types.js';
import { CatalogDb, type FileRow } from './catalog-db.js';
import { catalogPath, pruneCatalogs } from './catalog-files.js';

export { UNOWNED_CACHE_MAX_AGE_MS, pruneCatalogs } from './catalog-files.js';

/**
 * Rows waiting for {@link SummaryCache.save} are written early, in a
 * transaction of their own, once this many wait: a cold scan of 100,000
 * files then holds a few MB of states, not all of them, and the WAL stays small.
 */
const FLUSH_ROWS = 512;

export class SummaryCache {
  /** undefined until first used; null when there is no usable database. */
  private db: CatalogDb | null | undefined;
  private readonly pending = new Map<string, FileRow>();
  private readonly deleted = new Set<string>();
  private pruned = false;

  /**
   * `path` (the catalog database file) null = a cache that remembers
   * nothing (disabled). `home` is recorded in the database so
   * {@link pruneCatalogs} can tell when it is gone.
   */
  constructor(
    readonly path: string | null,
    readonly home: string | null = null,
  ) {}

  /** The cache of a home, in its catalog database; $SESSION_BROWSER_CACHE=0 disables it. */
  static forHome(home: string, env: NodeJS.ProcessEnv = process.env): SummaryCache {
    if (env.SESSION_BROWSER_CACHE === '0') return new SummaryCache(null);
    return new SummaryCache(catalogPath(home, env), resolve(home));
  }

  private database(): CatalogDb | null {
    if (this.db === undefined) this.db = this.path ? CatalogDb.open(this.path, this.home) : null;
    return this.db;
  }

  /** The remembered row of a file: one not yet written wins over the database's. */
  private row(path: string): FileRow | undefined {
    return this.pending.get(path) ?? (this.deleted.has(path) ? undefined : this.database()?.get(path));
  }

  /**
   * Summary of one file, from the stored state where the file allows it.
   * Throws what `stat` or the read throws (a vanished or unreadable file).
   */
  async summary(file: SessionFile, opts: ReadSummaryOptions): Promise<SessionSummary | null> {
    const st = await stat(file.path);
    const cached = this.row(file.path);
    let previous = cached && reusable(cached, st, file.projectId) ? parseState(cached.state) : undefined;
    if (previous && st.size < previous.offset) previous = undefined; // cut below what was consumed
    if (previous && cached && st.size === cached.size && st.mtimeMs === cached.mtimeMs) {
      // Untouched: finish from the state; only a tail without its newline is read again.
      if (st.size === previous.offset) return summarise(previous, file.path, false, st.mtimeMs, opts);
    } else if (previous && cached && (await bytesBefore(file.path, previous.offset)) !== cached.check) {
      previous = undefined; // same inode but rewritten: read it all again
    }
    const result = await readSummary(file.path, opts, previous);
    const unchanged = previous !== undefined && cached?.size === result.size && cached.mtimeMs === result.mtimeMs && previous.offset === result.state.offset;
    if (this.database() && !unchanged) {
      this.put({
        path: file.path,
        projectId: file.projectId,
        sessionId: file.id,
        ino: st.ino,
        size: result.size,
        mtimeMs: result.mtimeMs,
        check: await bytesBefore(file.path, result.state.offset),
        state: JSON.stringify(result.state),
        updatedAt: result.summary.updatedAt,
        empty: result.summary.empty,
        summary: listJson(result.summary),
      });
    }
    return result.summary;
  }

  /**
   * Summaries of many files at once, for a full scan: each file is `stat`ed
   * (synchronously), an unchanged one is finished from its stored state,
   * and the rest go to the scan pool (worker threads when the job is big,
   * scan/scan-pool.ts); rows are written here, on the main thread, as
   * results arrive. `onProgress` counts the files that had to be read and
   * their bytes. A file that cannot be `stat`ed or read is in `unreadable`
   * with the message; nothing throws for one file.
   */
  async summaries(
    files: readonly SessionFile[],
    optsFor: (file: SessionFile) => ReadSummaryOptions,
    onProgress?: (progress: ScanProgress) => void,
  ): Promise<{ summaries: SessionSummary[]; unreadable: { path: string; error: string }[] }> {
    const summaries: SessionSummary[] = [];
    const unreadable: { path: string; error: string }[] = [];
    const jobs: (SummaryJob & { file: SessionFile; ino: number; cached?: FileRow })[] = [];
    for (const file of files) {
      let st: Stats;
      try {
        st = statSync(file.path);
      } catch (err) {
        unreadable.push({ path: file.path, error: (err as Error).message });
        continue;
      }
      const opts = optsFor(file);
      const cached = this.row(file.path);
      let previous = cached && reusable(cached, st, file.projectId) ? parseState(cached.state) : undefined;
      if (previous && st.size < previous.offset) previous = undefined;
      try {
        if (previous && cached && st.size === cached.size && st.mtimeMs === cached.mtimeMs) {
          if (st.size === previous.offset) {
            summaries.push(summarise(previous, file.path, false, st.mtimeMs, opts));
            continue;
          }
        } else if (previous && cached && bytesBeforeSync(file.path, previous.offset) !== cached.check) previous = undefined;
      } catch (err) {
        unreadable.push({ path: file.path, error: (err as Error).message });
        continue;
      }
      jobs.push({ path: file.path, opts, previous, size: st.size, file, ino: st.ino, cached });
    }
    const byPath = new Map(jobs.map((j) => [j.path, j]));
    await readSummaries(
      jobs,
      (outcome) => {
        const job = byPath.get(outcome.path)!;
        if (!outcome.result) return void unreadable.push({ path: outcome.path, error: outcome.error ?? 'unreadable' });
        const { result } = outcome;
        summaries.push(result.summary);
        const { cached, previous } = job;
        const unchanged = previous !== undefined && cached?.size === result.size && cached.mtimeMs === result.mtimeMs && previous.offset === result.state.offset;
        if (this.database() && !unchanged) {
          this.put({
            path: job.path,
            projectId: job.file.projectId,
            sessionId: job.file.id,
            ino: job.ino,
            size: result.size,
            mtimeMs: result.mtimeMs,
            check: result.check,
            state: JSON.stringify(result.state),
            updatedAt: result.summary.updatedAt,
            empty: result.summary.empty,
            summary: listJson(result.summary),
          });
        }
      },
      { onProgress },
    );
    return { summaries, unreadable };
  }

  private put(row: FileRow): void {
    this.pending.set(row.path, row);
    this.deleted.delete(row.path);
    if (this.pending.size >= FLUSH_ROWS) this.flush();
  }

  /** Writes what waits, in one transaction; a failed write is dropped (the next run reads those files again). */
  private flush(): boolean {
    const db = this.database();
    if (!db || (this.pending.size === 0 && this.deleted.size === 0)) return false;
    const wrote = db.write(this.pending.values(), this.deleted);
    this.pending.clear();
    this.deleted.clear();
    return wrote;
  }

  /** Forgets the files of the given projects (null = all) that are not in `present`. */
  forgetMissing(projectIds: readonly string[] | null, present: ReadonlySet<string>): void {
    const inScope = (row: FileRow): boolean => projectIds === null || projectIds.includes(row.projectId);
    for (const [path, row] of this.pending) if (inScope(row) && !present.has(path)) this.pending.delete(path);
    for (const path of this.database()?.paths(projectIds) ?? []) if (!present.has(path)) this.deleted.add(path);
  }

  /**
   * Writes the changed rows in one transaction and, after the first write
   * of this instance, prunes the catalogs of vanished homes. Never throws:
   * a read-only cache folder costs speed, never correctness.
   */
  save(): void {
    const db = this.database();
    if (!db) return;
    const wrote = this.flush();
    if ((wrote || db.created) && !this.pruned) {
      this.pruned = true;
      pruneCatalogs(dirname(db.path), { keep: db.path });
    }
  }

  /**
   * Closes the database without saving (call {@link save} first); the
   * instance then persists nothing more. A process may also just exit:
   * committed rows are durable either way.
   */
  close(): void {
    this.db?.close();
    this.db = null;
    this.pending.clear();
    this.deleted.clear();
  }
}

/** The summary as the list shows it, as JSON: everything but the search text (the full-text index's job). */
function listJson(summary: SessionSummary): string {
  const { searchText: _searchText, ...rest } = summary;
  return JSON.stringify(rest);
}

function parseState(text: string): SummaryState | undefined {
  try {
    const state = JSON.parse(text) as SummaryState;
    return state?.v === SUMMARY_STATE_VERSION ? state : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A state can be continued when the file is the same inode, was not cut
 * below what the state consumed, and either grew (appended) or kept both
 * its size and its mtime (untouched). (The offset is checked once the state is parsed.)
 */
function reusable(row: FileRow, st: { ino: number; size: number; mtimeMs: number }, projectId: string): boolean {
  if (row.ino !== st.ino || row.projectId !== projectId) return false;
  return st.size > row.size || (st.size === row.size && st.mtimeMs === row.mtimeMs);
}
