/**
 * Writes that never follow a symlink (issue 9, "writes through symlinks").
 * Reading through a symlinked project folder is fine, but every file we
 * create or replace (exports, the trash, the writer's sessions) must land in
 * the folder it names: a planted symlink must not redirect a write onto a
 * file outside the home. Folders below a base (the home) are checked with
 * lstat, the file itself is opened with O_NOFOLLOW and checked with fstat
 * after the open (so a swap between check and open cannot fool it).
 */
import fs from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { sanitize } from '../../format/sanitize.js';

const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/** A write refused because its path goes through a symlink, leaves its base, or names a file shared with another. */
export class UnsafePathError extends Error {
  override name = 'UnsafePathError';
}

/** Thrown when an output path is the very file being read (writing it would truncate the log first). */
export class SameFileError extends Error {
  override name = 'SameFileError';
}

/**
 * Thrown by {@link openNoFollow} with `replace: false` when `path` is an
 * existing regular file: it is left as it was (neither opened for writing
 * nor truncated). The caller says what to do instead (`--force`).
 */
export class ExistingFileError extends Error {
  override name = 'ExistingFileError';
  constructor(readonly path: string) {
    super(`refusing to replace ${shown(path)}: the file exists`);
  }
}

const shown = (path: string): string => sanitize(path, { singleLine: true });

/**
 * Throws UnsafePathError unless `path` lies under `base` and neither it nor
 * any folder between `base` and it is a symlink. Parts that do not exist yet
 * have nothing to follow. `base` itself may be a symlink (the user chose it).
 */
export function assertNoSymlinks(base: string, path: string, verb = 'write'): void {
  const rel = relative(base, path);
  if (rel === '') return;
  if (rel.startsWith('..') || isAbsolute(rel)) throw new UnsafePathError(`refusing to ${verb} ${shown(path)}: it is outside ${shown(base)}`);
  let current = base;
  for (const part of rel.split(/[\\/]/)) {
    current = join(current, part);
    const st = fs.lstatSync(current, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isSymbolicLink()) throw new UnsafePathError(`refusing to ${verb} ${shown(path)}: ${shown(current)} is a symbolic link`);
  }
}

/**
 * Creates `dir` under `base` (missing folders 0700) and makes sure it and
 * every folder between is a real folder, before and after creating them:
 * a symlink planted while they were made is caught too.
 */
export function ensureRealDir(base: string, dir: string): void {
  assertNoSymlinks(base, dir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  assertNoSymlinks(base, dir);
  if (!fs.lstatSync(dir).isDirectory()) throw new UnsafePathError(`refusing to write into ${shown(dir)}: it is not a folder`);
}

/**
 * Opens `path` for writing (created with `mode`, truncated when it is a
 * regular file) without following a symlink. Refused: a symlink (ELOOP),
 * a regular file with other hard links (writing it would change the other
 * names too), and the file `readFrom` (SameFileError: it would be truncated
 * before it is read). A FIFO or a device (`/dev/null`) is written as it is.
 * `replace: false` (default true) refuses an existing regular file too
 * (ExistingFileError), untouched: the file is created with O_EXCL, so one
 * that appears between a check and the open is never truncated either.
 * Other open failures are thrown as the file system gives them.
 */
export function openNoFollow(path: string, mode = 0o600, readFrom?: string, opts: { replace?: boolean } = {}): number {
  const replace = opts.replace ?? true;
  let fd: number;
  try {
    fd = openForWrite(path, mode, replace);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    // ELOOP on Linux and macOS, EMLINK on FreeBSD; with O_EXCL a symlink is EEXIST (checked in openForWrite).
    if ((e.code === 'ELOOP' || e.code === 'EMLINK') && fs.lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) {
      throw new UnsafePathError(`refusing to write ${shown(path)}: it is a symbolic link`);
    }
    throw err;
  }
  try {
    const st = fs.fstatSync(fd);
    if (readFrom !== undefined) {
      const src = fs.statSync(readFrom, { throwIfNoEntry: false });
      if (src && src.dev === st.dev && src.ino === st.ino) {
        throw new SameFileError(`refusing to write ${shown(path)}: it is the session log being read`);
      }
    }
    if (st.isFile()) {
      if (st.nlink > 1) throw new UnsafePathError(`refusing to write ${shown(path)}: it has ${st.nlink} hard links, writing it would change another file`);
      fs.ftruncateSync(fd, 0);
    }
    return fd;
  } catch (err) {
    fs.closeSync(fd);
    throw err;
  }
}

/**
 * The open of {@link openNoFollow}, never truncating (the caller truncates
 * once the file passed its checks). Without `replace`: O_EXCL, and when
 * something is already there, a symlink is refused, a regular file is
 * ExistingFileError, and anything else (a FIFO, a device, a folder: nothing
 * a write replaces) is opened as it is, without O_CREAT; if that turns out
 * to be a regular file after all (swapped in meanwhile), it is refused too.
 */
function openForWrite(path: string, mode: number, replace: boolean): number {
  const base = fs.constants.O_WRONLY | NOFOLLOW;
  if (replace) return fs.openSync(path, base | fs.constants.O_CREAT, mode);
  try {
    return fs.openSync(path, base | fs.constants.O_CREAT | fs.constants.O_EXCL, mode);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const there = fs.lstatSync(path, { throwIfNoEntry: false });
  if (there?.isSymbolicLink()) throw new UnsafePathError(`refusing to write ${shown(path)}: it is a symbolic link`);
  if (there?.isFile()) throw new ExistingFileError(path);
  const fd = fs.openSync(path, base);
  if (fs.fstatSync(fd).isFile()) {
    fs.closeSync(fd);
    throw new ExistingFileError(path);
  }
  return fd;
}
