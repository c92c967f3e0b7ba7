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
   * counts once). All hashes are copied end to end into one buffer and
   * counted in a hash table over their 32-bit words ({@link hashSlots});
   * only those found twice are then turned into strings, so a catalog with
   * no shared call costs a copy and one pass (a Map keyed by each hash took
   * ~0.25 s for 340,000 calls, a native 64-bit sort plus a Set of BigInts
   * ~40 ms for 160,000).
   */
  *shared(): Generator<SharedCallRow> {
    const rows = this.all.all() as { path: string; hashes: Buffer }[];
    const whole = (r: { hashes: Buffer }): number => r.hashes.length - (r.hashes.length % CALL_HASH_BYTES);
    const count = rows.reduce((n, r) => n + whole(r), 0) / CALL_HASH_BYTES;
    const buffer = new ArrayBuffer(count * CALL_HASH_BYTES);
    const bytes = new Uint8Array(buffer);
    const fileOf = new Int32Array(count);
    let n = 0;
    rows.forEach((r, file) => {
      const k = whole(r) / CALL_HASH_BYTES;
      bytes.set(r.hashes.subarray(0, k * CALL_HASH_BYTES), n * CALL_HASH_BYTES);
      fileOf.fill(file, n, n + k);
      n += k;
    });
    // Which hashes two files share, by a hash table over the hashes' two 32-bit words (they are random
    // already): sorting them as 64-bit integers (~15 ms for 160,000), then a BigInt Set, took ~40 ms at
    // the end of every cold scan of a 1 GB Claude home; this takes a few.
    const words = new Uint32Array(buffer);
    const { slotOf, seen } = hashSlots(words, count);
    const holders = new Map<string, number[]>();
    for (let i = 0; i < count; i++) {
      if (seen[slotOf[i]!]! < 2) continue;
      const hash = Buffer.from(buffer, i * CALL_HASH_BYTES, CALL_HASH_BYTES).toString('hex');
      const files = holders.get(hash);
      if (!files) holders.set(hash, [fileOf[i]!]);
      else if (!files.includes(fileOf[i]!)) files.push(fileOf[i]!);
    }
    for (const [hash, files] of holders) {
      if (files.length < 2) continue; // listed twice by one file only
      for (const file of files) yield { path: rows[file]!.path, hash };
    }
  }
}

/**
 * An open-addressing table of `count` 64-bit hashes given as pairs of
 * 32-bit words (low, high): the slot of each hash (`slotOf[i]`) and how
 * many times each slot's hash occurs (`seen`, capped at 255).
 */
function hashSlots(words: Uint32Array, count: number): { slotOf: Int32Array; seen: Uint8Array } {
  let size = 1024;
  while (size < count * 2) size *= 2;
  const mask = size - 1;
  const low = new Uint32Array(size);
  const high = new Uint32Array(size);
  const seen = new Uint8Array(size);
  const slotOf = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const lo = words[2 * i]!;
    const hi = words[2 * i + 1]!;
    let slot = (lo ^ hi) & mask;
    while (seen[slot] !== 0 && (low[slot] !== lo || high[slot] !== hi)) slot = (slot + 1) & mask;
    if (seen[slot] === 0) {
      low[slot] = lo;
      high[slot] = hi;
    }
    if (seen[slot]! < 255) seen[slot]!++;
    slotOf[i] = slot;
  }
  return { slotOf, seen };
}
