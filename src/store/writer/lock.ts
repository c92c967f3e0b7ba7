/**
 * A lock per session file for the writer: `<file>.lock`, created with
 * O_EXCL and holding the owner's pid and a random token. Appends (and the
 * torn-tail repair before them) run under it, so two writers never see each
 * other's half-written line as torn, nor interleave.
 *
 * A lock whose pid is no longer alive on this host (a writer killed with
 * SIGKILL) is stale and broken: renamed to a unique name, checked to still
 * be the stale one (else put back), then removed. A lock with no pid yet
 * (not one of ours: ours are written aside and linked into place whole) is
 * stale only after STALE_EMPTY_MS.
 * Waiting is synchronous (Atomics.wait), like the rest of the writer.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';

/** How long to wait for a lock before giving up (LockTimeoutError). */
export const LOCK_TIMEOUT_MS = 30_000;
/** A lock file still empty after this long was left by a writer that died between create and write. */
const STALE_EMPTY_MS = 5_000;
const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const CREATE = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | NOFOLLOW;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** The lock of `path` was held by a live process for longer than the timeout. */
export class LockTimeoutError extends Error {
  constructor(readonly lockPath: string) {
    super(`timed out waiting for ${lockPath} (another writer holds it; remove it if no writer is running)`);
  }
}

function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but is someone else's.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(lockPath: string): { text: string; mtimeMs: number } | null {
  try {
    const fd = fs.openSync(lockPath, fs.constants.O_RDONLY | NOFOLLOW);
    try {
      return { text: fs.readFileSync(fd, 'utf8'), mtimeMs: fs.fstatSync(fd).mtimeMs };
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Whether the lock holding `text` is stale: its pid is dead, or it stayed empty too long. */
function isStale(text: string, mtimeMs: number): boolean {
  const pid = Number.parseInt(text.split(' ')[0] ?? '', 10);
  if (!Number.isSafeInteger(pid) || pid <= 0) return Date.now() - mtimeMs > STALE_EMPTY_MS;
  return pid !== process.pid && !alive(pid);
}

/** Breaks a stale lock whose content was `text`, unless it was replaced meanwhile (then it is put back). */
function breakStale(lockPath: string, text: string): void {
  const aside = `${lockPath}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(lockPath, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const taken = fs.readFileSync(aside, 'utf8');
  if (taken !== text) {
    // A live writer's fresh lock: give it back (if a third writer took the name meanwhile, theirs stands).
    try {
      fs.linkSync(aside, lockPath);
    } catch {
      /* EEXIST: see above */
    }
  }
  fs.unlinkSync(aside);
}

/**
 * Runs `fn` holding the lock of `path` (`<path>.lock`). Throws
 * LockTimeoutError after `timeoutMs` of a live holder, and what `fn` throws
 * (the lock is released either way).
 */
export function withFileLock<T>(path: string, fn: () => T, timeoutMs = LOCK_TIMEOUT_MS): T {
  const lockPath = `${path}.lock`;
  const token = `${process.pid} ${randomBytes(8).toString('hex')}\n`;
  const deadline = Date.now() + timeoutMs;
  // The lock is made whole aside and linked into place: it never exists without its pid.
  const mine = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const fd = fs.openSync(mine, CREATE, 0o600);
  try {
    fs.writeSync(fd, token);
  } finally {
    fs.closeSync(fd);
  }
  try {
    acquire(lockPath, mine, deadline);
  } finally {
    fs.unlinkSync(mine);
  }
  try {
    return fn();
  } finally {
    // Only our own lock is removed (a lock broken as stale by mistake is not someone else's to lose).
    try {
      if (fs.readFileSync(lockPath, 'utf8') === token) fs.unlinkSync(lockPath);
    } catch {
      /* already gone */
    }
  }
}

function acquire(lockPath: string, mine: string, deadline: number): void {
  for (let wait = 1; ; wait = Math.min(wait * 2, 8)) {
    try {
      fs.linkSync(mine, lockPath);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const held = readLock(lockPath);
    if (held && isStale(held.text, held.mtimeMs)) {
      breakStale(lockPath, held.text);
      continue;
    }
    if (Date.now() > deadline) throw new LockTimeoutError(lockPath);
    sleep(wait);
  }
}
