/**
 * The library's entry to reading: lists, summarises and loads the sessions
 * under a home. The CLI and the interactive browser are both clients of it.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { DEFAULT_CACHE_TTL_SEC } from '../sources/fold.js';
import type { SessionFile, SessionLocation, SkippedEntry } from '../sources/format.js';
import { LOCATIONS, locatedProjectIds, scanLocations } from '../sources/registry.js';
import { BUILTIN_PRICES } from '../prices-builtin.js';
import type { PriceTable } from '../pricing.js';
import { assertSessionId, readProjectJson } from '../project.js';
import { resolveIdPrefix, type IdResolution } from './resolve-id.js';
import { SummaryCache } from './summary-cache.js';
import { foundFiles } from './found-files.js';
import { attributeCopies } from './shared-calls.js';
import { prestartScanWorkers, type ScanProgress as FilesProgress, type StartedWorkers } from '../scan/scan-pool.js';
import { endEarlyScanWorkers } from '../scan/early-workers.js';
import type { FullTextIndex } from './text-columns.js';
import type { ReadSummaryOptions, SessionFileInfo } from '../scan/summary-reader.js';
import { loadTranscript } from '../scan/transcript.js';
import { indexTranscript, type TranscriptLive } from '../scan/transcript-index.js';
import { byRecency } from '../recency.js';
import type { StoredPage } from './stored-page.js';
import type { SessionSummary, Transcript, TranscriptView } from '../types.js';

export { byRecency };
export type { StoredPage } from './stored-page.js';

export interface CatalogOptions {
  home: string;
  pricing?: PriceTable;
  /** The clock: "now" for running status and cache warmth. */
  now?: () => number;
  cacheTtlSec?: Record<string, number>;
  maxLineBytes?: number;
  /**
   * How reads feed the full-text index (default `'all'`): see {@link TextPolicy}.
   */
  text?: TextPolicy;
  /** Persisted fold states; without one every file is read in full. */
  cache?: SummaryCache;
  /**
   * Where sessions are found: the native home's layout and, when given,
   * other agents' folders (registry.ts `sourceLocations`). Default: the
   * native formats only.
   */
  locations?: readonly SessionLocation[];
}

/**
 * How a catalog's reads feed the full-text index:
 * - `'all'`: every file read gives its text, and a file whose text the
 *   index does not hold yet is read again for it (what a search needs);
 * - `'appends'`: text is collected only where a read continues a file the
 *   index holds whole (a few new lines); files read from their start are
 *   left for {@link SessionCatalog.indexText} (`list`, `usage`: a cold scan
 *   then costs no indexing, ~40 % of its time);
 * - `'none'`: no text at all (nothing will search and nothing is kept).
 */
export type TextPolicy = 'all' | 'appends' | 'none';

export interface UnreadableFile {
  path: string;
  error: string;
}

export interface SummaryList {
  sessions: SessionSummary[];
  /**
   * Files that could not be read at all (permissions, vanished) and project
   * folders refused because they are symbolic links (sources/native/discover.ts); never fatal.
   */
  unreadable: UnreadableFile[];
}

/**
 * How far a refresh of the catalog has come: files checked of those found,
 * and bytes of those that had to be read (unchanged files cost a stat, no
 * bytes). `elapsedMs` since the refresh started, for a rate and time left.
 */
export interface ScanProgress extends FilesProgress {
  /** Since the refresh started, for a rate and time left. */
  elapsedMs: number;
}

/** Options of {@link SessionCatalog.summaries}. */
export interface SummariesOptions {
  /** Keep empty sessions (format §4 `empty`); default false. */
  includeEmpty?: boolean;
  /** Called as files are checked (at most every 100 files or so), and once at the end. */
  onProgress?(progress: ScanProgress): void;
  /** How this pass feeds the full-text index; default: the catalog's (CatalogOptions.text). */
  text?: TextPolicy;
  /**
   * Tell each session what it holds as copies of calls another of these
   * sessions counts (SessionSummary.copies; ADAPTERS.md counts a keyed
   * call once across files): for usage totals and the cost view. Costs one
   * read of the catalog's calls index and one pass over it (calls-index.ts), plus a read of the fold state of
   * each session that shares a call; default false (a listing shows each
   * session's file as it is).
   */
  sharedCalls?: boolean;
  /**
   * A file read without its text gets no stand-in document in the
   * full-text index now (text-columns.ts pendingMetaText): the next
   * {@link SessionCatalog.indexText} writes those first, before it reads
   * any file. For a command that will not search (`usage`, `list`): the
   * stand-ins were ~110 ms of a cold usage of a 1 GB Claude home (FTS5
   * indexing 1,837 small documents). Default false: a browser searching
   * during its first scan finds sessions by title at once. A browser opened
   * after such a listing finds them once its indexText has written the
   * stand-ins (its first step; the search is run again then).
   */
  metaLater?: boolean;
}


/** A file's birth time in ms; 0 where the file system does not record one, or the file is gone. */
function birthTimeMs(path: string): number {
  try {
    return statSync(path).birthtimeMs;
  } catch {
    return 0;
  }
}

export class SessionCatalog {
  readonly home: string;
  readonly pricing: PriceTable;
  readonly now: () => number;
  private readonly cacheTtlSec: Record<string, number>;
  private readonly maxLineBytes: number | undefined;
  private readonly text: TextPolicy;
  private readonly cache: SummaryCache;
  /**
   * Fingerprint of what a finished summary's figures depend on besides the
   * file (prices, cache TTLs): stored summaries of another key are finished
   * again from their fold states, never served stale.
   */
  private readonly summaryKey: string;
  /** Where sessions are found (CatalogOptions.locations). */
  readonly locations: readonly SessionLocation[];
  /** Project roots the locations reported (project id → real path), for labels. */
  private readonly roots = new Map<string, string>();

  constructor(opts: CatalogOptions) {
    this.locations = opts.locations ?? LOCATIONS;
    this.home = opts.home;
    this.pricing = opts.pricing ?? BUILTIN_PRICES;
    this.now = opts.now ?? Date.now;
    this.cacheTtlSec = { ...DEFAULT_CACHE_TTL_SEC, ...opts.cacheTtlSec };
    this.maxLineBytes = opts.maxLineBytes;
    this.text = opts.text ?? 'all';
    this.cache = opts.cache ?? new SummaryCache(null);
    this.summaryKey = createHash('sha256').update(JSON.stringify([this.pricing, this.cacheTtlSec])).digest('hex').slice(0, 16);
  }

  /** Read options of a file of `projectId` under this catalog's prices, clock and text policy (or `text`). */
  readOptions(projectId: string, text: TextPolicy = this.text): ReadSummaryOptions {
    const opts: ReadSummaryOptions = { projectId, pricing: this.pricing, nowMs: this.now(), cacheTtlSec: this.cacheTtlSec, maxLineBytes: this.maxLineBytes };
    if (text !== 'all') opts.collectText = text === 'appends' ? 'appends' : false;
    return opts;
  }

  /**
   * Read options for one session: the location's knowledge of it (format,
   * parts, title, live status) travels with it for other agents' sessions.
   * Takes a SessionFile or a summary of one.
   */
  optionsFor(file: Pick<SessionFile, 'projectId' | 'id' | 'source' | 'format' | 'parts' | 'title' | 'projectRoot' | 'running'> & { dialect?: string }, text: TextPolicy = this.text): ReadSummaryOptions {
    const opts = this.readOptions(file.projectId, text);
    const source = file.source ?? 'native';
    if (source === 'native') return opts;
    const info: SessionFileInfo = { id: file.id, source, format: file.format ?? file.dialect };
    if (file.parts?.length) info.parts = [...file.parts];
    if ('running' in file && file.running) info.running = true;
    if (file.projectRoot) info.projectRoot = file.projectRoot;
    if (file.title && file.format) info.title = file.title;
    return { ...opts, file: info };
  }

  private async scan(projectIds: string[] | null, found?: (files: readonly SessionFile[]) => void): Promise<{ files: SessionFile[]; skipped: SkippedEntry[] }> {
    const scan = await scanLocations(this.home, projectIds, this.locations, found);
    for (const [id, root] of Object.entries(scan.roots ?? {})) this.roots.set(id, root);
    return scan;
  }

  /**
   * Session files the listings of this catalog stat'ed that group or
   * others may read (path → exposure.ts readBits): exposureOfChecked turns
   * them into the store-exposure warning without a stat per file.
   */
  readableFiles(): ReadonlyMap<string, number> {
    return this.cache.readableFiles();
  }

  projectIds(): Promise<string[]> {
    return locatedProjectIds(this.home, this.locations);
  }

  /**
   * Summaries of the given projects (null = all), newest first. Empty
   * sessions (format §4 `empty`) are dropped unless `includeEmpty`: that is a
   * list filter only, so anything that adds up tokens or cost must pass
   * `includeEmpty: true` (format §2.1: usage and cost count every session).
   */
  async summaries(projectIds: string[] | null, opts: SummariesOptions = {}): Promise<SummaryList> {
    // A first scan reads every file it finds: its workers start now and load while the files are found
    // (~0.45 s of a 1 GB Claude home), not after. The pool takes them or ends them; this ends them on a throw.
    const workers = this.cache.firstScan(projectIds) ? prestartScanWorkers() : null;
    // Workers the CLI's entry started on a guess that this is a first scan: not needed.
    if (!workers) endEarlyScanWorkers();
    try {
      return await this.listing(projectIds, opts, workers);
    } finally {
      workers?.close();
    }
  }

  /** {@link summaries}, with the scan workers started ahead of it (or null). */
  private async listing(projectIds: string[] | null, opts: SummariesOptions, workers: StartedWorkers | null): Promise<SummaryList> {
    const started = Date.now();
    // A first scan (workers started) reads each folder's sessions as soon as they are found: the workers
    // start while this thread still reads the heads of the rest (~0.4 s of a 1 GB Claude home). Not for a
    // caller that watches progress (the browser fills its list from the rows written so far): it gets the
    // rows of the whole home biggest first, as its list-keeping expects (a list filled folder by folder
    // kept its selection on a session of the first folder read).
    const streamed = workers && !opts.onProgress ? foundFiles((found) => this.scan(projectIds, found)) : null;
    const scanned = streamed ? null : await this.scan(projectIds);
    const totalFiles = (): number => scanned?.files.length ?? streamed!.heard();
    this.cache.prefetch(projectIds);
    // Files to read go to the scan pool (worker threads for a big cold scan); rows are written as results arrive.
    // A browser's refresh ('appends') answers before a big appended text is in the index: it lands a few
    // turns later, and the search it may run meanwhile misses only that text. A caller that searches next waits.
    const textLater = opts.text === 'appends';
    const read = await this.cache.summaries(
      scanned?.files ?? streamed!.chunks,
      (file) => this.optionsFor(file, opts.text),
      this.summaryKey,
      {
        onProgress: (p) => opts.onProgress?.({ files: p.files, totalFiles: totalFiles(), bytes: p.bytes, totalBytes: p.totalBytes, elapsedMs: Date.now() - started }),
        textLater,
        metaLater: opts.metaLater === true,
        started: workers,
      },
    );
    const { files, skipped } = scanned ?? (await streamed!.scan);
    const unreadable: UnreadableFile[] = [...skipped, ...read.unreadable];
    this.cache.forgetMissing(projectIds, new Set(files.map((f) => f.path)));
    this.cache.save({ textLater });
    // Copies are decided over every session in scope, empty ones too (they may hold a copied call).
    const all = opts.sharedCalls ? attributeCopies(read.summaries, this.cache.sharedCopies(new Set(read.summaries.map((s) => s.path))), this.pricing, birthTimeMs) : read.summaries;
    const sessions = opts.includeEmpty ? all : all.filter((s) => !s.empty);
    sessions.sort(byRecency);
    return { sessions, unreadable };
  }


  /**
   * Files of the given projects (null = all) whose text the full-text index
   * does not hold yet: read by a pass of policy `'appends'` or `'none'`.
   */
  pendingText(projectIds: string[] | null): number {
    return this.cache.pendingText(projectIds).size;
  }

  /**
   * Brings the full-text index up to date for the given projects (null =
   * all): every file a pass read without its text is read again, whole,
   * with it (the scan pool, as a cold scan; rows are committed in small
   * transactions so a browser stays responsive). Resolves to the number of
   * files read; `onProgress` as for {@link summaries}. Files that vanished
   * or cannot be read are skipped (the next listing reports them). Before
   * any read, files listed without a stand-in document
   * ({@link SummariesOptions.metaLater}) get one, and `onStandIns` hears
   * how many (when any).
   *
   * While indexing is paused ({@link pauseText}) it waits; a pause that
   * comes during a read stops it (what it read is dropped, see
   * text-pause.ts), and once the pause is released the files still
   * waiting for their text are read again: it resolves when they are in.
   */
  async indexText(projectIds: string[] | null, opts: { onProgress?(progress: ScanProgress): void; onStandIns?(count: number): void } = {}): Promise<number> {
    let read = 0;
    for (;;) {
      await this.cache.textPause.resumed();
      // Files listed without a stand-in document (SummariesOptions.metaLater): found by title from now on,
      // which a search shown meanwhile hears (onStandIns) before the files are read.
      const standIns = await this.cache.writePendingMeta(projectIds);
      if (standIns > 0) opts.onStandIns?.(standIns);
      const pending = this.cache.pendingText(projectIds);
      if (pending.size === 0) return read;
      const signal = this.cache.textPause.signal();
      const started = Date.now();
      const { files } = await this.scan(projectIds);
      const todo = files.filter((f) => pending.has(f.path));
      const pass = await this.cache.summaries(todo, (file) => this.optionsFor(file, 'all'), this.summaryKey, {
        onProgress: (p) => opts.onProgress?.({ files: p.files, totalFiles: todo.length, bytes: p.bytes, totalBytes: p.totalBytes, elapsedMs: Date.now() - started }),
        signal,
      });
      this.cache.save();
      if (!signal.aborted) return read + todo.length;
      // Paused during the pass: what it finished is kept; the rest is read after the pause.
      read += pass.summaries.length + pass.unreadable.length;
    }
  }

  /**
   * Pauses the background text indexing ({@link indexText}, and big texts
   * a read left to be written after it) until the returned function is
   * called: for as long as a session is open in a browser's replay, which
   * reads its file meanwhile (two reads of one big file at once peaked at
   * 314 MB RSS for 600 MB of log; text-pause.ts). Holds are counted; the
   * release is idempotent. A listing's own reads are not paused.
   */
  pauseText(): () => void {
    return this.cache.textPause.hold();
  }

  /**
   * What the catalog last saw of the given projects (null = all), newest
   * first, without touching a log: the browser paints this at once, then
   * {@link summaries} checks every file. Empty sessions are included (the
   * caller filters, FORMAT.md §2.1); a session changed or deleted since is
   * shown as it was until the check. Empty when there is no catalog yet.
   */
  storedSummaries(projectIds: string[] | null): SessionSummary[] {
    return this.cache.stored(projectIds, this.summaryKey, this.now());
  }

  /**
   * {@link storedSummaries}, resolving after parsing them in slices with
   * turns of the event loop between (a browser drawing its first page
   * meanwhile keeps answering keys).
   */
  storedSummariesInTurns(projectIds: string[] | null): Promise<SessionSummary[]> {
    return this.cache.storedInTurns(projectIds, this.summaryKey, this.now());
  }

  /**
   * The top `limit` sessions of the given projects (null = all, grouped by
   * project) in the browser's default order, pinned ids first in their
   * project, with the counts of the whole scope, from one query and
   * without touching a log (listed-page.ts): the browser's first frame,
   * whose cost does not grow with the number of sessions. Empty sessions
   * only with `includeEmpty`. null when the catalog cannot be read.
   */
  storedPage(projectIds: string[] | null, opts: { limit: number; includeEmpty?: boolean; pinned?: readonly string[] }): StoredPage | null {
    return this.cache.storedPage({ projectIds, ...opts }, this.summaryKey, this.now());
  }

  /**
   * The full-text index of every summary this catalog has read (search/
   * session-search.ts queries it), or null without SQLite. In memory when
   * the cache is disabled.
   */
  textIndex(): FullTextIndex | null {
    return this.cache.textIndex();
  }

  /** Resolves once the text a read left to be indexed after it answered ({@link summary}, a browser's refresh) is written: true when there was some. */
  textSettled(): Promise<boolean> {
    return this.cache.textSettled();
  }

  /**
   * One session's summary, from the persisted cache where the file allows.
   * A big text it read goes into the full-text index after it answers (a
   * few turns of the event loop; the process stays up until it is written).
   */
  async summary(file: SessionFile): Promise<SessionSummary | null> {
    const summary = await this.cache.summary(file, this.optionsFor(file), this.summaryKey);
    this.cache.save({ textLater: true });
    return summary;
  }

  /**
   * Resolves a whole session id or a unique prefix of one (git-style, see
   * resolve-id.ts for the rule): among the sessions of `projectId` when given,
   * else of every project. The same id in two projects, or a prefix shared by
   * several ids, is `ambiguous` with the candidates; nothing is preferred.
   * `skipped` lists what the scan refused (symbolic links), so a caller can
   * say why an id was not found. Throws InvalidIdError (format §1 pattern)
   * before the filesystem is touched.
   */
  async resolve(idOrPrefix: string, opts: { projectId?: string | null } = {}): Promise<IdResolution<SessionFile> & { skipped: SkippedEntry[] }> {
    assertSessionId(idOrPrefix);
    const { files, skipped } = await this.scan(opts.projectId ? [opts.projectId] : null);
    files.sort((a, b) => (a.id !== b.id ? (a.id < b.id ? -1 : 1) : a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0));
    return { ...resolveIdPrefix(idOrPrefix, files), skipped };
  }

  /** One session in full. Takes a SessionFile or its summary (whose `source`, `dialect` and `parts` say how to read it). */
  transcript(file: { path: string; projectId: string; id?: string; source?: string; dialect?: string; parts?: string[] }): Promise<Transcript> {
    return loadTranscript(file.path, file.id === undefined ? this.readOptions(file.projectId) : this.optionsFor({ ...file, id: file.id }));
  }

  /**
   * One session as the browser opens it: windowed, its big texts left in the
   * log until drawn (scan/transcript-index.ts), so memory stays bounded
   * whatever the file's size. Same arguments as `transcript`, plus `live`:
   * progress reports with a view of the entries so far (draw the first
   * screen while the rest is read), and a signal that stops the read.
   */
  transcriptView(
    file: { path: string; projectId: string; id?: string; source?: string; dialect?: string; parts?: string[] },
    live: TranscriptLive = {},
  ): Promise<TranscriptView> {
    return indexTranscript(file.path, { ...(file.id === undefined ? this.readOptions(file.projectId) : this.optionsFor({ ...file, id: file.id })), ...live });
  }

  /** Display label of a project: project.json's root, else the root a location reported, else a recorded workspace, else the hash. */
  projectLabel(projectId: string, sessions: readonly SessionSummary[] = []): string {
    return readProjectJson(this.home, projectId) ?? this.roots.get(projectId) ?? sessions.find((s) => s.projectId === projectId && s.workspace)?.workspace ?? projectId;
  }
}
