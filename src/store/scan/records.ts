/**
 * The one read loop (DESIGN.md: scan/ is the only code that opens logs):
 * the line scanner, line classification (FORMAT.md §2: blank, malformed, a
 * JSON object) and the rule for a last line without a newline (FORMAT.md
 * §1: read once it is a complete record, else a pending tail). The summary
 * reader, the transcript pass and doctor are visitors of this loop.
 */
import { classifyLine } from './classify.js';
import { scanLines, type ScanOptions, type ScanResult } from './lines.js';

/** Where a line sits in its file. */
export interface RecordAt {
  /** Byte offset where the line starts. */
  start: number;
  /** 1-based line number. */
  lineNo: number;
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
  let lineStart = opts.fromOffset ?? 0;
  const scan = await scanLines(
    path,
    (text, lineNo, end) => {
      const at: RecordAt = { start: lineStart, lineNo };
      lineStart = end;
      if (text === null) return visitor.oversized?.(at);
      const line = classifyLine(text);
      if (line.kind === 'malformed') visitor.malformed?.(at);
      else if (line.kind === 'object') {
        if (line.torn) visitor.torn?.(at);
        return visitor.record(line.value, at);
      }
    },
    opts,
  );
  let pendingTail = false;
  if (scan.tailBytes > 0) {
    const tail = scan.tail === null ? null : classifyLine(scan.tail);
    const at: RecordAt = { start: scan.tailOffset, lineNo: scan.nextLineNo };
    if (tail?.kind === 'object' && tail.torn) visitor.torn?.(at);
    if (tail?.kind === 'object') await (visitor.tail ? visitor.tail(tail.value, at) : visitor.record(tail.value, at));
    else if (tail?.kind !== 'blank') pendingTail = true;
  }
  return { ...scan, pendingTail, lines: scan.tailBytes > 0 ? scan.nextLineNo : scan.nextLineNo - 1 };
}
