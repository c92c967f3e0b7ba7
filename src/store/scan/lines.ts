/**
 * Streaming line scanner: reads a JSONL file in chunks, splits on newline
 * bytes and hands each complete line to a callback. Never holds the whole
 * file in one string (ccusage's "Invalid string length" on a 734 MB log is
 * the failure this avoids), caps a line's size and reports what it skipped.
 * One splitter ({@link LineSplitter}) serves two read loops: the async one
 * (the main thread, backpressure for streamed output) and the synchronous
 * one (worker threads, where blocking costs nothing and saves the promise
 * round trips of many small files).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { RawLine } from '../sources/format.js';
import { CHECK_BYTES, checkOf } from './check-hash.js';

/** Lines longer than this are skipped and counted as oversized. */
export const DEFAULT_MAX_LINE_BYTES = 32 * 1024 * 1024;
/** Most session files are smaller than this: one read, little garbage. */
const CHUNK_BYTES = 64 * 1024;
/**
 * The synchronous loop's reusable buffer (one per thread): nine session
 * files in ten fit in one read, and a multi-MB line is copied out of few
 * chunks. A file is read up to the size `fstat` gave, so a file that fits
 * costs open, fstat, one read and close.
 */
const SYNC_CHUNK_BYTES = 1024 * 1024;
/**
 * Complete lines are decoded this many bytes at a time. V8 puts a string of
 * 128 KiB or more in its large-object space, and making one costs about
 * 40 times as much per byte as a smaller one (measured on Node 20: 64 KB
 * pieces of a 5 MB log decode at ~7 GB/s, 1 MB pieces at ~0.25 GB/s, more
 * than the JSON.parse of the same bytes). 56 KiB of UTF-8 stays under the
 * limit even when the text needs two bytes a character.
 */
const DECODE_WINDOW = 56 * 1024;
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
  /** {@link scanLinesSync}: also return the check hash of the bytes before `endOffset` (check-hash.ts), read from the same buffer. */
  check?: boolean;
  /** @internal Tests: the synchronous loop's read size in bytes (default 1 MB). */
  chunkBytes?: number;
  /**
   * {@link scanLines}: checked before each read; once aborted, the scan
   * throws the signal's reason (an AbortError) and the file is closed.
   */
  signal?: AbortSignal;
}

/**
 * One complete line: `text` is null when the line was over the cap; `raw`
 * its bytes (sources/format.ts RawLine, valid during the call only), null
 * then too. A handler that returns a promise is awaited before the next
 * line is read (backpressure for streamed output); a plain `void` handler
 * costs nothing.
 */
export type LineHandler = (text: string | null, lineNo: number, endOffset: number, raw: RawLine | null) => void | Promise<void>;

/** A handler for {@link scanLinesSync}: nothing is awaited. */
export type SyncLineHandler = (text: string | null, lineNo: number, endOffset: number, raw: RawLine | null) => void;

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
  /** With `check`: hash of the (up to) CHECK_BYTES bytes that end at `endOffset` (check-hash.ts bytesBefore). */
  check?: string;
}

/**
 * Scans `path` from `fromOffset`, calling `onLine` for every complete line.
 * CR before LF is dropped; a UTF-8 BOM at offset 0 is dropped.
 * Throws what the file system throws, what `onLine` throws, and the
 * reason of `opts.signal` once it is aborted.
 */
export async function scanLines(path: string, onLine: LineHandler, opts: ScanOptions = {}): Promise<ScanResult> {
  const handle = await open(path, 'r');
  try {
    const stat = await handle.stat();
    const lines = new LineSplitter(opts);
    const buf = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      opts.signal?.throwIfAborted();
      const want = lines.want(CHUNK_BYTES);
      if (want <= 0) break;
      const { bytesRead } = await handle.read(buf, 0, want, lines.position);
      if (bytesRead === 0) break;
      lines.feed(buf, bytesRead);
      while (lines.next()) {
        const waiting = onLine(lines.text, lines.lineNo, lines.end, lines.raw);
        // `buf` is not read into again before this resolves, and lines are copied out of it.
        if (waiting) await waiting;
      }
    }
    return lines.result(stat.mtimeMs);
  } finally {
    await handle.close();
  }
}

/** The synchronous twin's read buffer, reused: one file at a time per thread. */
let syncBuf: Buffer | null = null;

/**
 * {@link scanLines} with synchronous reads (for worker threads, where
 * blocking the thread costs nothing): same lines, same result, except that
 * a regular file is read up to the size its `fstat` gave (one read for a
 * small file, no second read to find the end). Throws what the file system
 * throws (ENOENT, EACCES) and what `onLine` throws.
 */
export function scanLinesSync(path: string, onLine: SyncLineHandler, opts: ScanOptions = {}): ScanResult {
  const fd = openSync(path, 'r');
  const chunkBytes = opts.chunkBytes ?? SYNC_CHUNK_BYTES;
  // A handler that scans another file meanwhile gets a buffer of its own.
  const buf = syncBuf !== null && syncBuf.length === chunkBytes ? syncBuf : Buffer.allocUnsafe(chunkBytes);
  syncBuf = null;
  try {
    const stat = fstatSync(fd);
    const lines = new LineSplitter(stat.isFile() ? { ...opts, toOffset: Math.min(opts.toOffset ?? Infinity, stat.size) } : opts);
    // Where the chunk now in `buf` starts in the file, and its length.
    let chunkAt = 0;
    let chunkLen = 0;
    for (;;) {
      const want = lines.want(chunkBytes);
      if (want <= 0) break;
      const at = lines.position;
      const bytesRead = readSync(fd, buf, 0, want, at);
      if (bytesRead === 0) break;
      chunkAt = at;
      chunkLen = bytesRead;
      lines.feed(buf, bytesRead);
      while (lines.next()) onLine(lines.text, lines.lineNo, lines.end, lines.raw);
    }
    const result = lines.result(stat.mtimeMs);
    if (opts.check) result.check = endCheck(fd, buf, chunkAt, chunkLen, result.endOffset);
    return result;
  } finally {
    syncBuf = buf;
    closeSync(fd);
  }
}

/** The check hash of the bytes before `end`: from the last chunk when it holds them, else read again from `fd`. */
function endCheck(fd: number, chunk: Buffer, chunkAt: number, chunkLen: number, end: number): string {
  const from = Math.max(0, end - CHECK_BYTES);
  if (from >= chunkAt && end <= chunkAt + chunkLen) return checkOf(chunk.subarray(from - chunkAt, end - chunkAt));
  const bytes = Buffer.alloc(end - from);
  readSync(fd, bytes, 0, bytes.length, from);
  return checkOf(bytes);
}

/**
 * The one line-splitting implementation, fed chunk by chunk by a read loop:
 * `feed` a chunk read at `position`, then call `next` until it returns false;
 * each true leaves the line in `text` (null when over the cap), `lineNo`
 * and `end` (the offset after its newline). Pieces of a line are copied out
 * of the chunk, so the caller may reuse its buffer after `next` is false.
 */
class LineSplitter {
  /** Where the next chunk is read from. */
  position: number;
  text: string | null = null;
  /** The line's bytes (in the chunk, or joined when the line spanned reads); null for a line over the cap. One object, reused. */
  raw: RawLine | null = null;
  lineNo = 0;
  end = 0;
  private readonly rawLine: RawLine = { buf: Buffer.alloc(0), start: 0, end: 0 };
  private nextLineNo: number;
  private lineStart: number;
  private readonly maxLine: number;
  private readonly stopAt: number;
  /** Pieces of the current line that span chunk boundaries. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private oversized = false;
  private chunk: Buffer | null = null;
  private chunkBytes = 0;
  private from = 0;
  /**
   * A window of the chunk's complete lines, decoded in one call (decoding
   * line by line cost a native call and a string each; a whole 1 MB chunk
   * at once is a large-object string, see DECODE_WINDOW): from the first
   * line not yet decoded to a newline, which ends at byte `decodedEnd`. `cursor` is where the next line starts in it. A newline
   * byte is never part of a multi-byte UTF-8 sequence, so each newline
   * byte is one '\n' here and a line decodes as it would alone.
   */
  private decoded: string | null = null;
  private decodedEnd = 0;
  private cursor = 0;

  constructor(opts: ScanOptions) {
    this.position = opts.fromOffset ?? 0;
    this.lineStart = this.position;
    this.nextLineNo = opts.firstLineNo ?? 1;
    this.maxLine = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.stopAt = opts.toOffset ?? Infinity;
  }

  /** How many bytes to read next (at most `chunk`); 0 = stop. */
  want(chunk: number): number {
    return Math.min(chunk, this.stopAt - this.position);
  }

  feed(chunk: Buffer, bytesRead: number): void {
    this.chunk = chunk;
    this.chunkBytes = bytesRead;
    this.from = 0;
    this.decoded = null;
  }

  next(): boolean {
    const buf = this.chunk;
    if (buf === null) return false;
    const bytesRead = this.chunkBytes;
    while (this.from < bytesRead) {
      const from = this.from;
      const nl = buf.indexOf(NEWLINE, from);
      const stop = nl === -1 || nl >= bytesRead ? bytesRead : nl;
      const pieceLen = stop - from;
      if (stop < bytesRead && this.pendingBytes === 0 && !this.oversized && pieceLen <= this.maxLine) {
        // The whole line is in this chunk (the common case): cut from the chunk's decoded lines, no copy.
        this.text = this.decodedLine(buf, from, nl);
        this.raw = this.rawAt(buf, from, nl);
        return this.emitted(nl);
      }
      if (!this.oversized) {
        if (this.pendingBytes + pieceLen > this.maxLine) {
          this.oversized = true;
          this.pending = [];
          this.pendingBytes = 0;
        } else if (pieceLen > 0) {
          this.pending.push(Buffer.from(buf.subarray(from, stop)));
          this.pendingBytes += pieceLen;
        }
      }
      if (stop === bytesRead) break; // no newline in the rest of this chunk
      if (this.oversized) {
        this.text = null;
        this.raw = null;
      } else {
        // A line pieced together from chunks: its bytes are offered too, joined (a format reading bytes reads it the same way).
        const joined = joinPieces(this.pending, this.pendingBytes);
        this.text = decodeLine(joined, 0, this.pendingBytes, this.lineStart);
        this.raw = this.rawAt(joined, 0, this.pendingBytes);
      }
      // A line over the cap among the decoded ones: its text is skipped there too.
      if (this.decoded !== null && nl < this.decodedEnd) this.cursor = this.decoded.indexOf('\n', this.cursor) + 1;
      return this.emitted(nl);
    }
    this.position += bytesRead;
    this.chunk = null;
    return false;
  }

  /** The reused {@link raw} object set to `buf[start, end)`. */
  private rawAt(buf: Buffer, start: number, end: number): RawLine {
    const raw = this.rawLine;
    raw.buf = buf;
    raw.start = start;
    raw.end = end;
    return raw;
  }

  /**
   * The text of the line at byte `from` of the chunk, whose newline is at
   * `nl`; decodes the next window of complete lines first when needed.
   */
  private decodedLine(buf: Buffer, from: number, nl: number): string {
    if (this.decoded === null || from >= this.decodedEnd) {
      // Up to DECODE_WINDOW bytes of whole lines, at least this one line.
      const windowEnd = buf.lastIndexOf(NEWLINE, Math.min(this.chunkBytes, from + DECODE_WINDOW) - 1) + 1;
      this.decodedEnd = Math.max(windowEnd, nl + 1);
      this.decoded = buf.toString('utf8', from, this.decodedEnd);
      this.cursor = 0;
    }
    const text = this.decoded;
    let start = this.cursor;
    let end = text.indexOf('\n', start);
    this.cursor = end + 1;
    // As decodeLine: a UTF-8 BOM at file offset 0 (U+FEFF has no other encoding) and a CR before the newline are dropped.
    if (this.lineStart === 0 && text.charCodeAt(start) === 0xfeff) start++;
    if (end > start && text.charCodeAt(end - 1) === 0x0d) end--;
    return text.slice(start, end);
  }

  /** Ends the line whose newline is at `nl` in the current chunk. */
  private emitted(nl: number): true {
    const end = this.position + nl + 1;
    this.lineNo = this.nextLineNo++;
    this.end = end;
    if (this.pendingBytes > 0) this.pending = [];
    this.pendingBytes = 0;
    this.oversized = false;
    this.lineStart = end;
    this.from = nl + 1;
    return true;
  }

  /** What the scan saw, once every chunk was fed and drained. */
  result(mtimeMs: number): ScanResult {
    const tailBytes = this.position - this.lineStart;
    const tail = tailBytes > 0 && !this.oversized ? decodeJoined(this.pending, this.pendingBytes, this.lineStart) : null;
    return { endOffset: this.lineStart, nextLineNo: this.nextLineNo, tail, tailBytes, tailOffset: this.lineStart, size: this.position, mtimeMs };
  }
}

function decodeJoined(pieces: Buffer[], bytes: number, startOffset: number): string {
  return decodeLine(joinPieces(pieces, bytes), 0, bytes, startOffset);
}

/** The pieces of a line as one buffer (the piece itself when there is one). */
function joinPieces(pieces: Buffer[], bytes: number): Buffer {
  return pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, bytes);
}

/** `buf[start, end)` as text; a UTF-8 BOM at file offset 0 and a CR before the newline are dropped. */
export function decodeLine(buf: Buffer, start: number, end: number, startOffset: number): string {
  if (startOffset === 0 && end - start >= 3 && buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf) start += 3;
  if (end > start && buf[end - 1] === CR) end--;
  return buf.toString('utf8', start, end);
}
