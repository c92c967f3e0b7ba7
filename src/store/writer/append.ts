/**
 * The safe appender every writer uses (format §1): one record is one JSON
 * line written with one `write`, files are 0600 and folders 0700 whatever the
 * umask, and a torn last line left by a crashed writer is moved aside before
 * anything is appended, so a new record is never glued onto half an old one.
 *
 * Sync I/O on purpose: a logger that returns only once the line is in the
 * kernel is simpler to reason about (and to call from exit handlers) than one
 * with a queue of pending promises.
 */
import fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { serializeRecord } from '../../format/json.js';
import { classifyLine } from '../scan/classify.js';
import { DEFAULT_MAX_LINE_BYTES } from '../scan/lines.js';
import { projectDir, projectIdOf } from '../project.js';
import { assertNoSymlinks } from '../actions/safe-path.js';
import { withFileLock } from './lock.js';
import { resolveProjectRoot } from './root.js';

export { serializeRecord };

/** Mode of every folder the writer creates. */
export const DIR_MODE = 0o700;
/** Mode of every file the writer creates. */
export const FILE_MODE = 0o600;

const NEWLINE = 0x0a;
// O_NOFOLLOW: a session path that is a symlink must not redirect our writes
// elsewhere (the readers ignore symlinks too). Absent on Windows: then 0.
const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const APPEND_FLAGS = fs.constants.O_RDWR | fs.constants.O_APPEND | fs.constants.O_CREAT | NOFOLLOW;

/**
 * Creates `dir` and any missing ancestors with mode 0700. `mkdir`'s mode is
 * masked by the umask, so each folder we create is chmod-ed explicitly;
 * folders that already existed are left as their owner made them.
 */
export function ensureDir(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !fs.existsSync(d); d = dirname(d)) {
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing.reverse()) {
    try {
      fs.mkdirSync(d, { mode: DIR_MODE });
    } catch (err) {
      // Another process made it first: not ours to chmod.
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw err;
    }
    fs.chmodSync(d, DIR_MODE);
  }
}

/** Where a project's sessions go, and its id. */
export interface ProjectFolder {
  projectId: string;
  /** The canonical project root the id was computed from. */
  root: string;
  dir: string;
}

/**
 * Creates `<home>/projects/<id>/` (0700 for every folder created) and writes
 * its `project.json` `{"root": ...}` (0600) when absent, so the all-projects
 * view can show the real path. Throws UnsafePathError when `projects/` or
 * the project folder is a symlink. The root is canonicalised as the browser does
 * (see `resolveProjectRoot`) so the browser finds what we write.
 */
export function ensureProjectDir(home: string, projectRoot: string): ProjectFolder {
  const root = resolveProjectRoot(projectRoot);
  const projectId = projectIdOf(root);
  const dir = projectDir(home, projectId);
  // `projects/` or the project folder as a symlink would carry every record outside the home.
  assertNoSymlinks(home, dir);
  ensureDir(dir);
  assertNoSymlinks(home, dir);
  const file = join(dir, 'project.json');
  if (!fs.existsSync(file)) {
    let fd: number;
    try {
      // Exclusive create: two writers starting at once write it only once.
      fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | NOFOLLOW, FILE_MODE);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { projectId, root, dir };
      throw err;
    }
    try {
      fs.fchmodSync(fd, FILE_MODE);
      writeAll(fd, Buffer.from(serializeRecord({ root })));
    } finally {
      fs.closeSync(fd);
    }
  }
  return { projectId, root, dir };
}

/** Options of `appendRecord`. */
export interface AppendOptions {
  /** Clock for the note in the `.torn` file (ms since epoch). */
  now?: () => number;
}

/**
 * Appends one record to a JSONL file as one `write` of one whole line. The
 * file is created 0600 when absent. When its last byte is not a newline, the
 * tail is repaired first: a complete JSON object (a record whose writer
 * simply omitted the newline) is kept and terminated; anything else is a torn
 * fragment, appended to `<file>.torn` with a timestamped note and cut from
 * the file. Writers of one file take turns (withFileLock, `<file>.lock`, with
 * stale locks of dead writers broken), so another writer's half-written line
 * is never taken for torn, and records never interleave. When it returns,
 * the record is on disk (fdatasync). Throws LockTimeoutError when a live
 * writer holds the lock for 30 s, and what the file system throws.
 */
export function appendRecord(path: string, obj: object, opts: AppendOptions = {}): void {
  // Serialise first: a record that cannot be written must not touch the file.
  const line = serializeRecord(obj);
  withFileLock(path, () => {
    const fd = openForAppend(path);
    try {
      const prefix = repairTail(fd, path, opts.now ?? Date.now);
      writeAll(fd, Buffer.from(prefix + line));
      // Returned means durable: the record is on disk, not only in the page cache.
      fs.fdatasyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  });
}

/**
 * Creates an empty file (0600 whatever the umask), failing with EEXIST when
 * one is already there: how a logger claims a session id.
 */
export function createExclusive(path: string): void {
  const fd = fs.openSync(path, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | NOFOLLOW, FILE_MODE);
  try {
    fs.fchmodSync(fd, FILE_MODE);
  } finally {
    fs.closeSync(fd);
  }
}

/** Opens for append, creating 0600 (chmod after an exclusive create beats the umask). */
function openForAppend(path: string): number {
  try {
    const fd = fs.openSync(path, APPEND_FLAGS | fs.constants.O_EXCL, FILE_MODE);
    try {
      fs.fchmodSync(fd, FILE_MODE);
    } catch (err) {
      fs.closeSync(fd);
      throw err;
    }
    return fd;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return fs.openSync(path, APPEND_FLAGS, FILE_MODE);
}

/**
 * Writes a buffer with one `write` call. A regular file takes it whole; the
 * loop only guards against a short write (e.g. the disk filling up), which
 * would otherwise silently drop the end of a record.
 */
export function writeAll(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
}

/**
 * Makes the file end with a newline before the next record. Returns the text
 * to put before the record: "\n" when a complete tail is kept, else "".
 */
function repairTail(fd: number, path: string, now: () => number): string {
  const size = fs.fstatSync(fd).size;
  if (size === 0) return '';
  const last = Buffer.alloc(1);
  fs.readSync(fd, last, 0, 1, size - 1);
  if (last[0] === NEWLINE) return '';

  const start = lastNewline(fd, size) + 1;
  const length = size - start;
  if (length <= DEFAULT_MAX_LINE_BYTES) {
    const tail = Buffer.alloc(length);
    readFully(fd, tail, start);
    const kind = classifyLine(tail.toString('utf8')).kind;
    // A complete record or stray whitespace: nothing is lost by ending the line.
    if (kind !== 'malformed') return '\n';
    moveAside(path, [tail], start, now);
  } else {
    moveAside(path, chunksOf(fd, start, size), start, now);
  }
  fs.ftruncateSync(fd, start);
  return '';
}

/** Offset of the last newline byte before `size`, or -1 when there is none. */
export function lastNewline(fd: number, size: number): number {
  const chunk = Buffer.alloc(64 * 1024);
  let end = size;
  while (end > 0) {
    const from = Math.max(0, end - chunk.length);
    const n = end - from;
    readFully(fd, chunk.subarray(0, n), from);
    const i = chunk.subarray(0, n).lastIndexOf(NEWLINE);
    if (i !== -1) return from + i;
    end = from;
  }
  return -1;
}

/** Reads exactly `buf.length` bytes at `position`. */
export function readFully(fd: number, buf: Buffer, position: number): void {
  let off = 0;
  while (off < buf.length) {
    const n = fs.readSync(fd, buf, off, buf.length - off, position + off);
    if (n === 0) throw new Error('file shrank while its tail was being read');
    off += n;
  }
}

function* chunksOf(fd: number, start: number, end: number): Generator<Buffer> {
  const size = 1024 * 1024;
  for (let pos = start; pos < end; pos += size) {
    const buf = Buffer.alloc(Math.min(size, end - pos));
    readFully(fd, buf, pos);
    yield buf;
  }
}

/**
 * Appends a torn fragment, byte for byte, to `<file>.torn` (0600) after a
 * note of when and from where it was cut, so nothing is ever lost silently.
 */
function moveAside(path: string, pieces: Iterable<Buffer>, offset: number, now: () => number): void {
  const fd = openForAppend(`${path}.torn`);
  try {
    const note = `# torn tail of ${basename(path)} moved aside at ${new Date(now()).toISOString()} from byte offset ${offset}\n`;
    writeAll(fd, Buffer.from(note));
    for (const piece of pieces) writeAll(fd, piece);
    writeAll(fd, Buffer.from('\n'));
  } finally {
    fs.closeSync(fd);
  }
}
