/**
 * The calls index inside the catalog database: which file's fold kept which
 * keyed call that counts once across files (ADAPTERS.md: Claude
 * `message.id + requestId`, Codex `(thread_id, response_id)`), as the 8-byte
 * key hashes of scan/call-keys.ts. Written only through
 * {@link CallsIndex.write} and {@link CallsIndex.forget}, which CatalogDb
 * calls inside its own transactions.
 *
 * Layout: `file_calls(file, hashes)`, one row per file (file = files.rowid),
 * its hashes end to end in one blob. A row per call (a B-tree keyed by random
 * hashes) cost a cold scan of a 1 GB Claude home about a second of this
 * thread, most of it reading back pages of that tree; one blob per file is
 * one short write. Which calls two files share is worked out in memory from
 * the blobs ({@link CallsIndex.shared}).
 */
import { CALL_HASH_BYTES } from '../scan/call-keys.js';
import type { SqliteDatabase } from './sqlite.js';

/** The calls table; part of the catalog schema (CATALOG_SCHEMA_VERSION). */
export const CALLS_SCHEMA = `
  CREATE TABLE IF NOT EXISTS file_calls (file INTEGER PRIMARY KEY, hashes BLOB NOT NULL);
`;

/**
 * A file's entries in the calls index: its keyed calls' hashes,
 * CALL_HASH_BYTES each, end to end. `replace`: the file was read from the
 * start, so these are all of them (earlier entries go); else they are added
 * to what it had.
 */
export interface CallsWrite {
  replace: boolean;
  hashes: Uint8Array;
}

/** One copy of a call that more than one file's fold kept: the file's path and the key's hash (16 hex digits). */
export interface SharedCallRow {
  path: string;
  hash: string;
}

/**
 * The calls table on one connection. Writes must run inside the caller's
 * transaction (CatalogDb.write); reads may throw SqliteError (the caller
 * decides what a failure means).
 */
export class CallsIndex {
  private readonly get;
  private readonly put;
  private readonly drop;
  private readonly dropOf;
  private readonly all;

  constructor(db: SqliteDatabase) {
    this.get = db.prepare('SELECT hashes FROM file_calls WHERE file = ?').pluck();
    this.put = db.prepare('INSERT OR REPLACE INTO file_calls (file, hashes) VALUES (?, ?)');
    this.drop = db.prepare('DELETE FROM file_calls WHERE file = ?');
    this.dropOf = db.prepare('DELETE FROM file_calls WHERE file = (SELECT rowid FROM files WHERE path = ?)');
    this.all = db.prepare('SELECT f.path AS path, c.hashes AS hashes FROM file_calls c JOIN files f ON f.rowid = c.file');
  }

  /** Records `calls` for file `id` (files.rowid): replaces or extends its blob; an empty replacement drops the row. */
  write(id: number, calls: CallsWrite): void {
    const added = Buffer.from(calls.hashes.buffer, calls.hashes.byteOffset, calls.hashes.byteLength);
    const old = calls.replace ? undefined : (this.get.get(id) as Buffer | undefined);
    const hashes = old ? Buffer.concat([old, added]) : added;
    if (hashes.length === 0) this.drop.run(id);
    else this.put.run(id, hashes);
  }

  /** Drops the entries of the file at `path` (its row is being deleted). */
  forget(path: string): void {
    this.dropOf.run(path);
  }

  /**
   * Every copy of the calls that two or more files kept: for each such
   * hash, one row per file that holds it (a file that lists a hash twice
   * counts once). All hashes go into one typed array, sorted natively; only
   * those found twice are then looked up file by file, so a catalog with no
   * shared call costs a copy and a sort (340,000 calls: ~0.1 s in a profile
   * where a Map keyed by each hash took ~0.25 s).
   */
  *shared(): Generator<SharedCallRow> {
    const rows = this.all.all() as { path: string; hashes: Buffer }[];
    const whole = (r: { hashes: Buffer }): number => r.hashes.length - (r.hashes.length % CALL_HASH_BYTES);
    const keys = new BigUint64Array(rows.reduce((n, r) => n + whole(r), 0) / CALL_HASH_BYTES);
    const bytes = new Uint8Array(keys.buffer);
    const fileOf = new Int32Array(keys.length);
    let n = 0;
    rows.forEach((r, file) => {
      const count = whole(r) / CALL_HASH_BYTES;
      bytes.set(r.hashes.subarray(0, count * CALL_HASH_BYTES), n * CALL_HASH_BYTES);
      fileOf.fill(file, n, n + count);
      n += count;
    });
    const sorted = keys.slice().sort();
    const twice = new Set<bigint>();
    for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) twice.add(sorted[i]!);
    if (twice.size === 0) return;
    const holders = new Map<bigint, number[]>();
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (!twice.has(key)) continue;
      const files = holders.get(key);
      if (!files) holders.set(key, [fileOf[i]!]);
      else if (!files.includes(fileOf[i]!)) files.push(fileOf[i]!);
    }
    for (const [key, files] of holders) {
      if (files.length < 2) continue; // listed twice by one file only
      const hash = Buffer.from(new BigUint64Array([key]).buffer).toString('hex');
      for (const file of files) yield { path: rows[file]!.path, hash };
    }
  }
}
