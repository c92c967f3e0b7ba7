/**
 * What other agents' locations learn from the first lines of a session
 * file before any summary is read: its recorded working directory (project
 * scope), its own session id, its parent (Codex subagent threads). A
 * location reads a head once per file and keeps it in a {@link HeadMemo}
 * (persisted by the catalog), so a start-up does not re-read every file.
 */
import { closeSync, openSync, readSync } from 'node:fs';

/** Facts from a file's head; any may be missing. */
export interface HeadFacts {
  /** The recorded working directory (Claude `cwd`, Codex `session_meta.cwd`). */
  cwd?: string;
  /** The agent's own session id (Claude `sessionId`, Codex `session_meta` id, Gemini `sessionId`). */
  id?: string;
  /** The parent session or thread (a Codex subagent's `parent_thread_id`, a Claude `agent-*` file's `sessionId`). */
  parent?: string;
  /** Gemini `projectHash` (sha256 of the project root). */
  projectHash?: string;
  /** Gemini `kind` (`main`, `subagent`). */
  kind?: string;
}

/** Remembered heads, keyed by path and valid while the file keeps its inode (heads never change once written). */
export interface HeadMemo {
  get(path: string, ino: number): HeadFacts | undefined;
  set(path: string, ino: number, facts: HeadFacts): void;
  /** Persists what changed, if the memo persists at all. Never throws. */
  save?(): void;
}

/** A memo that lives as long as the process: the default. */
export function memoryHeadMemo(): HeadMemo {
  const map = new Map<string, { ino: number; facts: HeadFacts }>();
  return {
    get: (path, ino) => {
      const hit = map.get(path);
      return hit && hit.ino === ino ? hit.facts : undefined;
    },
    set: (path, ino, facts) => void map.set(path, { ino, facts }),
  };
}

/** Bytes of a file's head read to find its facts: 256 KB. */
export const HEAD_BYTES = 256 * 1024;

/** The first read of a head, in bytes: most records that name a cwd and id fit in it. */
const FIRST_READ_BYTES = 16 * 1024;

/**
 * The JSON objects among the first complete lines of `path` (at most
 * `maxLines`, within `maxBytes`), read only as far as needed: 16 KB first,
 * then four times more at a time, and no further once `until` says a
 * record gave what the caller wanted (that record is the last returned).
 * Lines are decoded one at a time, so a head costs what its first records
 * cost, not 256 KB of text (a cold start reads the head of every session
 * file of a Claude home on the main thread). Lines that are not JSON
 * objects are skipped; a line cut by the byte limit is dropped; a last
 * line without a newline at the end of the file is read. Throws what the
 * file system throws. Synchronous: a location that reads many heads in a
 * row (a cold scan of a Claude home reads ~2,000) costs a few system calls
 * a file this way, where every awaited open, read and close was a round
 * trip through libuv's thread pool and its promises (0.45 s against 0.17 s
 * for 1,837 heads).
 */
export function readHeadRecordsSync(
  path: string,
  maxLines = 40,
  maxBytes = HEAD_BYTES,
  until?: (record: Record<string, unknown>) => boolean,
): Record<string, unknown>[] {
  const fd = openSync(path, 'r');
  // The first read goes into this thread's buffer, taken while in use: a fresh 16 KB buffer a head (its
  // allocation and the page faults of reading into it) cost more than the read itself.
  const first = syncFirstRead !== null && maxBytes >= FIRST_READ_BYTES ? (syncFirstRead ?? Buffer.allocUnsafe(FIRST_READ_BYTES)) : undefined;
  if (first) syncFirstRead = null;
  try {
    const out: Record<string, unknown>[] = [];
    // 16 KB first, then four times more at a time, up to maxBytes.
    let buf = first ?? Buffer.allocUnsafe(Math.min(FIRST_READ_BYTES, maxBytes));
    let have = 0;
    let lineStart = 0;
    for (;;) {
      have += readSync(fd, buf, have, buf.length - have, have);
      const atEnd = have < buf.length;
      const read = buf.subarray(0, have);
      for (;;) {
        let nl = read.indexOf(0x0a, lineStart);
        if (nl === -1) {
          if (!atEnd || lineStart >= have) break;
          nl = have; // the file's last line, without a newline
        }
        const record = headRecord(buf.toString('utf8', lineStart, nl));
        lineStart = nl + 1;
        if (record) {
          out.push(record);
          if (out.length >= maxLines || until?.(record)) return out;
        }
      }
      if (atEnd || buf.length >= maxBytes) return out;
      const bigger = Buffer.allocUnsafe(Math.min(buf.length * 4, maxBytes));
      buf.copy(bigger, 0, 0, have);
      buf = bigger;
    }
  } finally {
    if (first) syncFirstRead = first;
    closeSync(fd);
  }
}

/** {@link readHeadRecordsSync}'s first-read buffer, reused (records are decoded out of it before it is given back): undefined until first needed, null while in use. */
let syncFirstRead: Buffer | null | undefined;

/** A head line as a JSON object (a BOM before it skipped, as the read loop skips it); null for a blank line or one that is not a JSON object (a pretty-printed document's line). */
function headRecord(text: string): Record<string, unknown> | null {
  const line = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!line.trim()) return null;
  try {
    const v = JSON.parse(line) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The first `bytes` bytes of `path` as text (less when the file is shorter). Throws what the file system throws. */
export function readHeadTextSync(path: string, bytes: number): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(bytes);
    const read = readSync(fd, buf, 0, bytes, 0);
    return buf.toString('utf8', 0, read);
  } finally {
    closeSync(fd);
  }
}
