/**
 * A text sink for streamed output (replay, export, the resume context file):
 * small writes are gathered into chunks of about 64 KB, and a chunk the
 * stream cannot take yet is awaited ('drain'), so a slow reader (a pipe,
 * a terminal, a disk) holds back the reading of the log instead of letting
 * the output pile up in memory.
 */
import { closeSync, createWriteStream, rmSync } from 'node:fs';
import { ExistingFileError, openNoFollow, SameFileError, UnsafePathError } from './safe-path.js';
import type { Writable } from 'node:stream';

/** Where streamed text goes. */
export interface TextSink {
  /** Queues `chunk`; resolves once the sink can take more. Rejects when the stream failed. */
  write(chunk: string): Promise<void>;
  /** Flushes what is queued (and closes the stream when the sink owns it). Rejects when the stream failed. */
  end(): Promise<void>;
}

/** Gathered text is handed to the stream once it reaches this many UTF-16 units. */
const FLUSH_AT = 64 * 1024;

/**
 * A sink over a Node writable. `close: true` ends the stream on `end()` and
 * waits until it is finished (a file); `false` leaves it open (stdout).
 */
export function writableSink(stream: Writable, opts: { close: boolean }): TextSink {
  let parts: string[] = [];
  let size = 0;
  let failure: Error | null = null;
  stream.on('error', (err: Error) => {
    failure ??= err;
  });

  const waitFor = (event: 'drain' | 'finish'): Promise<void> =>
    new Promise((resolve, reject) => {
      const done = (err?: Error): void => {
        stream.off(event, onEvent);
        stream.off('error', onError);
        stream.off('close', onClose);
        if (err) reject(err);
        else resolve();
      };
      const onEvent = (): void => done();
      const onError = (err: Error): void => done(err);
      // A destroyed stream (a closed pipe) emits neither drain nor finish.
      const onClose = (): void => done(failure ?? (event === 'finish' ? undefined : new Error('output closed')));
      stream.on(event, onEvent);
      stream.on('error', onError);
      stream.on('close', onClose);
    });

  const flush = async (): Promise<void> => {
    if (failure) throw failure;
    if (size === 0) return;
    const text = parts.length === 1 ? parts[0]! : parts.join('');
    parts = [];
    size = 0;
    if (!stream.write(text)) await waitFor('drain');
  };

  return {
    async write(chunk) {
      if (failure) throw failure;
      if (chunk.length === 0) return;
      parts.push(chunk);
      size += chunk.length;
      if (size >= FLUSH_AT) await flush();
    },
    async end() {
      await flush();
      if (!opts.close) return;
      const finished = waitFor('finish');
      stream.end();
      await finished;
    },
  };
}

export { ExistingFileError, SameFileError } from './safe-path.js';

/**
 * A sink writing `path` (created with `mode`, truncated if it exists). The
 * file is opened before this returns, so a bad path throws here, with the
 * file system's message, before anything is read. The file is never reached
 * through a symlink, nor a regular file with other hard links
 * (UnsafePathError, safe-path.ts). `readFrom` is the file the output is made
 * from: a `path` that is that same file is refused (SameFileError) instead of
 * truncating it. `replace: false` refuses an existing regular file
 * (ExistingFileError) and leaves it whole (`export -o` without `--force`).
 */
export function fileSink(path: string, mode = 0o600, readFrom?: string, opts: { replace?: boolean } = {}): TextSink {
  let fd: number;
  try {
    fd = openNoFollow(path, mode, readFrom, opts);
  } catch (err) {
    if (err instanceof SameFileError || err instanceof UnsafePathError || err instanceof ExistingFileError) throw err;
    throw cannotWrite(path, err as NodeJS.ErrnoException);
  }
  try {
    return writableSink(createWriteStream(path, { fd, autoClose: true }), { close: true });
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}

/** "cannot write PATH: no such folder" rather than Node's `ENOENT: no such file or directory, open 'PATH'`; keeps `code`. */
function cannotWrite(path: string, err: NodeJS.ErrnoException): Error {
  const why =
    err.code === 'ENOENT' ? 'no such folder'
    : err.code === 'ENOTDIR' ? 'a part of the path is not a folder'
    : err.code === 'EISDIR' ? 'it is a folder'
    : err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied'
    : err.code === 'EROFS' ? 'read-only file system'
    : err.message;
  return Object.assign(new Error(`cannot write ${path}: ${why}`), { code: err.code });
}

/** A sink that gathers everything into one string: for tests and small in-memory callers only. */
export function stringSink(): TextSink & { text(): string } {
  const parts: string[] = [];
  return {
    write: async (chunk) => void parts.push(chunk),
    end: async () => undefined,
    text: () => parts.join(''),
  };
}

/**
 * Runs `write` into `sink`, then ends it. When `write` rejects, the sink is
 * ended (its own error dropped: the write's is the one to report), the file
 * `partial` (the sink's path, when it writes one) is removed, since a
 * half-written export must not pass for a whole one, and the error is rethrown.
 */
export async function writeThrough(sink: TextSink, write: (sink: TextSink) => Promise<void>, partial?: string): Promise<void> {
  try {
    await write(sink);
  } catch (err) {
    await sink.end().catch(() => undefined);
    if (partial !== undefined) rmSync(partial, { force: true });
    throw err;
  }
  await sink.end();
}
