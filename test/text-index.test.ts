/**
 * The full-text index as the catalog writes it: a read pass's text lands in
 * the same transaction as the file's row, an append adds chunks, a rewrite
 * replaces them, a vanished file loses them, and with the cache disabled
 * (or its folder read-only) the same index lives in memory.
 */
import { appendFileSync, chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionCatalog } from '../src/store/catalog/catalog.js';
import { SummaryCache } from '../src/store/catalog/summary-cache.js';
import { CatalogDb, type FileRow } from '../src/store/catalog/catalog-db.js';
import { TEXT_SLICE_CHARS } from '../src/store/catalog/held-texts.js';
import { cjkBigrams, ftsColumns, mergeTextWrites, type TextWrite } from '../src/store/catalog/text-columns.js';
import { CHUNK_CHARS, TextChunker } from '../src/store/scan/text-chunks.js';
import { SessionSearch } from '../src/store/search/session-search.js';
import { tempHome, type TempHome } from './helpers/session-files.js';

let t: TempHome;
let cacheDir: string;
beforeEach(() => {
  t = tempHome();
  cacheDir = mkdtempSync(join(tmpdir(), 'sb-text-cache-'));
});
afterEach(() => {
  t.cleanup();
  chmodSync(cacheDir, 0o700);
  rmSync(cacheDir, { recursive: true, force: true });
});

const msg = (role: string, content: string, ts = '2026-11-20T09:00:00Z') => ({ type: 'message', timestamp: ts, message: { role, content } });

async function found(cache: SummaryCache, query: string): Promise<string[]> {
  const catalog = new SessionCatalog({ home: t.home, cache });
  const { sessions } = await catalog.summaries(null, { includeEmpty: true });
  return new SessionSearch(catalog.textIndex()).search(query, sessions).map((h) => h.summary.id);
}

describe('the catalog full-text index', () => {
  it('a first letter typed matches words of titles by their first letter, diacritics folded, the same on every key', async () => {
    t.write('s1', [msg('user', 'Écrire les tests'), msg('assistant', 'sure')]);
    t.write('s2', [msg('user', 'zebra crossing notes'), msg('assistant', 'sure')]);
    const cache = SummaryCache.forHome(t.home, { XDG_CACHE_HOME: cacheDir });
    expect(await found(cache, 'e')).toEqual(['s1']);
    expect(await found(cache, 'z')).toEqual(['s2']);
    expect(await found(cache, 'e')).toEqual(['s1']); // again, from the letters noted the first time
    expect(await found(cache, 'q')).toEqual([]);
    cache.close();
  });

  it('indexes user, assistant and tool text, and tool-call arguments', async () => {
    t.write('s1', [
      msg('user', 'please look at the parser'),
      { type: 'message', timestamp: '2026-11-20T09:00:01Z', message: { role: 'assistant', content: 'reading', tool_calls: [{ id: 'c1', name: 'read_file', arguments: '{"path":"src/lexer-core.ts"}' }] } },
      { type: 'message', timestamp: '2026-11-20T09:00:02Z', message: { role: 'tool', tool_call_id: 'c1', content: 'TypeError: undefined is not a function' } },
    ]);
    const cache = SummaryCache.forHome(t.home, { XDG_CACHE_HOME: cacheDir });
    expect(await found(cache, 'lexer-core.ts')).toEqual(['s1']);
    expect(await found(cache, 'TypeError')).toEqual(['s1']);
    expect(await found(cache, 'parser')).toEqual(['s1']);
    cache.close();
  });

  it('adds what a file appended, replaces what a rewrite changed, and forgets a vanished file', async () => {
    const path = t.write('s1', [msg('user', 'first words about zeppelins')]);
    t.write('s2', [msg('user', 'unrelated')]);
    const cache = SummaryCache.forHome(t.home, { XDG_CACHE_HOME: cacheDir });
    expect(await found(cache, 'zeppelins')).toEqual(['s1']);
    appendFileSync(path, JSON.stringify(msg('assistant', 'and now about albatrosses', '2026-11-20T09:05:00Z')) + '\n');
    expect(await found(cache, 'albatrosses')).toEqual(['s1']);
    expect(await found(cache, 'zeppelins')).toEqual(['s1']);
    // Rewritten with other (shorter) content: read again in full, the old words gone.
    writeFileSync(path, JSON.stringify(msg('user', 'only walruses now')) + '\n');
    expect(await found(cache, 'walruses')).toEqual(['s1']);
    expect(await found(cache, 'zeppelins')).toEqual([]);
    rmSync(path);
    expect(await found(cache, 'walruses')).toEqual([]);
    cache.close();
    // A new process sees what was persisted.
    const again = SummaryCache.forHome(t.home, { XDG_CACHE_HOME: cacheDir });
    expect(await found(again, 'unrelated')).toEqual(['s2']);
    again.close();
  });

  it('searches the same with the cache disabled or its folder read-only (an in-memory catalog)', async () => {
    t.write('s1', [msg('user', 'the quokka escaped')]);
    const disabled = SummaryCache.forHome(t.home, { SESSION_BROWSER_CACHE: '0' });
    expect(await found(disabled, 'quokka')).toEqual(['s1']);
    chmodSync(cacheDir, 0o500);
    const readOnly = SummaryCache.forHome(t.home, { XDG_CACHE_HOME: join(cacheDir, 'sub') });
    expect(await found(readOnly, 'quokka')).toEqual(['s1']);
    expect(readOnly.textIndex()).not.toBeNull();
  });
});

describe('chunks and columns', () => {
  it('collapses whitespace once per chunk and cuts at spaces, never above CHUNK_CHARS', () => {
    const c = new TextChunker();
    for (let i = 0; i < 500; i++) c.add(`word${i}\n\n   with   spaces\t`);
    c.add('x'.repeat(CHUNK_CHARS * 2 + 10));
    const chunks = c.take();
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.every((k) => k.length <= CHUNK_CHARS && !/\s{2}|\n|\t/.test(k))).toBe(true);
    expect(chunks.join(' ')).toContain('word499 with spaces');
    expect(c.take()).toEqual([]);
  });

  it('blanks CJK runs out of the text column and indexes their bigrams', () => {
    expect(cjkBigrams('用户登录')).toEqual(['用户', '户登', '登录']);
    expect(ftsColumns('fix 登录bug now')).toEqual({ text: 'fix  bug now', cjk: '登录' });
  });

  it('merges pending writes of one file: an append extends, a fresh read replaces', () => {
    const a = { fresh: true, meta: 'm1', chunks: ['a'] };
    expect(mergeTextWrites(a, { fresh: false, meta: 'm2', chunks: ['b'] })).toEqual({ fresh: true, meta: 'm2', chunks: ['a', 'b'] });
    expect(mergeTextWrites(a, { fresh: true, meta: 'm3', chunks: ['c'] })).toEqual({ fresh: true, meta: 'm3', chunks: ['c'] });
  });
});

describe('a read pass holds a bounded amount of text', () => {
  it('keeps at most the pass limit (a 1 GB session read cold must not hold a gigabyte of text) and counts the rest', () => {
    const chunker = new TextChunker(10_000);
    const word = 'alpha beta gamma ';
    for (let i = 0; i < 2_000; i++) chunker.add(word);
    const chunks = chunker.take();
    const kept = chunks.reduce((n, c) => n + c.length, 0);
    expect(kept).toBeLessThanOrEqual(10_000);
    expect(kept).toBeGreaterThan(9_000);
    expect(chunker.dropped).toBe(2_000 * word.length - 10_000);
    // A message larger than what is left is cut, not dropped whole.
    const big = new TextChunker(100);
    big.add('x'.repeat(60));
    big.add('y'.repeat(60));
    expect(big.take().join('')).toBe('x'.repeat(60) + ' ' + 'y'.repeat(40));
    expect(big.dropped).toBe(20);
  });
});

describe('commands that do not search', () => {
  it('read without indexing text when told (no kept catalog), with the same summaries; the default indexes', async () => {
    // The word is in a message only, not in the title (the first prompt), which the meta document always indexes.
    t.write('s1', [msg('user', 'a note'), msg('assistant', 'indeed, zeppelins')]);
    const read = async (indexText: boolean) => {
      const catalog = new SessionCatalog({ home: t.home, cache: new SummaryCache(null), text: indexText ? 'all' : 'none' });
      const { sessions } = await catalog.summaries(null, { includeEmpty: true });
      return { sessions, hits: new SessionSearch(catalog.textIndex()).search('zeppelins', sessions).map((h) => h.summary.id) };
    };
    const without = await read(false);
    const withText = await read(true);
    expect(without.hits).toEqual([]);
    expect(withText.hits).toEqual(['s1']);
    expect(without.sessions).toEqual(withText.sessions);
  });
});

describe('text left for later (commands that do not search, with a kept catalog)', () => {
  /** A catalog on the kept cache of this test with the given text policy; search through it. */
  const open = (text: 'all' | 'appends') => {
    const cache = SummaryCache.forHome(t.home, { XDG_CACHE_HOME: cacheDir });
    const catalog = new SessionCatalog({ home: t.home, cache, text });
    const search = async (query: string, pass: 'all' | 'appends' = text): Promise<string[]> => {
      const { sessions } = await catalog.summaries(null, { includeEmpty: true, text: pass });
      return new SessionSearch(catalog.textIndex()).search(query, sessions).map((h) => h.summary.id);
    };
    return { cache, catalog, search };
  };

  it('a cold listing indexes no text, gives the same summaries, and indexText catches up', async () => {
    t.write('s1', [msg('user', 'a note'), msg('assistant', 'indeed, zeppelins')]);
    t.write('s2', [msg('user', 'other'), msg('assistant', 'albatrosses')]);
    const lazy = open('appends');
    const listed = (await lazy.catalog.summaries(null, { includeEmpty: true })).sessions;
    expect(lazy.catalog.pendingText(null)).toBe(2);
    expect(await lazy.search('zeppelins')).toEqual([]);
    // What the list shows of a session (its title, its prompts) is found before its text is indexed.
    expect(await lazy.search('note')).toEqual(['s1']);
    expect(await lazy.search('other')).toEqual(['s2']);
    expect(await lazy.catalog.indexText(null)).toBe(2);
    expect(lazy.catalog.pendingText(null)).toBe(0);
    expect(await lazy.search('zeppelins')).toEqual(['s1']);
    expect(await lazy.catalog.indexText(null)).toBe(0); // nothing left: no file is read again
    lazy.cache.close();
    // The same summaries a pass that indexes everything gives.
    const eager = open('all');
    expect((await eager.catalog.summaries(null, { includeEmpty: true })).sessions).toEqual(listed);
    eager.cache.close();
  });

  it('a listing that leaves its stand-ins for later (metaLater) writes none; indexText writes them before it reads a file', async () => {
    t.write('s1', [msg('user', 'a note'), msg('assistant', 'indeed, zeppelins')]);
    t.write('s2', [msg('user', 'other'), msg('assistant', 'albatrosses')]);
    const lazy = open('appends');
    const listed = (await lazy.catalog.summaries(null, { includeEmpty: true, metaLater: true })).sessions;
    const byTitle = (query: string): string[] => new SessionSearch(lazy.catalog.textIndex()).search(query, listed).map((h) => h.summary.id);
    expect(lazy.catalog.pendingText(null)).toBe(2);
    expect(byTitle('note')).toEqual([]); // no stand-in yet: nothing was indexed
    // The catch-up's first step: the stand-ins, from the stored summaries, with no file read.
    expect(await lazy.cache.writePendingMeta(null)).toBe(2);
    expect(byTitle('note')).toEqual(['s1']);
    expect(byTitle('other')).toEqual(['s2']);
    expect(byTitle('zeppelins')).toEqual([]);
    expect(await lazy.cache.writePendingMeta(null)).toBe(0); // each once
    expect(await lazy.catalog.indexText(null)).toBe(2);
    expect(byTitle('zeppelins')).toEqual(['s1']);
    expect(byTitle('note')).toEqual(['s1']);
    lazy.cache.close();
  });

  it('a search pass reads a file whose text is pending again, whole, and serves the others', async () => {
    t.write('s1', [msg('user', 'a note'), msg('assistant', 'indeed, zeppelins')]);
    const lazy = open('appends');
    await lazy.catalog.summaries(null);
    lazy.cache.close();
    const eager = open('all');
    expect(await eager.search('zeppelins')).toEqual(['s1']);
    expect(eager.catalog.pendingText(null)).toBe(0);
    eager.cache.close();
  });

  it('lines appended to an indexed file are indexed by a listing; a file rewritten under it waits, its old words gone', async () => {
    const path = t.write('s1', [msg('user', 'first words about zeppelins')]);
    const eager = open('all');
    await eager.catalog.summaries(null);
    eager.cache.close();
    const lazy = open('appends');
    appendFileSync(path, JSON.stringify(msg('assistant', 'and now about albatrosses', '2026-11-20T09:05:00Z')) + '\n');
    expect(await lazy.search('albatrosses')).toEqual(['s1']); // the new lines, indexed in the listing's pass
    expect(lazy.catalog.pendingText(null)).toBe(0);
    writeFileSync(path, JSON.stringify(msg('user', 'rewritten about gondolas')) + '\n');
    expect(await lazy.search('zeppelins')).toEqual([]); // read again from its start: the stale text is dropped
    expect(await lazy.search('gondolas')).toEqual(['s1']); // its prompt stands in for its text, which waits
    expect(lazy.catalog.pendingText(null)).toBe(1);
    await lazy.catalog.indexText(null);
    expect(await lazy.search('gondolas')).toEqual(['s1']);
    lazy.cache.close();
  });

  it("writes a big session's text slice by slice with turns of the event loop between, its row last, and finds its first and last words", async () => {
    // ~1.3 Mi characters of text: five slices of TEXT_SLICE_CHARS.
    const words = (i: number) => Array.from({ length: 120 }, (_, k) => `w${i}x${k}`).join(' ');
    t.write('big', Array.from({ length: 1500 }, (_, i) => msg(i % 2 ? 'assistant' : 'user', `${i === 0 ? 'zeppelins ' : i === 1499 ? 'albatrosses ' : ''}${words(i)}`)));
    t.write('small', [msg('user', 'a note about gondolas')]);
    const lazy = open('appends');
    await lazy.catalog.summaries(null);
    // Count the turns the event loop gets while the index catches up, and what is pending at each.
    // And the most text one transaction writes.
    const chars = (t: TextWrite | 'forget' | undefined): number => (t && t !== 'forget' ? t.chunks.reduce((n, c) => n + c.length, 0) : 0);
    let most = 0;
    const { write, writeText } = CatalogDb.prototype;
    CatalogDb.prototype.write = function (this: CatalogDb, rows: Iterable<FileRow>, deleted?: Iterable<string>) {
      const list = [...rows];
      most = Math.max(most, list.reduce((n, r) => n + chars(r.texts), 0));
      return write.call(this, list, deleted);
    };
    CatalogDb.prototype.writeText = function (this: CatalogDb, path: string, projectId: string, text: TextWrite) {
      most = Math.max(most, chars(text));
      return writeText.call(this, path, projectId, text);
    };
    let turns = 0;
    const pendingSeen = new Set<number>();
    let indexing = true;
    const tick = (): void => {
      if (!indexing) return;
      turns++;
      pendingSeen.add(lazy.catalog.pendingText(null));
      setImmediate(tick);
    };
    setImmediate(tick);
    try {
      expect(await lazy.catalog.indexText(null)).toBe(2);
    } finally {
      Object.assign(CatalogDb.prototype, { write, writeText });
      indexing = false;
    }
    // A row (or rows) waiting may take a transaction past one slice, never past two (it held 1.3 Mi characters in one).
    expect(most).toBeGreaterThan(TEXT_SLICE_CHARS / 2);
    expect(most).toBeLessThanOrEqual(2 * TEXT_SLICE_CHARS);
    expect(turns).toBeGreaterThanOrEqual(5);
    // While its slices went in, the big session still counted as waiting for its text: never marked done early.
    expect(pendingSeen.has(1)).toBe(true);
    expect(lazy.catalog.pendingText(null)).toBe(0);
    expect(await lazy.search('zeppelins')).toEqual(['big']);
    expect(await lazy.search('albatrosses')).toEqual(['big']);
    expect(await lazy.search('gondolas')).toEqual(['small']);
    lazy.cache.close();
    // Written for good: a new instance reads nothing again.
    const again = open('appends');
    expect(await again.catalog.indexText(null)).toBe(0);
    expect(await again.search('albatrosses')).toEqual(['big']);
    again.cache.close();
  });

  it('a refresh answers before a big appended text is indexed; the text and the row land a few turns later, for good', async () => {
    const path = t.write('live', [msg('user', 'a note about gondolas')]);
    const first = open('appends');
    await first.catalog.summaries(null);
    expect(await first.catalog.indexText(null)).toBe(1);
    // The agent writes ~600 Ki characters more (three slices) while the browser is open.
    const words = (i: number) => Array.from({ length: 120 }, (_, k) => `w${i}x${k}`).join(' ');
    appendFileSync(path, Array.from({ length: 700 }, (_, i) => JSON.stringify(msg('assistant', `${i === 699 ? 'albatrosses ' : ''}${words(i)}`))).join('\n') + '\n');
    const { write, writeText } = CatalogDb.prototype;
    let textWrites = 0;
    CatalogDb.prototype.writeText = function (this: CatalogDb, p: string, projectId: string, text: TextWrite) {
      textWrites++;
      return writeText.call(this, p, projectId, text);
    };
    try {
      const { sessions } = await first.catalog.summaries(null, { text: 'appends' });
      expect(sessions[0]!.messageCount).toBe(701); // the list is refreshed...
      expect(textWrites).toBeLessThan(2); // ...before all of the new text went into the index
      for (let i = 0; i < 200 && textWrites < 2; i++) await new Promise((r) => setImmediate(r));
      expect(textWrites).toBe(2); // then slice by slice, and the row with the last one
    } finally {
      Object.assign(CatalogDb.prototype, { write, writeText });
    }
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    first.cache.close();
    const again = open('appends');
    expect(await again.catalog.indexText(null)).toBe(0); // committed: nothing to read again
    expect(await again.search('albatrosses')).toEqual(['live']);
    expect(await again.search('gondolas')).toEqual(['live']);
    again.cache.close();
  });

  it('indexText covers only the projects asked for', async () => {
    t.write('s1', [msg('user', 'a note about zeppelins')]);
    const lazy = open('appends');
    await lazy.catalog.summaries(null);
    expect(await lazy.catalog.indexText(['ffffffffffffffff'])).toBe(0);
    expect(lazy.catalog.pendingText(null)).toBe(1);
    lazy.cache.close();
  });
});

describe('the CLI leaves text for the next search', () => {
  it('list and usage index no text; list --query then indexes what they left and finds words said in messages', async () => {
    const { runCli } = await import('./helpers/cli.js');
    t.write('s1', [msg('user', 'a note'), msg('assistant', 'indeed, zeppelins')]);
    const env = { XDG_CACHE_HOME: cacheDir };
    const run = (...args: string[]) => {
      const r = runCli([...args, '--json', '--all', '--home', t.home], { env });
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { sessions?: { id: string }[] };
    };
    expect(run('list').sessions!.map((s) => s.id)).toEqual(['s1']);
    run('usage');
    const pending = new SessionCatalog({ home: t.home, cache: SummaryCache.forHome(t.home, env) });
    expect(pending.pendingText(null)).toBe(1); // the catalog was kept, its text left for later
    expect(run('list', '--query', 'zeppelins').sessions!.map((s) => s.id)).toEqual(['s1']);
    expect(pending.pendingText(null)).toBe(0);
  });
});
