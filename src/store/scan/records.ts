/**
 * The one read loop (DESIGN.md: scan/ is the only code that opens logs):
 * the line scanner, line classification (FORMAT.md §2: blank, malformed, a
 * JSON object) and the rule for a last line without a newline (FORMAT.md
 * §1: read once it is a complete record, else a pending tail). The summary
 * reader, the transcript pass and doctor are visitors of this loop.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import type { RawLine } from '../sources/format.js';
import { classifyLine, type LineRepair } from './classify.js';
import { decodeLine, DEFAULT_MAX_LINE_BYTES, scanLines, scanLinesSync, type LineHandler, type ScanOptions, type ScanResult, type SyncLineHandler } from './lines.js';

/** Where a line sits in its file. */
export interface RecordAt {
  /** Byte offset where the line starts. */
  start: number;
  /** 1-based line number. */
  lineNo: number;
  /** Byte offset just after the line (its newline included); absent for a JSON document's records, which have no range of their own. */
  end?: number;
}

/** What the loop hands on, line by line. Returned promises are awaited before the file is read further (backpressure). */
export interface RecordVisitor {
  /** A complete line holding a JSON object. */
  record(value: Record<string, unknown>, at: RecordAt): void | Promise<void>;
  /** A complete line that is not a JSON object (malformed). */
  malformed?(at: RecordAt): void;
  /** A line over the size cap, skipped unread. */
  oversized?(at: RecordAt): void;
  /** A line whose start was torn (a crash, NUL bytes) before the complete record it ends in: called before `record` (or `tail`) gets that record. */
  torn?(at: RecordAt): void;
  /** The last line, without a newline, when it is a complete JSON object; `record` when absent. */
  tail?(value: Record<string, unknown>, at: RecordAt): void | Promise<void>;
  /**
   * Tried on each complete line before it is parsed: a record read cheaply
   * (LogFormat.skimLine) goes to `record` as it is; undefined, and the line
   * is parsed and classified as usual. Not tried on the last line without
   * a newline. `raw`: the line's bytes (null for a line over the cap).
   */
  skim?(text: string, raw: RawLine | null): Record<string, unknown> | undefined;
  /** Tried on a line `JSON.parse` refused, before it counts as malformed or torn (LogFormat.repairLine); its record goes to `record`. */
  repair?: LineRepair;
  /** A line read by `repair` (its record has gone, or goes next, to `record`). */
  repaired?(at: RecordAt): void;
}

export interface RecordScan extends ScanResult {
  /** The file ends in a partial line that is not a complete record (a writer mid-append). */
  pendingTail: boolean;
  /** Lines seen, blank ones and the tail included: the last line's number. */
  lines: number;
}

/**
 * Reads `path` (from `opts.fromOffset` to `opts.toOffset`) and hands every
 * line to `visitor`; blank lines are skipped. Throws what the file system
 * throws (ENOENT, EACCES) and what the visitor throws.
 */
export async function readRecords(path: string, visitor: RecordVisitor, opts: ScanOptions = {}): Promise<RecordScan> {
  const scan = await scanLines(path, lineVisitor(visitor, opts), opts);
  const tail = tailOf(scan, visitor.repair);
  if (tail.torn) visitor.torn?.(tail.at);
  if (tail.repaired) visitor.repaired?.(tail.at);
  if (tail.record) await (visitor.tail ? visitor.tail(tail.record, tail.at) : visitor.record(tail.record, tail.at));
  return tail.scan;
}

/** A visitor whose calls return nothing to await, for {@link readRecordsSync}. */
export interface SyncRecordVisitor extends RecordVisitor {
  record(value: Record<string, unknown>, at: RecordAt): void;
  tail?(value: Record<string, unknown>, at: RecordAt): void;
}

/** {@link readRecords} with synchronous reads (worker threads): the same calls, in the same order. */
export function readRecordsSync(path: string, visitor: SyncRecordVisitor, opts: ScanOptions = {}): RecordScan {
  const scan = scanLinesSync(path, lineVisitor(visitor, opts) as SyncLineHandler, opts);
  const tail = tailOf(scan, visitor.repair);
  if (tail.torn) visitor.torn?.(tail.at);
  if (tail.repaired) visitor.repaired?.(tail.at);
  if (tail.record) (visitor.tail ?? visitor.record).call(visitor, tail.record, tail.at);
  return tail.scan;
}

/** Classifies each complete line and calls the visitor (a sync visitor gives a sync handler). */
function lineVisitor(visitor: RecordVisitor, opts: ScanOptions): LineHandler {
  let lineStart = opts.fromOffset ?? 0;
  return (text, lineNo, end, raw) => {
    const at: RecordAt = { start: lineStart, lineNo, end };
    lineStart = end;
    if (text === null) return visitor.oversized?.(at);
    const skimmed = visitor.skim?.(text, raw);
    if (skimmed !== undefined) return visitor.record(skimmed, at);
    const line = classifyLine(text, visitor.repair);
    if (line.kind === 'malformed') visitor.malformed?.(at);
    else if (line.kind === 'object') {
      if (line.torn) visitor.torn?.(at);
      if (line.repaired) visitor.repaired?.(at);
      return visitor.record(line.value, at);
    }
  };
}

/** The last line without a newline: a record to hand on (`torn`: recovered after a torn part), or a pending tail (FORMAT.md §1). */
function tailOf(scan: ScanResult, repair?: LineRepair): { scan: RecordScan; record: Record<string, unknown> | null; torn: boolean; repaired: boolean; at: RecordAt } {
  let pendingTail = false;
  let record: Record<string, unknown> | null = null;
  let torn = false;
  let repaired = false;
  const at: RecordAt = { start: scan.tailOffset, lineNo: scan.nextLineNo, end: scan.tailOffset + scan.tailBytes };
  if (scan.tailBytes > 0) {
    const tail = scan.tail === null ? null : classifyLine(scan.tail, repair);
    if (tail?.kind === 'object') {
      record = tail.value;
      torn = tail.torn === true;
      repaired = tail.repaired === true;
    }
    else if (tail?.kind !== 'blank') pendingTail = true;
  }
  return { scan: { ...scan, pendingTail, lines: scan.tailBytes > 0 ? scan.nextLineNo : scan.nextLineNo - 1 }, record, torn, repaired, at };
}

/**
 * Reads a file that is one JSON document (a legacy Gemini `.json` chat)
 * and hands `explode(doc)`'s records to `visitor` as lines 1..n. The whole
 * file is read at once, so one over `maxLineBytes` is skipped as oversized;
 * one that does not parse (being rewritten) counts as one malformed line.
 * Throws what the file system throws.
 */
export async function readDocument(
  path: string,
  explode: (doc: unknown) => Record<string, unknown>[],
  visitor: RecordVisitor,
  opts: ScanOptions = {},
): Promise<RecordScan> {
  const { readFile, stat } = await import('node:fs/promises');
  const st = await stat(path);
  const read = documentRecords(st, st.size > (opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES) ? null : await readFile(path, 'utf8'), explode, visitor);
  for (let i = 0; i < read.records.length; i++) await visitor.record(read.records[i]!, { start: 0, lineNo: i + 1 });
  return read.scan;
}

/** {@link readDocument} with synchronous reads (the scan pool's workers): the same visits. */
export function readDocumentSync(path: string, explode: (doc: unknown) => Record<string, unknown>[], visitor: SyncRecordVisitor, opts: ScanOptions = {}): RecordScan {
  const st = statSync(path);
  const read = documentRecords(st, st.size > (opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES) ? null : readFileSync(path, 'utf8'), explode, visitor);
  for (let i = 0; i < read.records.length; i++) visitor.record(read.records[i]!, { start: 0, lineNo: i + 1 });
  return read.scan;
}

/**
 * A JSON document's records and its scan: `text` null means over the size
 * cap (reported as oversized); text that does not parse is one malformed line.
 */
function documentRecords(
  st: { size: number; mtimeMs: number },
  text: string | null,
  explode: (doc: unknown) => Record<string, unknown>[],
  visitor: Pick<SyncRecordVisitor, 'oversized' | 'malformed'>,
): { records: Record<string, unknown>[]; scan: RecordScan } {
  const done = (lines: number): RecordScan => ({
    endOffset: st.size,
    nextLineNo: lines + 1,
    tail: null,
    tailBytes: 0,
    tailOffset: st.size,
    size: st.size,
    mtimeMs: st.mtimeMs,
    pendingTail: false,
    lines,
  });
  if (text === null) {
    visitor.oversized?.({ start: 0, lineNo: 1 });
    return { records: [], scan: done(1) };
  }
  try {
    const records = explode(JSON.parse(text));
    return { records, scan: done(records.length) };
  } catch {
    if (st.size > 0) visitor.malformed?.({ start: 0, lineNo: 1 });
    return { records: [], scan: done(st.size > 0 ? 1 : 0) };
  }
}

/**
 * The record of the line at bytes [start, end) of `path` (a range a visitor
 * was given in `RecordAt`), read again synchronously: the same text rules as
 * the loop (BOM at offset 0, CR LF) and the same classification (a torn
 * line yields its complete suffix; `repair`, the file's format's, reads a
 * damaged line as the loop did). null when the bytes there no longer hold
 * a JSON object (the file was rewritten). Throws what the file system throws.
 */
export function readRecordAt(path: string, start: number, end: number, repair?: LineRepair): Record<string, unknown> | null {
  const buf = Buffer.allocUnsafe(Math.max(0, end - start));
  const fd = openSync(path, 'r');
  try {
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, start + got);
      if (n === 0) break;
      got += n;
    }
    let stop = got;
    if (stop > 0 && buf[stop - 1] === 0x0a) stop--;
    const line = classifyLine(decodeLine(buf, 0, stop, start), repair);
    return line.kind === 'object' ? line.value : null;
  } finally {
    closeSync(fd);
  }
}
