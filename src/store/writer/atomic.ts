/**
 * Whole-file replacement that a reader (or a crash) never sees half done:
 * write a temporary file in the same folder, fsync it, rename it over the
 * target, fsync the folder so the rename itself is durable.
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { FILE_MODE, serializeRecord, writeAll } from './append.js';

/**
 * Replaces `path` with the given records, one JSONL line each, atomically.
 * Every record is serialised before any file is touched, so a bad record
 * leaves the old file as it was; on any failure the temporary file is removed.
 * The temporary name starts with a dot and does not end in `.jsonl`, so no
 * reader ever lists it as a session.
 */
export function writeRecordsAtomic(path: string, records: readonly object[]): void {
  const body = Buffer.from(records.map(serializeRecord).join(''));
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0), FILE_MODE);
  try {
    try {
      fs.fchmodSync(fd, FILE_MODE);
      writeAll(fd, body);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, path);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  syncDir(dir);
}

/** fsync a folder so a rename in it survives a power cut; not possible on every platform. */
function syncDir(dir: string): void {
  let fd: number;
  try {
    fd = fs.openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot fsync a directory; the rename is still atomic there.
  } finally {
    fs.closeSync(fd);
  }
}
