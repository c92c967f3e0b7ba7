/**
 * The in-process halves of the bench, run in a child process by bench/run.ts
 * (`node --import tsx bench/inproc.ts MODE JSON-ARGS`) so that their memory
 * and garbage stay out of the parent. Prints one JSON object on stdout.
 *
 * - `search`: the browser's search without the terminal. The sessions of the
 *   home are loaded (through the warm summary cache, whose catalog holds the
 *   full-text index), then each word is "typed": every prefix searched in
 *   turn, as the list does per key (no limit).
 * - `append`: one session file, read in full (the re-read), then 1 MB of
 *   records appended and the summary refreshed from the persisted fold
 *   state; the file is cut back to its size and mtime afterwards.
 *
 * This is the only bench file that imports src/store (besides the search
 * micro-bench): when the store's shape changes, change it here.
 */
import { appendFileSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, truncateSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SessionCatalog } from '../src/store/catalog/catalog.js';
import { SummaryCache } from '../src/store/catalog/summary-cache.js';
import { SessionSearch } from '../src/store/search/session-search.js';
import { listSessionFiles } from '../src/store/sources/native/discover.js';

interface SearchArgs {
  home: string;
  cacheHome: string;
  words: string[];
  reps: number;
}

async function searchMode(a: SearchArgs): Promise<object> {
  const catalog = new SessionCatalog({ home: a.home, cache: SummaryCache.forHome(a.home, { XDG_CACHE_HOME: a.cacheHome }) });
  const t0 = performance.now();
  const { sessions } = await catalog.summaries(null, { includeEmpty: true });
  const loadMs = performance.now() - t0;
  const t1 = performance.now();
  const index = new SessionSearch(catalog.textIndex());
  const indexMs = performance.now() - t1;
  const perWord: Record<string, number[]> = {};
  const hits: Record<string, number> = {};
  // One untimed pass, so JIT warm-up is not in the figures (the browser has drawn frames before the first key too).
  for (const w of a.words) index.search(w, sessions);
  for (let r = 0; r < a.reps; r++) {
    for (const w of a.words) {
      const samples = (perWord[w] ??= []);
      for (let i = 1; i <= w.length; i++) {
        const k0 = performance.now();
        const found = index.search(w.slice(0, i), sessions).filter((h) => !h.summary.empty);
        samples.push(performance.now() - k0);
        if (i === w.length) hits[w] = found.length;
      }
    }
  }
  return { sessions: sessions.length, loadMs, indexMs, perWord, hits };
}

interface AppendArgs {
  home: string;
  /** The session file appended to. */
  path: string;
  /** A file holding the complete records to append (about 1 MB). */
  textFile: string;
  reps: number;
}

async function appendMode(a: AppendArgs): Promise<object> {
  const files = await listSessionFiles(a.home, null);
  // Paths compared as real paths: .bench-tree may be a symlink (a bench run from a second checkout).
  const file = files.find((f) => realpathSync(f.path) === realpathSync(a.path));
  if (!file) throw new Error(`${a.path} is not a session of ${a.home}`);
  const { size, mtimeMs } = statSync(a.path);
  const text = readFileSync(a.textFile, 'utf8');
  const reread: number[] = [];
  const refresh: number[] = [];
  for (let r = 0; r < a.reps; r++) {
    const cacheHome = mkdtempSync(join(tmpdir(), 'sb-bench-append-'));
    try {
      const catalog = new SessionCatalog({ home: a.home, cache: SummaryCache.forHome(a.home, { XDG_CACHE_HOME: cacheHome }) });
      let t = performance.now();
      const before = await catalog.summary(file);
      reread.push(performance.now() - t);
      // Its text goes into the index after it answers: let that finish, as a browser open on it would have.
      await catalog.textSettled();
      appendFileSync(a.path, text);
      t = performance.now();
      const after = await catalog.summary(file);
      refresh.push(performance.now() - t);
      if (!before || !after || after.messageCount <= before.messageCount) throw new Error('the refresh did not see the appended records');
    } finally {
      truncateSync(a.path, size);
      utimesSync(a.path, mtimeMs / 1000, mtimeMs / 1000);
      rmSync(cacheHome, { recursive: true, force: true });
    }
  }
  return { bytes: size, appended: Buffer.byteLength(text), reread, refresh };
}

const [mode, json] = process.argv.slice(2);
const args = JSON.parse(json ?? '{}') as never;
const result = mode === 'search' ? await searchMode(args) : mode === 'append' ? await appendMode(args) : null;
if (!result) {
  console.error('usage: inproc.ts search|append JSON');
  process.exit(2);
}
process.stdout.write(JSON.stringify(result) + '\n');
