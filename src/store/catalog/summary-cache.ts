/**
 * Persisted fold states, so that opening the browser does not re-read every
 * log: an unchanged file is summarised from its stored state after one
 * `stat` and no read, a file that grew is read only from where its state
 * stopped, and a rewritten file (new inode, shrunk, or same size with a new
 * mtime, or other bytes before the stored offset) is read again in full.
 * The states live in the home's catalog database (catalog-db.ts), one row
 * per file; any problem with it just means a cold read. Each read pass's
 * text goes to the full-text index in the same transaction as the file's
 * row. With no database file (disabled, or its folder not writable) the
 * catalog lives in memory for the process, so search works the same.
 */
import { dirname, resolve } from 'node:path';
import { statSync, type Stats } from 'node:fs';
import { partsSize, planRead, planWholeRead, type PlanRows, type ReadPlan } from './read-plan.js';
import type { SessionFile } from '../sources/format.js';
import { isWholeRead, readSummary, type ReadSummaryOptions } from '../scan/summary-reader.js';
import { summaryAt } from '../scan/summary-clock.js';
import { bytesBeforeSync } from '../scan/check-hash.js';
import { keptCopies } from '../scan/call-keys.js';
import { packState, type PackedSummary } from '../scan/packed-state.js';
import type { KeptCopy } from '../scan/summarize.js';
import { JobFeed, readPackedSummaries, readPackedSummariesFed, type CheckedSummary, type PackedOutcome, type ScanProgress, type StartedWorkers, type SummaryJob } from '../scan/scan-pool.js';
import type { SessionSummary } from '../types.js';
import { byRecency } from '../recency.js';
import { CatalogDb, MEMORY_CATALOG, type FileRow, type ListedRow } from './catalog-db.js';
import { mergeTextWrites, metaText, pendingMetaText, type FullTextIndex, type TextWrite } from './text-columns.js';
import { catalogPath, pruneCatalogs } from './catalog-files.js';
import { parsedSummary, parseState, parseSummary, rememberParsed, settledRow } from './stored-rows.js';
import { HeldTexts, TEXT_SLICE_CHARS, textChars } from './held-texts.js';
import { TextPause } from './text-pause.js';
import type { ListedPageQuery, StoredPage } from './stored-page.js';
import { readBits } from '../exposure.js';

export { UNOWNED_CACHE_MAX_AGE_MS, pruneCatalogs } from './catalog-files.js';

/**
 * Rows waiting for {@link SummaryCache.save} are written early, in a
 * transaction of their own, once this many wait: a cold scan of 100,000
 * files then holds a few MB of states, not all of them, and the WAL stays
 * small. Few enough that the write left when the scan pool ends (the
 * caller waits for it) is short: at 512 it held up to a second of a cold
 * scan's rows, 40-150 ms of a 1 GB Claude home's `usage`, now ~40 ms; the
 * writes before it overlap the workers' reads.
 */
const FLUSH_ROWS = 128;
/**
 * ... and rows waiting this long (since the last write, or since this
 * instance was made) are written whatever their number, in ms: a browser
 * started cold shows the catalog's sessions while the scan writes them, so
 * its first rows and the list it fills in must not wait for 128 files.
 */
const FLUSH_EVERY_MS = 1000;
/**
 * ... and the first rows of an instance are written once this many wait: a
 * browser started cold shows its first sessions from them (it waited for
 * FLUSH_EVERY_MS, over a second into a cold scan of 10,000 sessions).
 */
const FIRST_FLUSH_ROWS = 16;
/**
 * ... or once their text holds this many characters: indexing runs on the
 * main thread (one SQLite writer), and a browser indexing in the background
 * must get a turn every few tens of ms, not wait on one 14 MB transaction
 * (a single row's bigger text is written in slices: held-texts.ts).
 */
const FLUSH_TEXT_CHARS = TEXT_SLICE_CHARS;
/** Files checked between two turns of the event loop in {@link SummaryCache.summaries} (a check is a stat and a lookup: ~10 µs). */
const YIELD_EVERY = 512;

/** Stand-in documents of {@link SummaryCache.writePendingMeta} per transaction (~60-80 µs each with its summary parsed: ~10 ms a slice). */
const META_SLICE_ROWS = 128;

/** Rows of {@link SummaryCache.storedInTurns} between two turns of the event loop (~2,000 summaries parse in ~40 ms). */
const STORED_SLICE_ROWS = 2000;

/** Adds the stored summary of `row` to `out`, brought to `nowMs`, when it was computed with `summaryKey` and parses. */
function storedOne(row: ListedRow, summaryKey: string, nowMs: number, out: SessionSummary[]): void {
  if (row.summaryKey !== summaryKey) return;
  const summary = parsedSummary(row);
  if (summary) out.push(summaryAt(summary, row.mtimeMs, nowMs));
}

/** How one {@link SummaryCache.summaries} pass runs. */
export interface SummariesRun {
  /** Hears of files checked and bytes read (of those that changed). */
  onProgress?: (progress: { files: number; bytes: number; totalBytes: number }) => void;
  /** Answer before big texts are in the full-text index (see {@link SummaryCache.save}); default false: the caller may search next. */
  textLater?: boolean;
  /** A file read from its start without its text gets no stand-in document now: {@link SummaryCache.writePendingMeta} writes it (catalog.ts SummariesOptions.metaLater). */
  metaLater?: boolean;
  /** Scan workers started ahead ({@link SummaryCache.firstScan}), handed to the pool, which takes or ends them. */
  started?: StartedWorkers | null;
  /**
   * Stops the reads once aborted (scan-pool.ts ScanPoolOptions.signal):
   * files not read by then are left as they were, and the pass answers
   * with those it read.
   */
  signal?: AbortSignal;
}

export class SummaryCache {
  /** undefined until first used; null when there is no usable database. */
  private db: CatalogDb | null | undefined;
  private readonly pending = new Map<string, FileRow>();
  private readonly deleted = new Set<string>();
  /** The pause of background text indexing (text-pause.ts): SessionCatalog.indexText and the slices below wait for it. */
  readonly textPause = new TextPause();
  /** The rows a read plan is made from (read-plan.ts). */
  private readonly rows: PlanRows = {
    listedRow: (path) => this.listedRow(path),
    row: (path) => this.row(path),
    put: (row) => this.put(row),
  };
  /** Rows whose text is written slice by slice before them (held-texts.ts). */
  private readonly held = new HeldTexts(
    (path, projectId, slice) => this.database()?.writeText(path, projectId, slice) ?? false,
    (row) => this.put(row),
    // Rows released by a run nobody waits for (a refresh that left its text to be written after it): commit them.
    () => void this.flush(),
    this.textPause,
  );
  /** Characters of text in the rows of {@link pending}. */
  private pendingChars = 0;
  /** Rows read in bulk by {@link prefetch}, without their states: the warm path's one query. */
  private listedRows = new Map<string, ListedRow>();
  /** The projects {@link listedRows} were read for (scopeKey), null before the first read. */
  private listedScope: string | null = null;
  private pruned = false;
  /** When rows were last written (or this instance was made), in ms since the epoch. */
  private flushedAt = Date.now();
  /** Writes of pending rows so far (the first comes sooner: FIRST_FLUSH_ROWS). */
  private flushes = 0;
  /** {@link firstScan} answers true at most once per instance. */
  private firstAsked = false;
  /**
   * True while the database cannot hold a row of a file: this open created
   * it, it held no row when {@link firstScan} looked, and nothing was
   * written since. {@link row} then asks it nothing (a first scan of a
   * 1 GB Claude home asked it twice a file: ~40 ms before the first job).
   */
  private emptyDb = false;
  /** Bytes of logs read by this instance (changed files only), for progress reports. */
  bytesRead = 0;
  /**
   * Files this instance stat'ed that group or others may read: path →
   * exposure.ts readBits. Kept from the check every listing makes anyway,
   * so the warning about a store others can read needs no stat of its own
   * per file (exposureOfChecked). Empty for a private store.
   */
  private readonly readable = new Map<string, number>();

  /**
   * `path` (the catalog database file) null = a cache that persists
   * nothing (disabled): an in-memory catalog. `home` is recorded in the database so
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
    if (this.db === undefined) {
      this.db = (this.path && CatalogDb.open(this.path, this.home)) || CatalogDb.open(MEMORY_CATALOG, this.home);
    }
    return this.db;
  }

  /**
   * The full-text index of the catalog (search/), or null when SQLite is
   * not available at all (the addon missing). Call {@link save} first so
   * it holds every summary read.
   */
  textIndex(): FullTextIndex | null {
    const db = this.database();
    return db?.usable ? db.text : null;
  }

  /**
   * Writes the stand-in document (text-columns.ts pendingMetaText, from the
   * stored summary) of every file of the given projects (null: all) that
   * waits for its text and has none in the full-text index (read with
   * {@link SummariesRun.metaLater}), a slice per transaction with a turn of
   * the event loop between slices; a file another run indexed meanwhile is
   * left as it is. Resolves to the number of stand-ins written.
   */
  async writePendingMeta(projectIds: readonly string[] | null): Promise<number> {
    this.flush();
    const db = this.database();
    if (!db) return 0;
    const ids = db.metaPending(projectIds);
    let wrote = 0;
    for (let i = 0; i < ids.length; i += META_SLICE_ROWS) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      const n = db.writeMetaDocs(ids.slice(i, i + META_SLICE_ROWS), (json) => {
        const summary = parseSummary(json);
        return summary ? pendingMetaText(summary) : null;
      });
      if (n < 0) break;
      wrote += n;
    }
    return wrote;
  }

  /** Paths of the given projects (null = all) whose text the full-text index does not hold yet (written rows and those waiting). */
  pendingText(projectIds: readonly string[] | null): Set<string> {
    const out = this.database()?.pendingText(projectIds) ?? new Set<string>();
    for (const row of [...this.held.all(), ...this.pending.values()]) {
      if (projectIds !== null && !projectIds.includes(row.projectId)) continue;
      if (row.textDone) out.delete(row.path);
      else out.add(row.path);
    }
    for (const path of this.deleted) out.delete(path);
    return out;
  }

  /**
   * Resolves once every big text held back ({@link save} `textLater`) is in
   * the full-text index and its row committed: true when some was held at
   * the call (a search run before may have missed it), false when none was.
   */
  async textSettled(): Promise<boolean> {
    const held = this.held.all().length > 0;
    await this.held.drained();
    return held;
  }

  /** The remembered listing row of a file (no fold state; no query): one not yet written wins over the prefetched one. */
  private listedRow(path: string): ListedRow | undefined {
    return this.held.get(path) ?? this.pending.get(path) ?? (this.deleted.has(path) ? undefined : this.listedRows.get(path));
  }

  /** The remembered row of a file: one not yet written wins over the database's. */
  private row(path: string): FileRow | undefined {
    return this.held.get(path) ?? this.pending.get(path) ?? (this.deleted.has(path) || this.emptyDb ? undefined : this.database()?.get(path));
  }

  /**
   * True when a listing of the given projects (null = all) is about to
   * read every file it finds: the catalog was created by this open and
   * holds no row of them (a first, cold scan). Asked before the files are
   * found, so the scan pool's workers can start meanwhile
   * (scan-pool.ts prestartScanWorkers). True at most once per instance: a
   * home with no sessions keeps its catalog empty, and a browser lists it
   * again and again. Reads the rows as {@link prefetch} does.
   */
  firstScan(projectIds: readonly string[] | null): boolean {
    if (this.firstAsked) return false;
    this.firstAsked = true;
    if (!this.database()?.created || this.pending.size > 0 || this.held.all().length > 0) return false;
    this.prefetch(projectIds);
    if (this.listedRows.size > 0) return false;
    // Created by this open: it holds no row of any project (another process writing meanwhile only costs reads).
    this.emptyDb = true;
    return true;
  }

  /**
   * Reads the rows of the given projects (null = all) in one query, so
   * that {@link summary} of an unchanged file needs no query of its own.
   */
  prefetch(projectIds: readonly string[] | null): void {
    // The browser's first frame (stored) read these rows a moment ago: rows this instance wrote since are in listedRows too.
    if (this.listedScope === scopeKey(projectIds)) return;
    // The check that follows serves nearly every row: each summary is parsed as it is read, so the rows'
    // texts (~1.6 KB each) are never all held at once beside their summaries (100,000: ~200 MB less at the peak).
    this.loadListed(projectIds, true);
  }

  /** Reads the listing's rows of the given projects into {@link listedRows}; `parse`: each row's summary parsed at once. */
  private loadListed(projectIds: readonly string[] | null, parse = false): void {
    this.listedRows = new Map();
    for (const row of this.database()?.listed(projectIds) ?? []) {
      const slim = settledRow(row);
      if (parse) parsedSummary(slim);
      this.listedRows.set(row.path, slim);
    }
    this.listedScope = scopeKey(projectIds);
  }

  /**
   * The summaries the catalog holds for the given projects (null = all),
   * newest first, brought to `nowMs` (summary-clock.ts), without touching
   * any log: what the browser paints first. Rows whose figures were
   * computed with another `summaryKey` (other prices) are left out, as are
   * rows that fail to parse. Empty when there is no database.
   */
  stored(projectIds: readonly string[] | null, summaryKey: string, nowMs: number): SessionSummary[] {
    // Kept for the check that follows (prefetch): its unchanged files then need no query and no second parse.
    this.loadListed(projectIds);
    const out: SessionSummary[] = [];
    for (const row of this.listedRows.values()) storedOne(row, summaryKey, nowMs, out);
    // The rows come in the table's order (catalog-db.ts listed): newest first here, as every listing.
    return out.sort(byRecency);
  }

  /**
   * {@link stored}, giving the event loop a turn every few thousand rows
   * while their summaries are parsed (about two seconds of parsing at
   * 100,000 sessions): a browser showing the first page meanwhile keeps
   * answering keys.
   */
  async storedInTurns(projectIds: readonly string[] | null, summaryKey: string, nowMs: number): Promise<SessionSummary[]> {
    // Each row's summary parsed as it is read (its text let go: stored-rows.ts settledRow), so only a slice
    // of texts is alive at once; the database is read a slice at a time (catalog-db.ts listed).
    // Kept for the check that follows (prefetch): its unchanged files then need no query and no second parse.
    const rows = (this.listedRows = new Map<string, ListedRow>());
    this.listedScope = scopeKey(projectIds);
    const out: SessionSummary[] = [];
    const seen = new Set<string>();
    let n = 0;
    for (const row of this.database()?.listed(projectIds) ?? []) {
      if (++n % STORED_SLICE_ROWS === 0) await new Promise((resolve) => setImmediate(resolve));
      // A path met twice (another process re-added its row meanwhile: a new rowid) is listed once.
      if (seen.has(row.path)) continue;
      seen.add(row.path);
      // A row written during a turn (put) is newer than the database's, which the write may not have reached.
      const kept = rows.get(row.path);
      const use = kept ?? settledRow(row);
      if (!kept) rows.set(use.path, use);
      storedOne(use, summaryKey, nowMs, out);
    }
    return out.sort(byRecency);
  }

  /**
   * The top of the browser's list of the given projects (null = all,
   * grouped by project) from one SQL query, and the counts of the whole
   * scope (listed-page.ts): the first frame at any number of sessions.
   * Rows of another `summaryKey` and rows that fail to parse are left out,
   * as {@link stored} does. null when the catalog cannot be read (empty when it holds nothing yet).
   */
  storedPage(query: Omit<ListedPageQuery, 'summaryKey'>, summaryKey: string, nowMs: number): StoredPage | null {
    const page = this.database()?.page({ ...query, summaryKey });
    if (!page) return null;
    const sessions: SessionSummary[] = [];
    for (const row of page.rows) storedOne(row, summaryKey, nowMs, sessions);
    return { sessions, total: page.total, projectCounts: page.projectCounts };
  }

  /**
   * Summary of one file, from the catalog where the file allows it: an
   * unchanged file (same inode, size and mtime) costs one `stat` and its
   * stored summary (when it was computed with `summaryKey`; else it is
   * finished again from its stored state); a grown one is read from its
   * state's offset. Throws what `stat` or the read throws (a vanished or
   * unreadable file).
   */
  async summary(file: SessionFile, opts: ReadSummaryOptions, summaryKey = ''): Promise<SessionSummary | null> {
    // Synchronous: one stat is a few µs, and its promise costs more than the call on a warm start.
    const st = statSync(file.path);
    this.noteMode(file.path, st.mode);
    // A session of several files (or one JSON document) is checked by all its files' sizes and mtimes.
    if (isWholeRead(file.path, opts.file)) return this.wholeSummary(file, opts, st, summaryKey);
    const plan = planRead(this.rows, file, st, opts, summaryKey);
    if ('summary' in plan) return plan.summary;
    const result = await readSummary(file.path, { ...opts, collectText: plan.collect }, plan.previous);
    return this.store(file, st.ino, plan, summaryKey, { ...result, check: bytesBeforeSync(file.path, result.state.offset) });
  }

  /**
   * Summaries of many files (a listing): each file is stat'ed, unchanged
   * ones are served from the catalog, and the rest are read by the scan pool
   * (worker threads for a big cold scan, store/scan/scan-pool.ts), their
   * rows written here as results arrive. Files that cannot be read are
   * returned in `unreadable`, never thrown. `files` may come in chunks as
   * they are found (a first scan's folders): the pool then reads the first
   * while the rest are found. How the pass runs (progress, text left for
   * later, workers started ahead): {@link SummariesRun}.
   */
  async summaries(
    files: readonly SessionFile[] | AsyncIterable<readonly SessionFile[]>,
    optsFor: (file: SessionFile) => ReadSummaryOptions,
    summaryKey: string,
    opts: SummariesRun = {},
  ): Promise<{ summaries: SessionSummary[]; unreadable: { path: string; error: string }[] }> {
    const { onProgress, textLater = false, metaLater = false, started, signal } = opts;
    const summaries: SessionSummary[] = [];
    const unreadable: { path: string; error: string }[] = [];
    const byPath = new Map<string, CacheJob>();
    let served = 0;
    let checked = 0;
    /** Checks `chunk`'s files: those served go to `summaries` (or `unreadable`), the rest come back as jobs. */
    const check = async (chunk: readonly SessionFile[]): Promise<CacheJob[]> => {
      const jobs: CacheJob[] = [];
      for (const file of chunk) {
        // The browser's keys and frames get a turn now and then while thousands of files are checked.
        if (checked++ % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
        const job = this.checkOne(file, optsFor, summaryKey, summaries, unreadable);
        if (job) {
          jobs.push(job);
          byPath.set(job.path, job);
        } else served++;
      }
      return jobs;
    };
    const onResult = (outcome: PackedOutcome): void => {
      const job = byPath.get(outcome.path)!;
      if (!outcome.result) return void unreadable.push({ path: outcome.path, error: outcome.error ?? 'unreadable' });
      summaries.push(this.store(job.file, job.ino, job.plan, summaryKey, outcome.result, metaLater));
    };
    const poolOpts = { onProgress: onProgress && ((p: ScanProgress) => onProgress({ files: served + p.files, bytes: p.bytes, totalBytes: p.totalBytes })), started, signal };
    if (Symbol.asyncIterator in files) {
      // Files arrive folder by folder (a first scan): the pool reads the first while the rest are found.
      const feed = new JobFeed();
      const reading = readPackedSummariesFed(feed, onResult, poolOpts);
      try {
        for await (const chunk of files) feed.add(await check(chunk));
      } finally {
        feed.end();
        await reading;
      }
    } else await readPackedSummaries(await check(files), onResult, poolOpts);
    // Big texts still being written slice by slice: the caller may search next (unless it said it will not).
    if (!textLater) await this.held.drained();
    return { summaries, unreadable };
  }

  /**
   * One file of a listing: its summary pushed to `summaries` when the
   * catalog serves it (or its error to `unreadable`), else the job that
   * reads it.
   */
  private checkOne(
    file: SessionFile,
    optsFor: (file: SessionFile) => ReadSummaryOptions,
    summaryKey: string,
    summaries: SessionSummary[],
    unreadable: { path: string; error: string }[],
  ): CacheJob | null {
    try {
      const st = statSync(file.path);
      this.noteMode(file.path, st.mode);
      const opts = optsFor(file);
      // A session read whole goes to the pool like any other (Claude's subagent files make most of a Claude home such sessions).
      const whole = isWholeRead(file.path, opts.file);
      const plan = whole ? planWholeRead(this.rows, file, opts, st, summaryKey) : planRead(this.rows, file, st, opts, summaryKey);
      if (!('summary' in plan)) {
        const size = whole ? st.size + partsSize(file.parts ?? []) : st.size;
        return { path: file.path, opts: { ...opts, collectText: plan.collect }, previous: plan.previous, size, file, ino: st.ino, plan };
      }
      summaries.push(plan.summary);
    } catch (err) {
      unreadable.push({ path: file.path, error: (err as Error).message });
    }
    return null;
  }

  /** Writes the row of a file just read (unless nothing changed) and returns its summary; `metaLater`: see {@link SummariesRun}. */
  private store(file: SessionFile, ino: number, plan: ReadPlan, summaryKey: string, result: CheckedSummary | PackedSummary, metaLater = false): SessionSummary {
    const { previous, cached, collect } = plan;
    this.bytesRead += result.size - (previous?.offset ?? 0);
    const offset = 'packed' in result ? result.packed.offset : result.state.offset;
    const unchanged =
      previous !== undefined && cached?.size === result.size && cached.mtimeMs === result.mtimeMs && previous.offset === offset && cached.summaryKey === summaryKey;
    if (this.database() && !unchanged) {
      // Packed by the scan worker, or here for a file read in this thread (and only when its row is written).
      const packed = 'packed' in result ? result.packed : packState(result.state, previous);
      // Read without its text: what the index held of a file read again from its start is stale; its title,
      // id, workspace, model and prompts stand in (one small document) until the text is indexed, written
      // now or, `metaLater`, by writePendingMeta.
      const texts: TextWrite | 'forget' | undefined = collect
        ? { fresh: previous === undefined, meta: metaText(result.summary), chunks: result.texts }
        : previous === undefined
          ? metaLater
            ? 'forget'
            : { fresh: true, meta: pendingMetaText(result.summary), chunks: [] }
          : undefined;
      const row: FileRow = {
        path: file.path,
        projectId: file.projectId,
        sessionId: file.id,
        ino,
        size: result.size,
        mtimeMs: result.mtimeMs,
        // A session read whole (its state records its parts: `g`) is never continued from an offset: no check hash.
        check: packed.whole ? '' : result.check,
        state: packed.json,
        parts: packed.parts,
        updatedAt: result.summary.updatedAt,
        empty: result.summary.empty,
        summary: JSON.stringify(result.summary),
        summaryKey,
        textDone: collect && (previous === undefined || cached?.textDone === true),
        texts,
        // The calls index gets the keys this pass added (all of them when read from the start).
        calls: { replace: previous === undefined, hashes: packed.callHashes },
      };
      rememberParsed(row, result.summary);
      this.put(row);
    }
    return result.summary;
  }

  /**
   * A session read whole (several files, or one JSON document: see
   * isWholeRead): its stored state is reused when the main file and every
   * part still have the size and mtime they had, else the session is read
   * again in full. Never continued from an offset.
   */
  private async wholeSummary(file: SessionFile, opts: ReadSummaryOptions, st: Stats, summaryKey: string): Promise<SessionSummary> {
    const plan = planWholeRead(this.rows, file, opts, st, summaryKey);
    if ('summary' in plan) return plan.summary;
    const result = await readSummary(file.path, { ...opts, collectText: plan.collect }, undefined);
    return this.store(file, st.ino, plan, summaryKey, { ...result, check: '' });
  }

  private noteMode(path: string, mode: number): void {
    const bits = readBits(mode);
    if (bits) this.readable.set(path, bits);
    else this.readable.delete(path);
  }

  /** The files stat'ed so far that group or others may read (path → exposure.ts readBits); see exposureOfChecked. */
  readableFiles(): ReadonlyMap<string, number> {
    return this.readable;
  }

  private put(row: FileRow): void {
    // A row of a file whose big text is still being written goes after it.
    this.held.finishNow(row.path);
    if (textChars(row) > TEXT_SLICE_CHARS && !this.pending.has(row.path) && row.texts && row.texts !== 'forget') {
      this.held.hold({ ...row, texts: row.texts });
      this.listedRows.set(row.path, row);
      this.deleted.delete(row.path);
      return;
    }
    const waiting = this.pending.get(row.path)?.texts;
    if (waiting && row.texts) row.texts = mergeTextWrites(waiting, row.texts);
    this.pending.set(row.path, row);
    this.listedRows.set(row.path, row);
    this.deleted.delete(row.path);
    if (row.texts && row.texts !== 'forget') for (const chunk of row.texts.chunks) this.pendingChars += chunk.length;
    const rows = this.flushes === 0 ? FIRST_FLUSH_ROWS : FLUSH_ROWS;
    if (this.pending.size >= rows || this.pendingChars >= FLUSH_TEXT_CHARS || Date.now() - this.flushedAt >= FLUSH_EVERY_MS) this.flush();
  }

  /** Writes what waits, in one transaction; a failed write is dropped (the next run reads those files again). */
  private flush(): boolean {
    const db = this.database();
    if (!db || (this.pending.size === 0 && this.deleted.size === 0)) return false;
    this.emptyDb = false;
    const wrote = db.write(this.pending.values(), this.deleted);
    // Written (or dropped by a failed write): the listing keeps only the row's listing part, not its fold state
    // and texts (a cold scan of 100,000 files kept every state, ~5 KB each, until the process ended).
    for (const row of this.pending.values()) if (this.listedRows.get(row.path) === row) this.listedRows.set(row.path, settledRow(row));
    this.flushedAt = Date.now();
    this.flushes++;
    this.pending.clear();
    this.deleted.clear();
    this.pendingChars = 0;
    return wrote;
  }

  /**
   * The keyed calls that count once across files (ADAPTERS.md) and that the
   * folds of two or more of `paths` kept, per path: key hash (16 hex digits)
   * → the copy that file's fold kept (bucket, tokens, calls). Writes what
   * waits first. Reads the catalog's calls index (calls-index.ts), then the fold state of
   * each file that shares a call (only those): with no fork or copied
   * history in scope, one read of the index and one pass over it, nothing else. Empty without a
   * database.
   */
  sharedCopies(paths: ReadonlySet<string>): Map<string, Map<string, KeptCopy>> {
    this.flush();
    const db = this.database();
    const holders = new Map<string, string[]>();
    for (const { path, hash } of db?.sharedCalls() ?? []) {
      if (!paths.has(path)) continue;
      const seen = holders.get(hash);
      if (seen) seen.push(path);
      else holders.set(hash, [path]);
    }
    const wanted = new Map<string, Set<string>>();
    for (const [hash, of] of holders) {
      if (of.length < 2) continue;
      for (const path of of) {
        let set = wanted.get(path);
        if (!set) wanted.set(path, (set = new Set()));
        set.add(hash);
      }
    }
    const out = new Map<string, Map<string, KeptCopy>>();
    for (const [path, hashes] of wanted) {
      const state = db && parseState(db.get(path)?.state ?? '');
      if (state) out.set(path, keptCopies(state.d, hashes));
    }
    return out;
  }

  /** Forgets the files of the given projects (null = all) that are not in `present`. */
  forgetMissing(projectIds: readonly string[] | null, present: ReadonlySet<string>): void {
    const inScope = (row: FileRow): boolean => projectIds === null || projectIds.includes(row.projectId);
    for (const [path, row] of this.pending) if (inScope(row) && !present.has(path)) this.pending.delete(path);
    for (const row of this.held.all()) if (inScope(row) && !present.has(row.path)) this.held.drop(row.path);
    for (const path of this.database()?.paths(projectIds) ?? []) if (!present.has(path)) this.deleted.add(path);
  }

  /**
   * Writes the changed rows in one transaction and, after the first write
   * of this instance, prunes the catalogs of vanished homes. Never throws:
   * a read-only cache folder costs speed, never correctness.
   * `textLater`: rows whose big text is still being written slice by slice
   * stay held (they are committed when their last slice is, a few turns of
   * the event loop later): the full-text index of 1 MB appended to a session
   * took ~75 ms, three times the read that found it. Else everything held
   * is written now.
   */
  save(opts: { textLater?: boolean } = {}): void {
    const db = this.database();
    if (!db) return;
    if (!opts.textLater) this.held.finishAll();
    const wrote = this.flush();
    if ((wrote || db.created) && !this.pruned && db.path !== MEMORY_CATALOG) {
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
    for (const row of this.held.all()) this.held.drop(row.path);
    this.db?.close();
    this.db = null;
    this.pending.clear();
    this.deleted.clear();
    this.pendingChars = 0;
  }
}

/** A file of a listing for the scan pool, with what storing its result needs. */
type CacheJob = SummaryJob & { file: SessionFile; ino: number; plan: ReadPlan };

/** The key of a listing's scope: the sorted project ids, or every project. */
function scopeKey(projectIds: readonly string[] | null): string {
  return projectIds === null ? '*' : [...projectIds].sort().join(',');
}
