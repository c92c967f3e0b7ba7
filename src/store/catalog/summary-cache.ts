/**
 * Persisted fold states, so that opening the browser does not re-read every
 * log: an unchanged file is summarised from its cached state without any
 * read, a file that grew is read only from where its state stopped, and a
 * rewritten file (new inode, shrunk, or same size with a new mtime) is read
 * again in full. The cache lives under $XDG_CACHE_HOME/session-browser/, one
 * file per session home (`summaries-<hash of the home>.json`, which records
 * the home's path so that caches of homes that no longer exist are pruned);
 * any problem with it just means a cold read.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { SessionFile } from '../sources/format.js';
import { readSummary, summarise, SUMMARY_STATE_VERSION, type ReadSummaryOptions, type SummaryState } from '../scan/summary-reader.js';
import type { SessionSummary } from '../types.js';

interface CacheEntry {
  /** Hash of the bytes just before `state.offset`: proof the file was appended to, not rewritten. */
  check: string;
  ino: number;
  size: number;
  mtimeMs: number;
  projectId: string;
  state: SummaryState;
}

interface CacheFile {
  v: number;
  /** The session home this cache summarises (absolute); written first so pruning reads only the head. */
  home?: string;
  entries: Record<string, CacheEntry>;
}

export class SummaryCache {
  private entries: Record<string, CacheEntry> = {};
  private loaded = false;
  private dirty = false;

  /**
   * `path` null = a cache that remembers nothing (disabled). `home` is
   * recorded in the file so {@link pruneSummaryCaches} can tell when it is gone.
   */
  constructor(
    readonly path: string | null,
    readonly home: string | null = null,
  ) {}

  /** The cache file for a home: $SESSION_BROWSER_CACHE=0 disables it. */
  static forHome(home: string, env: NodeJS.ProcessEnv = process.env): SummaryCache {
    if (env.SESSION_BROWSER_CACHE === '0') return new SummaryCache(null);
    const base = env.XDG_CACHE_HOME ? resolve(env.XDG_CACHE_HOME) : join(homedir(), '.cache');
    const key = createHash('sha256').update(resolve(home), 'utf8').digest('hex').slice(0, 16);
    return new SummaryCache(join(base, 'session-browser', `summaries-${key}.json`), resolve(home));
  }

  private load(): void {
    if (this.loaded || !this.path) return;
    this.loaded = true;
    try {
      const parsed = JSON.parse(readFileSync(this.path, 'utf8')) as CacheFile;
      if (parsed.v === SUMMARY_STATE_VERSION && parsed.entries && typeof parsed.entries === 'object') this.entries = parsed.entries;
    } catch {
      // Missing or unreadable: start empty.
    }
  }

  /** Summary of one file, from the cache where the file allows it. */
  async summary(file: SessionFile, opts: ReadSummaryOptions): Promise<SessionSummary | null> {
    this.load();
    const st = await stat(file.path);
    const cached = this.entries[file.path];
    let previous = cached && reusable(cached, st, file.projectId) ? cached.state : undefined;
    if (previous && cached && st.size === cached.size && st.mtimeMs === cached.mtimeMs) {
      // Untouched: finish from the state; only a tail without its newline is read again.
      if (st.size === previous.offset) return summarise(previous, file.path, false, st.mtimeMs, opts);
    } else if (previous && cached && (await bytesBefore(file.path, previous.offset)) !== cached.check) {
      previous = undefined; // same inode but rewritten: read it all again
    }
    const result = await readSummary(file.path, opts, previous);
    const unchanged = previous !== undefined && cached?.size === result.size && cached.mtimeMs === result.mtimeMs && previous.offset === result.state.offset;
    if (this.path && !unchanged) {
      const check = await bytesBefore(file.path, result.state.offset);
      this.entries[file.path] = { check, ino: st.ino, size: result.size, mtimeMs: result.mtimeMs, projectId: file.projectId, state: result.state };
      this.dirty = true;
    }
    return result.summary;
  }

  /** Drops entries of the given projects whose files are gone. */
  forgetMissing(projectIds: readonly string[] | null, present: ReadonlySet<string>): void {
    for (const [path, e] of Object.entries(this.entries)) {
      if ((projectIds === null || projectIds.includes(e.projectId)) && !present.has(path)) {
        delete this.entries[path];
        this.dirty = true;
      }
    }
  }

  /** Writes the cache atomically when it changed; failures are ignored (the next run reads cold). */
  save(): void {
    if (!this.path || !this.dirty) return;
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      const tmp = `${this.path}.${process.pid}.tmp`;
      const file: CacheFile = { v: SUMMARY_STATE_VERSION, ...(this.home ? { home: this.home } : {}), entries: this.entries };
      writeFileSync(tmp, JSON.stringify(file), { mode: 0o600 });
      renameSync(tmp, this.path);
      this.dirty = false;
      pruneSummaryCaches(dirname(this.path), { keep: this.path });
    } catch {
      // A read-only cache folder costs speed, never correctness.
    }
  }
}

/** A cache that records no home (written before homes were recorded) is pruned after this long unused: 30 days. */
export const UNOWNED_CACHE_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

/** The home recorded at the head of a cache file, null when none is recorded or it cannot be read. */
function recordedHome(path: string): string | null {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(8192);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const m = /^\{"v":\d+,"home":("(?:[^"\\]|\\.)*")/.exec(buf.subarray(0, n).toString('utf8'));
    return m ? (JSON.parse(m[1]!) as string) : null;
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Deletes the summary caches in `dir` (`summaries-*.json`) whose recorded
 * home no longer exists, and those recording no home that went unused for
 * {@link UNOWNED_CACHE_MAX_AGE_MS}; `keep` is never touched. Returns the
 * deleted paths. Never throws: a cache that stays costs disk, not correctness.
 */
export function pruneSummaryCaches(dir: string, opts: { keep?: string; nowMs?: number } = {}): string[] {
  const pruned: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /^summaries-[0-9a-f]+\.json$/.test(n));
  } catch {
    return pruned;
  }
  const now = opts.nowMs ?? Date.now();
  for (const name of names) {
    const path = join(dir, name);
    if (path === opts.keep) continue;
    try {
      const home = recordedHome(path);
      const stale = home !== null ? !existsSync(home) : now - statSync(path).mtimeMs > UNOWNED_CACHE_MAX_AGE_MS;
      if (stale) {
        unlinkSync(path);
        pruned.push(path);
      }
    } catch {
      // Raced with another run, or not ours to delete: leave it.
    }
  }
  return pruned;
}

const CHECK_BYTES = 64;

/** Hash of the (up to) 64 bytes that end at `offset`. */
async function bytesBefore(path: string, offset: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const start = Math.max(0, offset - CHECK_BYTES);
    const buf = Buffer.alloc(offset - start);
    await handle.read(buf, 0, buf.length, start);
    return createHash('sha256').update(buf).digest('hex').slice(0, 16);
  } finally {
    await handle.close();
  }
}

/**
 * A state can be continued when the file is the same inode, was not cut
 * below what the state consumed, and either grew (appended) or kept both
 * its size and its mtime (untouched).
 */
function reusable(e: CacheEntry, st: { ino: number; size: number; mtimeMs: number }, projectId: string): boolean {
  if (e.ino !== st.ino || e.projectId !== projectId || e.state?.v !== SUMMARY_STATE_VERSION) return false;
  if (st.size < e.state.offset) return false;
  return st.size > e.size || (st.size === e.size && st.mtimeMs === e.mtimeMs);
}
