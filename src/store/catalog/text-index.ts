/**
 * The full-text index inside the catalog database: an FTS5 table over the
 * text of every session (messages of every role, tool-call arguments, tool
 * output) plus one small "meta" document per session (title, id,
 * workspace, model). Written only through {@link TextIndex.write} and
 * {@link TextIndex.forget}, which CatalogDb calls inside its own
 * transactions, so a file's row and its text always change together.
 *
 * Layout (rowids make the session a number, so a match needs no join):
 * - `text_files(no, path, project_id, next_seq)`: one number per file.
 * - `text_chunks(id, text)`: the chunk text (whitespace collapsed, ≤ 4 KB),
 *   read back only for the snippets of the rows on screen.
 * - `text_fts(text, cjk)`: contentless FTS5 (`contentless_delete=1`),
 *   tokenizer `unicode61 remove_diacritics 2`, prefix indexes for 2 and 3
 *   characters. Rowid = `no * 2^22 + seq`; seq 0 is the meta document,
 *   content chunks count from 1. Column `text` holds the chunk with CJK runs
 *   blanked out; `cjk` holds the overlapping bigrams of every CJK run
 *   (a lone CJK character as itself), so any substring of 2+ CJK characters
 *   is a phrase of bigrams (unicode61 alone makes a whole run one token).
 * - `text_vocab`: `fts5vocab(text_fts, 'row')`, the typo candidates.
 */
import type { SqliteDatabase } from './sqlite.js';

import { CONTENT, META, SEQ_SPAN, ftsColumns, type FullTextIndex, type IndexedFile, type TextWrite } from './text-columns.js';

/** The text tables; part of the catalog schema (CATALOG_SCHEMA_VERSION). */
export const TEXT_SCHEMA = `
  CREATE TABLE IF NOT EXISTS text_files (
    no INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    project_id TEXT NOT NULL,
    next_seq INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS text_chunks (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
  CREATE VIRTUAL TABLE IF NOT EXISTS text_fts USING fts5(
    text, cjk, content='', contentless_delete=1,
    tokenize='unicode61 remove_diacritics 2', prefix='2 3'
  );
  CREATE VIRTUAL TABLE IF NOT EXISTS text_vocab USING fts5vocab(text_fts, 'row');
`;

/**
 * The FTS tables on one connection. Writes must run inside the caller's
 * transaction (CatalogDb.write); reads are synchronous and may throw
 * SqliteError (the caller decides what a failure means).
 */
export class TextIndex implements FullTextIndex {
  private readonly fileOf;
  private readonly addFile;
  private readonly setFile;
  private readonly dropFile;
  private readonly dropFtsRow;
  private readonly dropChunks;
  private readonly putFts;
  private readonly putChunk;
  private readonly matchRowids;
  private readonly firstRowid;
  private readonly chunkText;
  private readonly vocabRange;
  private readonly allFiles;
  /** Bumped on every write through this object; with `data_version` it tells when the file map is stale. */
  private writes = 0;
  private files: { key: string; byNo: Map<number, IndexedFile> } | null = null;

  constructor(private readonly db: SqliteDatabase) {
    this.fileOf = db.prepare('SELECT no, next_seq AS nextSeq FROM text_files WHERE path = ?');
    this.addFile = db.prepare('INSERT INTO text_files (path, project_id, next_seq) VALUES (?, ?, 1)');
    this.setFile = db.prepare('UPDATE text_files SET project_id = ?, next_seq = ? WHERE no = ?');
    this.dropFile = db.prepare('DELETE FROM text_files WHERE no = ?');
    // One row at a time, by rowid: FTS5 serves a rowid range with no MATCH by a scan of the table (~1.2 ms a
    // delete at 5,000 sessions, growing with the index; it made a cold start's text catch-up at 10k take 30 s, not 13).
    this.dropFtsRow = db.prepare('DELETE FROM text_fts WHERE rowid = ?');
    this.dropChunks = db.prepare('DELETE FROM text_chunks WHERE id >= ? AND id < ?');
    this.putFts = db.prepare('INSERT INTO text_fts (rowid, text, cjk) VALUES (?, ?, ?)');
    this.putChunk = db.prepare('INSERT OR REPLACE INTO text_chunks (id, text) VALUES (?, ?)');
    this.matchRowids = db.prepare('SELECT rowid FROM text_fts WHERE text_fts MATCH ?').pluck();
    this.firstRowid = db
      .prepare('SELECT rowid FROM text_fts WHERE text_fts MATCH ? AND rowid > ? AND rowid < ? ORDER BY rowid LIMIT 1')
      .pluck();
    this.chunkText = db.prepare('SELECT text FROM text_chunks WHERE id = ?').pluck();
    this.vocabRange = db.prepare('SELECT term, doc FROM text_vocab WHERE term >= ? AND term < ?');
    this.allFiles = db.prepare('SELECT no, path, project_id AS projectId FROM text_files');
  }

  /** Creates the tables on `db` (an empty or in-memory database). */
  static create(db: SqliteDatabase): TextIndex {
    db.exec(TEXT_SCHEMA);
    return new TextIndex(db);
  }

  /** Applies one pass's text of `path` (call inside a transaction). */
  write(path: string, projectId: string, t: TextWrite): void {
    this.writes++;
    let row = this.fileOf.get(path) as { no: number; nextSeq: number } | undefined;
    const known = row !== undefined;
    if (!row) row = { no: Number(this.addFile.run(path, projectId).lastInsertRowid), nextSeq: 1 };
    const base = row.no * SEQ_SPAN;
    let seq = row.nextSeq;
    if (t.fresh && seq > 1) {
      this.dropFts(base + 1, base + seq);
      this.dropChunks.run(base + 1, base + SEQ_SPAN);
      seq = 1;
    }
    if (known) this.dropFtsRow.run(base);
    const meta = ftsColumns(t.meta);
    this.putFts.run(base, meta.text, meta.cjk);
    for (const chunk of t.chunks) {
      if (seq >= SEQ_SPAN) break; // past 16 GB of text in one session: the rest is not indexed
      const cols = ftsColumns(chunk);
      this.putChunk.run(base + seq, chunk);
      this.putFts.run(base + seq, cols.text, cols.cjk);
      seq++;
    }
    this.setFile.run(projectId, seq, row.no);
  }

  /** Deletes the FTS rows [from, to): every seq a file was given is below its `next_seq`. */
  private dropFts(from: number, to: number): void {
    for (let rowid = from; rowid < to; rowid++) this.dropFtsRow.run(rowid);
  }

  /** Drops everything indexed for `path` (call inside a transaction). */
  forget(path: string): void {
    const row = this.fileOf.get(path) as { no: number; nextSeq: number } | undefined;
    if (!row) return;
    this.writes++;
    const base = row.no * SEQ_SPAN;
    this.dropFts(base, base + row.nextSeq);
    this.dropChunks.run(base, base + SEQ_SPAN);
    this.dropFile.run(row.no);
  }

  /**
   * Files (by number) whose documents match the FTS5 expression `expr`,
   * each with `META` (the meta document matched) and/or `CONTENT` (a
   * chunk matched) set. `expr` must be built from quoted strings only
   * (search/fts-query.ts); a syntax error throws SqliteError.
   */
  match(expr: string): Map<number, number> {
    const out = new Map<number, number>();
    for (const rowid of this.matchRowids.all(expr) as number[]) {
      const no = Math.floor(rowid / SEQ_SPAN);
      const flag = rowid - no * SEQ_SPAN === 0 ? META : CONTENT;
      out.set(no, (out.get(no) ?? 0) | flag);
    }
    return out;
  }

  /** Text of the first content chunk of file `no` matching `expr`, or null. */
  firstChunk(no: number, expr: string): string | null {
    const base = no * SEQ_SPAN;
    const rowid = this.firstRowid.get(expr, base, base + SEQ_SPAN) as number | undefined;
    if (rowid === undefined) return null;
    return (this.chunkText.get(rowid) as string | undefined) ?? null;
  }

  /** Indexed terms in [from, to) with the number of documents holding each. */
  vocabulary(from: string, to: string): { term: string; doc: number }[] {
    return this.vocabRange.all(from, to) as { term: string; doc: number }[];
  }

  /** Every indexed file by number (cached until this connection or another one writes). */
  fileMap(): Map<number, IndexedFile> {
    const key = `${this.writes}:${this.db.pragma('data_version', { simple: true }) as number}`;
    if (this.files?.key !== key) {
      const byNo = new Map<number, IndexedFile>();
      for (const r of this.allFiles.all() as { no: number; path: string; projectId: string }[]) {
        byNo.set(r.no, { path: r.path, projectId: r.projectId });
      }
      this.files = { key, byNo };
    }
    return this.files.byNo;
  }
}

