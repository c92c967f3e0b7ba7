/**
 * The check of a persisted fold state: a hash of the bytes just before the
 * offset the state consumed. A file that kept its inode and grew is only
 * continued from its state when these bytes are still the same (it was
 * appended to, not rewritten).
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

/** How many bytes before the offset are hashed. */
export const CHECK_BYTES = 64;

/**
 * Hash of the (up to) 64 bytes that end at `offset` (bytes into the file),
 * as 16 hex digits. Throws what the file system throws (ENOENT, EACCES).
 */
export async function bytesBefore(path: string, offset: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buf = checkBuffer(offset);
    await handle.read(buf, 0, buf.length, offset - buf.length);
    return digest(buf);
  } finally {
    await handle.close();
  }
}

/** {@link bytesBefore} with a synchronous read (worker threads). */
export function bytesBeforeSync(path: string, offset: number): string {
  const fd = openSync(path, 'r');
  try {
    const buf = checkBuffer(offset);
    readSync(fd, buf, 0, buf.length, offset - buf.length);
    return digest(buf);
  } finally {
    closeSync(fd);
  }
}

function checkBuffer(offset: number): Buffer {
  return Buffer.alloc(offset - Math.max(0, offset - CHECK_BYTES));
}

/** The check hash of `bytes` (the bytes before an offset, as {@link bytesBefore} reads them): for a read loop that holds them already. */
export function checkOf(bytes: Uint8Array): string {
  return digest(bytes);
}

function digest(buf: Uint8Array): string {
  return createHash('sha256').update(buf).digest('hex').slice(0, 16);
}
