/**
 * The catalog database of one session home: SQLite (WAL, synchronous=NORMAL),
 * one row per session file. This class is the only writer of the file. The
 * database is a cache: a file of another schema version, or one that is not
 * a database at all, is deleted and rebuilt silently; when even that fails
 * (a read-only cache folder, the addon missing) {@link CatalogDb.open} gives
 * null and the caller reads the logs cold. Rows are written and read one at
 * a time, so no single string ever holds the whole catalog.
 */
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { SUMMARY_STATE_VERSION } from '../scan/summary-reader.js';
import { removeDatabase } from './catalog-files.js';
import { sqlite, type SqliteDatabase } from './sqlite.js';
import type { TextWrite } from './text-columns.js';
import { TEXT_SCHEMA, TextIndex } from './text-index.js';
import { CALLS_SCHEMA, CallsIndex, type CallsWrite, type SharedCallRow } from './calls-index.js';
import { listedPageOrder } from './listed-page.js';
import type { ListedPageQuery } from './stored-page.js';

/** Bump when the tables change (2: the full-text index, text-index.ts; 3: `text_done`, the `calls` index, stable file rowids; 4: fold states apart; 5: the pending-text index; 6: the calls index one blob per file; 7: a whole read's parts beside its state; 8: the listing index; 9: what the full-text index holds: events' tool inputs, a pending text's meta with its prompts; 10: the calls index's hashes are MurmurHash3 lanes, not SHA-1, scan/call-keys.ts). */
export const CATALOG_SCHEMA_VERSION = 10;
/** The path that opens a catalog in memory (the cache disabled or not writable): same engine, nothing persisted. */
export const MEMORY_CATALOG = ':memory:';
/**
 * `PRAGMA user_version` of a current catalog: the schema and the fold-state
 * version together, so a change to either discards the file whole.
 */
export const CATALOG_USER_VERSION = CATALOG_SCHEMA_VERSION * 1000 + SUMMARY_STATE_VERSION;

/** Rows of one read of {@link CatalogDb.listed}. */
const LISTED_SLICE_ROWS = 1000;

/** How long a statement waits for another process's write lock, in ms, before giving up (a cache may skip a write). */
const BUSY_TIMEOUT_MS = 1000;

/** One session file as the catalog remembers it. */
export interface FileRow {
  /** Absolute path of the log file: the key. */
  path: string;
  projectId: string;
  sessionId: string;
  ino: number;
  /** Bytes, as of the fold. */
  size: number;
  mtimeMs: number;
  /** Hash of the (up to) 64 bytes before the state's offset: proof a grown file was appended to, not rewritten. */
  check: string;
  /** JSON text of the SummaryState after the last complete line. */
  state: string;
  /**
   * For a session read whole, JSON of its state's parts (`g`: each part
   * file's path, size and mtimeMs); '' otherwise. Kept beside the state so
   * that a warm start checks a Claude session's subagent files without
   * parsing its fold state (~25 KB of JSON each).
   */
  parts: string;
  /** The finished summary's updatedAt (ISO), so a list can be ordered in SQL. */
  updatedAt: string;
  /** The finished summary's `empty` (format §4). */
  empty: boolean;
  /** JSON text of the finished SessionSummary, as of `mtimeMs` (clock-dependent fields are refreshed on read: summary-clock.ts). */
  summary: string;
  /**
   * What the summary's figures were computed with (prices, cache TTLs: see
   * SessionCatalog): a summary of another key is finished again from `state`.
   */
  summaryKey: string;
  /**
   * True when the full-text index holds all of this file's text as of this
   * row; false when a pass read it without collecting text (a command that
   * does not search: the index catches up later, SessionCatalog.indexText).
   */
  textDone: boolean;
  /**
   * The text this read pass adds to the full-text index; `'forget'`: the
   * file was read again from its start without its text, so what the index
   * held of it is dropped; absent: the file's text is left as it is.
   */
  texts?: TextWrite | 'forget';
  /** The keyed calls this read pass adds to the `calls` index (see {@link CallsWrite}); absent: the file's entries are left as they are. */
  calls?: CallsWrite;
}

export type { CallsWrite, SharedCallRow } from './calls-index.js';

/** The columns a listing needs: no fold state (the large part of a row). */
export type ListedRow = Omit<FileRow, 'state' | 'check'>;

/** A row (`files f`) that waits for its text and has no document in the full-text index, not even a stand-in (metaPending, writeMetaDocs). */
const WAITS_FOR_STAND_IN = 'f.text_done = 0 AND NOT EXISTS (SELECT 1 FROM text_files t WHERE t.path = f.path)';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    project_id TEXT NOT NULL,
    session_id TEXT NOT NULL,
    ino INTEGER NOT NULL,
    size INTEGER NOT NULL,
    mtime_ms REAL NOT NULL,
    updated_at TEXT NOT NULL,
    empty INTEGER NOT NULL,
    summary TEXT NOT NULL,
    summary_key TEXT NOT NULL,
    text_done INTEGER NOT NULL,
    parts TEXT NOT NULL
  );
  -- The fold states (~5 KB a file, 3x the rest of a row) apart from the rows a listing reads, so the
  -- first frame's query walks 10,000 short rows, not 70 MB. file = files.rowid.
  CREATE TABLE IF NOT EXISTS fold_states (file INTEGER PRIMARY KEY, check_hash TEXT NOT NULL, state TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS files_project ON files(project_id);
  CREATE INDEX IF NOT EXISTS files_updated ON files(updated_at);
  -- The first frame's page and counts (listed-page.ts) from this index alone: summary_key and empty come after
  -- the long summary in a row, so reading them from the table walks every row's overflow pages.
  CREATE INDEX IF NOT EXISTS files_listing ON files(project_id, summary_key, empty, updated_at, session_id);
  -- The browser asks after every load which files wait for their text: a partial index answers without a table scan.
  CREATE INDEX IF NOT EXISTS files_text_pending ON files(project_id) WHERE text_done = 0;
${CALLS_SCHEMA}
${TEXT_SCHEMA}
`;

const ROW_COLUMNS = `f.path, f.project_id AS projectId, f.session_id AS sessionId, f.ino, f.size, f.mtime_ms AS mtimeMs,
  s.check_hash AS "check", s.state, f.updated_at AS updatedAt, f.empty, f.summary, f.summary_key AS summaryKey, f.text_done AS textDone, f.parts`;

const LISTED_COLUMNS = `path, project_id AS projectId, session_id AS sessionId, ino, size, mtime_ms AS mtimeMs,
  updated_at AS updatedAt, empty, summary, summary_key AS summaryKey, text_done AS textDone, parts`;

/** A listing row as SQLite hands it over: its flags are integers. */
type RawListedRow = Omit<ListedRow, 'empty' | 'textDone'> & { empty: number; textDone: number };

/** `row` with its flags as booleans. */
function listedRow(row: RawListedRow): ListedRow {
  return { ...row, empty: row.empty !== 0, textDone: row.textDone !== 0 };
}

/** Thrown inside {@link prepare} when the file is a catalog of another version or home. */
class ForeignCatalog extends Error {}

/** True for errors meaning the file is not (or no longer) a usable catalog: delete and rebuild it. */
function isCorrupt(err: unknown): boolean {
  if (err instanceof ForeignCatalog) return true;
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
}

export class CatalogDb {
  private readonly getRow;
  private readonly putRow;
  private readonly deleteRow;
  private readonly putState;
  private readonly deleteState;
  /** A row by id while it waits for its text with no document in the index (writeMetaDocs). */
  private readonly stillPending;
  private broken = false;
  /** The full-text index on this connection (written only through {@link write}). */
  readonly text: TextIndex;
  /** The calls index (cross-file dedupe) on this connection (written only through {@link write}). */
  private readonly calls: CallsIndex;

  private constructor(
    private readonly db: SqliteDatabase,
    /** Path of the database file. */
    readonly path: string,
    /** True when this open created the file (or rebuilt it). */
    readonly created: boolean,
  ) {
    this.getRow = db.prepare(`SELECT ${ROW_COLUMNS} FROM files f JOIN fold_states s ON s.file = f.rowid WHERE f.path = ?`);
    // An upsert, not INSERT OR REPLACE: the row keeps its rowid, which the `calls` index refers to.
    this.putRow = db.prepare(`INSERT INTO files
      (path, project_id, session_id, ino, size, mtime_ms, updated_at, empty, summary, summary_key, text_done, parts)
      VALUES (@path, @projectId, @sessionId, @ino, @size, @mtimeMs, @updatedAt, @empty, @summary, @summaryKey, @textDone, @parts)
      ON CONFLICT(path) DO UPDATE SET project_id = excluded.project_id, session_id = excluded.session_id, ino = excluded.ino,
        size = excluded.size, mtime_ms = excluded.mtime_ms,
        updated_at = excluded.updated_at, empty = excluded.empty, summary = excluded.summary, summary_key = excluded.summary_key, text_done = excluded.text_done, parts = excluded.parts
      RETURNING rowid AS id`);
    this.putState = db.prepare('INSERT OR REPLACE INTO fold_states (file, check_hash, state) VALUES (?, ?, ?)');
    this.deleteState = db.prepare('DELETE FROM fold_states WHERE file = (SELECT rowid FROM files WHERE path = ?)');
    this.deleteRow = db.prepare('DELETE FROM files WHERE path = ?');
    this.stillPending = db.prepare(`SELECT f.path AS path, f.project_id AS projectId, f.summary AS summary FROM files f WHERE f.rowid = ? AND ${WAITS_FOR_STAND_IN}`);
    this.calls = new CallsIndex(db);
    this.text = new TextIndex(db);
  }

  /** True while the connection is usable (not closed, no failure seen). */
  get usable(): boolean {
    return !this.broken;
  }

  /**
   * Opens (creating the folder and the file when needed) the catalog at
   * `path` for `home`. A file of another version or home, or one that is
   * not a database, is deleted and rebuilt. `path` {@link MEMORY_CATALOG}
   * opens a private in-memory catalog. Null when there is no usable
   * database (read-only or missing folder, locked file, addon missing).
   * Never throws.
   */
  static open(path: string, home: string | null): CatalogDb | null {
    const Database = sqlite();
    if (!Database) return null;
    if (path === MEMORY_CATALOG) {
      try {
        const db = new Database(MEMORY_CATALOG);
        prepare(db, home);
        return new CatalogDb(db, path, true);
      } catch {
        return null;
      }
    }
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    } catch {
      return null;
    }
    for (let attempt = 0; attempt < 2; attempt++) {
      let db: SqliteDatabase | null = null;
      try {
        db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
        // Summaries quote what sessions said: owner only, like the logs. SQLite
        // gives its -wal and -shm files the database file's permissions.
        try {
          chmodSync(path, 0o600);
        } catch {
          // Not ours to change (another owner): usable all the same.
        }
        const created = prepare(db, home);
        return new CatalogDb(db, path, created);
      } catch (err) {
        db?.close();
        // Only a file that is not ours to read is deleted; a busy or read-only one is left alone.
        if (attempt > 0 || !isCorrupt(err) || !removeDatabase(path)) return null;
      }
    }
    return null;
  }

  /** The row of one file, undefined when none (or the database failed: a cold read). */
  get(path: string): FileRow | undefined {
    if (this.broken) return undefined;
    try {
      const row = this.getRow.get(path) as (Omit<FileRow, 'empty' | 'textDone'> & { empty: number; textDone: number }) | undefined;
      return row && { ...row, empty: row.empty !== 0, textDone: row.textDone !== 0 };
    } catch (err) {
      this.fail(err);
      return undefined;
    }
  }

  /**
   * The rows of the given projects (null = every row) without their fold
   * states, in no particular order (the table's: read in order of
   * `updated_at`, 100,000 rows took 0.9-1.4 s instead of 0.35-0.55 s, each
   * one a lookup), one at a time: what a listing needs before (or instead
   * of) touching any file. Read a slice of {@link LISTED_SLICE_ROWS} at a
   * time, by rowid, so no statement stays open between slices: a caller
   * may give the event loop a turn (or write) while iterating, and only a
   * slice of rows' texts is alive at once.
   */
  *listed(projectIds: readonly string[] | null): Generator<ListedRow> {
    if (this.broken) return;
    const wanted = projectIds && new Set(projectIds);
    // One project (the usual scope) is read through its index; more are filtered.
    const one = projectIds?.length === 1 ? projectIds[0] : undefined;
    let after = Number.MIN_SAFE_INTEGER;
    let slice: (from: number) => (RawListedRow & { rowid: number })[];
    try {
      // Prepared once, run per slice (a statement is reusable once `all` has returned).
      const stmt = one !== undefined
        ? this.db.prepare(`SELECT rowid, ${LISTED_COLUMNS} FROM files WHERE project_id = ? AND rowid > ? ORDER BY rowid LIMIT ?`)
        : this.db.prepare(`SELECT rowid, ${LISTED_COLUMNS} FROM files WHERE rowid > ? ORDER BY rowid LIMIT ?`);
      slice = (from) => (one !== undefined ? stmt.all(one, from, LISTED_SLICE_ROWS) : stmt.all(from, LISTED_SLICE_ROWS)) as (RawListedRow & { rowid: number })[];
    } catch (err) {
      this.fail(err);
      return;
    }
    for (;;) {
      let rows: (RawListedRow & { rowid: number })[];
      try {
        rows = slice(after);
      } catch (err) {
        this.fail(err);
        return;
      }
      for (const { rowid: _rowid, ...row } of rows) {
        if (!wanted || wanted.has(row.projectId)) yield listedRow(row);
      }
      if (rows.length < LISTED_SLICE_ROWS) return;
      after = rows[rows.length - 1]!.rowid;
    }
  }

  /**
   * The top of a listing and the counts of its scope, from SQL alone
   * (listed-page.ts): what the browser's first frame shows. null when the
   * catalog cannot be read.
   */
  page(query: ListedPageQuery): { rows: ListedRow[]; total: number; projectCounts: Map<string, number> } | null {
    if (this.broken) return null;
    try {
      const { ids, total, projectCounts } = listedPageOrder(this.db, query);
      const byId = this.db.prepare(`SELECT ${LISTED_COLUMNS} FROM files WHERE rowid = ?`);
      const rows: ListedRow[] = [];
      for (const id of ids) {
        const row = byId.get(id) as RawListedRow | undefined;
        if (row) rows.push(listedRow(row));
      }
      return { rows, total, projectCounts };
    } catch (err) {
      this.fail(err);
      return null;
    }
  }

  /**
   * Paths of the rows of the given projects (null = every row), one at a
   * time. Do not write while iterating (the connection is busy).
   */
  *paths(projectIds: readonly string[] | null): Generator<string> {
    if (this.broken) return;
    const wanted = projectIds && new Set(projectIds);
    try {
      for (const row of this.db.prepare('SELECT path, project_id AS projectId FROM files').iterate() as Iterable<{ path: string; projectId: string }>) {
        if (!wanted || wanted.has(row.projectId)) yield row.path;
      }
    } catch (err) {
      this.fail(err);
    }
  }

  /**
   * Paths of the rows of the given projects (null = every row) whose text
   * the full-text index does not hold yet (`textDone` false).
   */
  pendingText(projectIds: readonly string[] | null): Set<string> {
    const out = new Set<string>();
    if (this.broken) return out;
    const wanted = projectIds && new Set(projectIds);
    try {
      for (const row of this.db.prepare('SELECT path, project_id AS projectId FROM files WHERE text_done = 0').iterate() as Iterable<{ path: string; projectId: string }>) {
        if (!wanted || wanted.has(row.projectId)) out.add(row.path);
      }
    } catch (err) {
      this.fail(err);
    }
    return out;
  }

  /**
   * Row ids of the given projects (null = every row) that wait for their
   * text and have no document in the full-text index (listed with
   * SummariesRun.metaLater). Ids only: the summaries are read a slice at a
   * time by {@link writeMetaDocs}.
   */
  metaPending(projectIds: readonly string[] | null): number[] {
    if (this.broken) return [];
    const wanted = projectIds && new Set(projectIds);
    try {
      const rows = this.db
        .prepare(`SELECT f.rowid AS id, f.project_id AS projectId FROM files f WHERE ${WAITS_FOR_STAND_IN}`)
        .all() as { id: number; projectId: string }[];
      return rows.filter((r) => !wanted || wanted.has(r.projectId)).map((r) => r.id);
    } catch (err) {
      this.fail(err);
      return [];
    }
  }

  /**
   * Gives each of the rows `ids` that still waits for its text and still
   * has no document in the full-text index (another run may have indexed it
   * since {@link metaPending}) the meta document `metaOf` makes of its
   * stored summary JSON (null: none), in one transaction. Returns how many
   * it wrote, or -1 when it could not write. Never throws.
   */
  writeMetaDocs(ids: readonly number[], metaOf: (summary: string) => string | null): number {
    if (this.broken) return -1;
    try {
      let wrote = 0;
      // IMMEDIATE, as every write here: the transaction reads before it writes, and a deferred one whose
      // snapshot another process's commit made stale fails at its first write (SQLITE_BUSY_SNAPSHOT, which
      // no busy timeout waits out), and a failure closes the catalog for the rest of the run.
      this.db.transaction(() => {
        for (const id of ids) {
          const row = this.stillPending.get(id) as { path: string; projectId: string; summary: string } | undefined;
          const meta = row && metaOf(row.summary);
          if (!row || !meta) continue;
          this.text.write(row.path, row.projectId, { fresh: true, meta, chunks: [] });
          wrote++;
        }
      }).immediate();
      return wrote;
    } catch (err) {
      this.fail(err);
      return -1;
    }
  }

  /**
   * Every copy of the keyed calls that more than one file's fold kept
   * (calls-index.ts): path and key hash. Reads only the calls index (no
   * fold state, no summary). Do not write while iterating.
   */
  *sharedCalls(): Generator<SharedCallRow> {
    if (this.broken) return;
    try {
      yield* this.calls.shared();
    } catch (err) {
      this.fail(err);
    }
  }

  /** Number of rows. */
  count(): number {
    if (this.broken) return 0;
    try {
      return (this.db.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n;
    } catch (err) {
      this.fail(err);
      return 0;
    }
  }

  /**
   * Appends (or, `fresh`, replaces) the indexed text of `path` in a
   * transaction of its own, without its row (held-texts.ts: a big text's
   * earlier slices). False when it could not be written. Never throws.
   */
  writeText(path: string, projectId: string, t: TextWrite): boolean {
    if (this.broken) return false;
    try {
      this.db.transaction(() => this.text.write(path, projectId, t)).immediate(); // IMMEDIATE: see writeMetaDocs
      return true;
    } catch (err) {
      this.fail(err);
      return false;
    }
  }

  /**
   * Upserts `rows` (their `texts` into the full-text index, their `calls`
   * into the calls index) and deletes the rows, text and calls of `deleted`
   * paths in one transaction. False when it
   * could not be written (busy, read-only, corrupt): the rows are then
   * simply not cached. Never throws.
   */
  write(rows: Iterable<FileRow>, deleted: Iterable<string> = []): boolean {
    if (this.broken) return false;
    try {
      this.db.transaction(() => {
        for (const path of deleted) {
          this.calls.forget(path);
          this.deleteState.run(path);
          this.deleteRow.run(path);
          this.text.forget(path);
        }
        for (const { texts, calls, ...row } of rows) {
          const { state, check, ...listed } = row;
          const { id } = this.putRow.get({ ...listed, empty: row.empty ? 1 : 0, textDone: row.textDone ? 1 : 0 }) as { id: number };
          this.putState.run(id, check, state);
          if (texts === 'forget') this.text.forget(row.path);
          else if (texts) this.text.write(row.path, row.projectId, texts);
          if (calls) this.calls.write(id, calls);
        }
      }).immediate(); // IMMEDIATE: see writeMetaDocs
      return true;
    } catch (err) {
      this.fail(err);
      return false;
    }
  }

  /** Closes the connection; later calls read and write nothing. */
  close(): void {
    this.broken = true;
    try {
      this.db.close();
    } catch {
      // Already closed.
    }
  }

  /** Stops using the database; one found corrupt mid-run is deleted so the next run rebuilds it. */
  private fail(err: unknown): void {
    const corrupt = isCorrupt(err);
    this.close();
    if (corrupt && this.path !== MEMORY_CATALOG) removeDatabase(this.path);
  }
}

/**
 * Sets the connection up and checks the version and the home, creating the
 * schema in an empty file. True when the schema was created. Throws
 * ForeignCatalog for a file of another version or home, SqliteError otherwise.
 */
function prepare(db: SqliteDatabase, home: string | null): boolean {
  // Fold states are ~5 KB: 16 KB pages hold them without overflow chains
  // (cold writes ~2x faster than 4 KB pages, measured). Takes effect only
  // on a new file, and must come before WAL mode.
  db.pragma('page_size = 16384');
  if (db.memory) return createSchema(db, home);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Statement journals (each upsert inside a bigger transaction keeps one) and sorts in memory, not in
  // temporary files: a cold scan's catalog writes made one such file per transaction and ~19,000 small
  // writes to them; the rows of a 1 GB Claude home were written in ~35 ms instead of ~60.
  db.pragma('temp_store = MEMORY');
  // A cold scan commits in chunks; after each checkpoint the WAL shrinks back to this (bytes).
  db.pragma('journal_size_limit = 8388608');
  // No memory map (SQLite's default, mmap_size 0): with a 256 MB map, every page a listing touched stayed in
  // the process's RSS (100,000 sessions: +260 MB, the warm list 648 MB against 387 MB), and since the listing
  // reads its rows a slice at a time the map no longer saved time (warm list 10,000: 0.85 s both ways).
  return db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version === CATALOG_USER_VERSION) {
      const row = db.prepare("SELECT value FROM meta WHERE key = 'home'").get() as { value: string } | undefined;
      if ((row?.value ?? null) !== home) throw new ForeignCatalog('catalog of another home');
      return false;
    }
    const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_master").get() as { n: number }).n;
    if (version !== 0 || tables > 0) throw new ForeignCatalog(`catalog version ${version}`);
    return createSchema(db, home);
  }).immediate();
}

/** Creates the tables in an empty database and stamps its version and home. True. */
function createSchema(db: SqliteDatabase, home: string | null): true {
  db.exec(SCHEMA);
  if (home !== null) db.prepare("INSERT INTO meta (key, value) VALUES ('home', ?)").run(home);
  db.pragma(`user_version = ${CATALOG_USER_VERSION}`);
  return true;
}
