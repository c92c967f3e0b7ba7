/**
 * A first scan's files as the locations find them (SessionLocation.scan
 * `found`), handed on as an async iterable of chunks: the catalog's scan
 * pool starts on the first folder's sessions while the rest are found.
 */
import type { SessionFile, SessionScan } from '../sources/format.js';

/** Chunks of files, in the order heard; `end` closes it (after the last chunk). */
class ChunkQueue<T> implements AsyncIterable<T> {
  private readonly chunks: T[] = [];
  private ended = false;
  private wake: (() => void) | null = null;

  push(chunk: T): void {
    this.chunks.push(chunk);
    this.wake?.();
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      const chunk = this.chunks.shift();
      if (chunk !== undefined) yield chunk;
      else if (this.ended) return;
      else await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

/**
 * Runs `scan` (given the `found` callback) and gives its files as they are
 * heard of: `chunks` yields each chunk `found` gets, then the files the
 * scan's result lists that no chunk held (locations that tell nothing
 * early), then ends; `scan` is the scan's own promise (its rejection is
 * the caller's to await: the chunks end without it). `heard` counts the
 * files handed on so far.
 */
export function foundFiles(scan: (found: (files: readonly SessionFile[]) => void) => Promise<SessionScan>): {
  chunks: AsyncIterable<readonly SessionFile[]>;
  scan: Promise<SessionScan>;
  heard: () => number;
} {
  const queue = new ChunkQueue<readonly SessionFile[]>();
  const heard = new Set<string>();
  const hear = (files: readonly SessionFile[]): void => {
    const fresh = files.filter((f) => !heard.has(f.path));
    for (const f of fresh) heard.add(f.path);
    if (fresh.length > 0) queue.push(fresh);
  };
  const scanned = scan(hear).then((result) => {
    hear(result.files);
    return result;
  });
  // Ends the chunks either way; the rejection stays on `scanned` for the caller (handled here only so that
  // it is not reported as unhandled while the caller is still reading the chunks).
  scanned.then(() => queue.end(), () => queue.end());
  return { chunks: queue, scan: scanned, heard: () => heard.size };
}
