/**
 * Streaming line scanner: reads a JSONL file in chunks, splits on newline
 * bytes and hands each complete line to a callback. Never holds the whole
 * file in one string (ccusage's "Invalid string length" on a 734 MB log is
 * the failure this avoids), caps a line's size and reports what it skipped.
 */
import { open } from 'node:fs/promises';

/** Lines longer than this are skipped and counted as oversized. */
export const DEFAULT_MAX_LINE_BYTES = 32 * 1024 * 1024;
/** Most session files are smaller than this: one read, little garbage. */
const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;
const CR = 0x0d;

export interface ScanOptions {
  /** Byte offset to start at (the end of a line already consumed). */
  fromOffset?: number;
  /** 1-based number of the first line read (for resumed scans). */
  firstLineNo?: number;
  maxLineBytes?: number;
  /**
   * Byte offset to stop at (default: the end of the file). Bytes from here on
   * are not read, so a second pass over a file that is still growing sees
   * exactly what the first pass saw.
   */
  toOffset?: number;
}

/**
 * One complete line: `text` is null when the line was over the cap. A
 * handler that returns a promise is awaited before the next line is read
 * (backpressure for streamed output); a plain `void` handler costs nothing.
 */
export type LineHandler = (text: string | null, lineNo: number, endOffset: number) => void | Promise<void>;

export interface ScanResult {
  /** Offset just after the last complete line (where the next scan starts). */
  endOffset: number;
  /** Number of the next line to be read. */
  nextLineNo: number;
  /** Bytes after the last newline (no newline yet), decoded; null when none or over the cap. */
  tail: string | null;
  /** How many bytes follow the last newline (0 = the file ends with one). */
  tailBytes: number;
  /** Offset where the tail starts (== endOffset). */
  tailOffset: number;
  /** File size seen by this scan. */
  size: number;
  /** Modification time of the file (ms since epoch). */
  mtimeMs: number;
}

/**
 * Scans `path` from `fromOffset`, calling `onLine` for every complete line.
 * CR before LF is dropped; a UTF-8 BOM at offset 0 is dropped.
 */
export async function scanLines(path: string, onLine: LineHandler, opts: ScanOptions = {}): Promise<ScanResult> {
  const maxLine = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  let lineNo = opts.firstLineNo ?? 1;
  const handle = await open(path, 'r');
  try {
    const stat = await handle.stat();
    let position = opts.fromOffset ?? 0;
    let lineStart = position;
    // Pieces of the current line that span chunk boundaries.
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let oversized = false;
    const buf = Buffer.allocUnsafe(CHUNK_BYTES);

    const emit = (lineBuf: Buffer | null, start: number, end: number): void | Promise<void> =>
      onLine(oversized || lineBuf === null ? null : decodeLine(lineBuf, start), lineNo++, end);
    const stopAt = opts.toOffset ?? Infinity;

    for (;;) {
      const want = Math.min(CHUNK_BYTES, stopAt - position);
      if (want <= 0) break;
      const { bytesRead } = await handle.read(buf, 0, want, position);
      if (bytesRead === 0) break;
      let from = 0;
      while (from < bytesRead) {
        const nl = buf.indexOf(NEWLINE, from);
        const stop = nl === -1 || nl >= bytesRead ? bytesRead : nl;
        const pieceLen = stop - from;
        if (!oversized) {
          if (pendingBytes + pieceLen > maxLine) {
            oversized = true;
            pending = [];
            pendingBytes = 0;
          } else if (pieceLen > 0) {
            pending.push(Buffer.from(buf.subarray(from, stop)));
            pendingBytes += pieceLen;
          }
        }
        if (stop === bytesRead) break; // no newline in the rest of this chunk
        const end = position + nl + 1;
        const waiting = emit(oversized ? null : Buffer.concat(pending, pendingBytes), lineStart, end);
        // `buf` is not read into again before this resolves, and pieces were copied out of it.
        if (waiting) await waiting;
        pending = [];
        pendingBytes = 0;
        oversized = false;
        lineStart = end;
        from = nl + 1;
      }
      position += bytesRead;
    }

    const tailBytes = position - lineStart;
    const tail = tailBytes > 0 && !oversized ? decodeLine(Buffer.concat(pending, pendingBytes), lineStart) : null;
    return {
      endOffset: lineStart,
      nextLineNo: lineNo,
      tail,
      tailBytes,
      tailOffset: lineStart,
      size: position,
      mtimeMs: stat.mtimeMs,
    };
  } finally {
    await handle.close();
  }
}

function decodeLine(line: Buffer, startOffset: number): string {
  let start = 0;
  let end = line.length;
  if (startOffset === 0 && end >= 3 && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) start = 3;
  if (end > start && line[end - 1] === CR) end--;
  return line.toString('utf8', start, end);
}
