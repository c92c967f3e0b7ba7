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
 * the blobs ({@link CallsIndex.shared}): 340,000 calls take about 0.1 s.
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
   * counts once). Reads every blob (CALL_HASH_BYTES a call) and keys a map
   * by hash; a catalog with no shared call yields nothing.
   */
  *shared(): Generator<SharedCallRow> {
    // hash (its 8 bytes as latin1: half the characters of hex) → the paths that hold it, the first one alone
    // (most hashes are held once).
    const holders = new Map<string, string | string[]>();
    for (const { path, hashes } of this.all.iterate() as Iterable<{ path: string; hashes: Buffer }>) {
      for (let at = 0; at + CALL_HASH_BYTES <= hashes.length; at += CALL_HASH_BYTES) {
        const hash = hashes.toString('latin1', at, at + CALL_HASH_BYTES);
        const held = holders.get(hash);
        if (held === undefined) holders.set(hash, path);
        else if (typeof held === 'string') {
          if (held !== path) holders.set(hash, [held, path]);
        } else if (!held.includes(path)) held.push(path);
      }
    }
    for (const [key, held] of holders) {
      if (typeof held === 'string') continue;
      const hash = Buffer.from(key, 'latin1').toString('hex');
      for (const path of held) yield { path, hash };
    }
  }
}
