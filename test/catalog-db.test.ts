/**
 * Issue 7 item 2 (first part): the summary cache lives in the home's SQLite
 * catalog. An unchanged file is summarised without a read, a grown one is
 * read from its offset, a rewritten one in full; a corrupt, foreign or
 * unwritable database costs a cold read, never an error; 105,000 rows are
 * written and read back with no cliff (the JSON cache could not be written
 * past about 100,000).
 */
import { appendFileSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CATALOG_USER_VERSION, CatalogDb, type FileRow } from '../src/store/catalog/catalog-db.js';
import { catalogPath, recordedHome } from '../src/store/catalog/catalog-files.js';
import { sqlite } from '../src/store/catalog/sqlite.js';
import { SummaryCache } from '../src/store/catalog/summary-cache.js';
import { readSummary } from '../src/store/scan/summary-reader.js';
import { PROJECT_ID, readOpts, tempHome, type TempHome } from './helpers/session-files.js';

const msg = (role: string, content: string) => ({ type: 'message', timestamp: '2026-11-20T09:00:00Z', message: { role, content } });
/** A whole-second mtime, so it can be put back exactly after a same-size rewrite. */
/** A row of `/home/x/<name>.jsonl` in project p, waiting for its text, with `extra` over it. */
const rowOf = (name: string, extra: Partial<FileRow> = {}): FileRow => ({
  path: `/home/x/${name}.jsonl`, projectId: 'p', sessionId: name, ino: 1, size: 1, mtimeMs: 1, check: '', state: '{}', parts: '', updatedAt: '', empty: false,
  summary: '{}', summaryKey: 'k', textDone: false, ...extra,
});

const FIXED_MTIME_S = 1_790_000_000;

let t: TempHome;
let cacheRoot: string;
const env = () => ({ XDG_CACHE_HOME: cacheRoot });
const cacheAt = (): SummaryCache => SummaryCache.forHome(t.home, env());
const file = (id: string) => ({ projectId: PROJECT_ID, id, path: join(t.dir, `${id}.jsonl`) });
const full = async (path: string) => (await readSummary(path, readOpts())).summary;

/** One cached run over `id`, as one process would do it: summarise, save, close; returns the summary. */
async function run(id: string) {
  const cache = cacheAt();
  const summary = await cache.summary(file(id), readOpts());
  cache.save();
  cache.close();
  return summary!;
}

/** Replaces bytes at `at` without changing the file's size, inode or mtime. */
function patchInPlace(path: string, at: number, text: string): void {
  const buf = readFileSync(path);
  buf.write(text, at, 'utf8');
  writeFileSync(path, buf); // same inode: writeFileSync truncates and rewrites
  utimesSync(path, FIXED_MTIME_S, FIXED_MTIME_S);
}

beforeEach(() => {
  t = tempHome();
  cacheRoot = mkdtempSync(join(tmpdir(), 'sb-catalog-db-'));
});
afterEach(() => {
  t.cleanup();
  rmSync(cacheRoot, { recursive: true, force: true });
});

describe('catalog database: the summary cache', () => {
  it('lives at $XDG_CACHE_HOME/session-browser/catalog-<16 hex>.sqlite, in WAL mode, and records its home', async () => {
    t.write('s', [msg('user', 'hello')]);
    const cache = cacheAt();
    expect(cache.path).toBe(catalogPath(t.home, env()));
    expect(cache.path).toMatch(/\/session-browser\/catalog-[0-9a-f]{16}\.sqlite$/);
    await run('s');
    const Database = sqlite()!;
    const db = new Database(cache.path!, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(CATALOG_USER_VERSION);
      const row = db.prepare('SELECT session_id, project_id, updated_at, empty, summary FROM files').get() as Record<string, unknown>;
      expect(row).toMatchObject({ session_id: 's', project_id: PROJECT_ID, updated_at: '2026-11-20T09:00:00.000Z', empty: 0 });
      // The whole summary, as the list shows it: a warm start serves it without folding again.
      expect(JSON.parse(row.summary as string)).toMatchObject({ id: 's', projectId: PROJECT_ID, updatedAt: '2026-11-20T09:00:00.000Z' });
    } finally {
      db.close();
    }
    expect(recordedHome(cache.path!)).toBe(t.home);
  });

  it('persists across instances: an unchanged file is summarised by a new instance without reading it', async () => {
    const path = t.write('s', [{ type: 'meta', title: 'Alpha' }, msg('user', 'one')], { mtimeMs: FIXED_MTIME_S * 1000 });
    const first = await run('s');
    expect(first.title).toBe('Alpha');
    // Other bytes, same size, inode and mtime: only a read could see "Omega".
    patchInPlace(path, readFileSync(path, 'utf8').indexOf('Alpha'), 'Omega');
    expect((await full(path)).title).toBe('Omega');
    expect(await run('s')).toEqual(first);
  });

  it('reads a grown file from its stored offset, with the figures of a full read of what it saw', async () => {
    const head = [{ type: 'meta', title: 'Alpha' }, msg('user', 'x'.repeat(200))];
    const path = t.write('g', head, { mtimeMs: FIXED_MTIME_S * 1000 });
    const before = await run('g');
    // Change the head, far from the 64 bytes checked before the offset, then append.
    patchInPlace(path, readFileSync(path, 'utf8').indexOf('Alpha'), 'Omega');
    appendFileSync(path, `${JSON.stringify(msg('assistant', 'two'))}\n`);
    const grown = await run('g');
    expect(grown.title).toBe('Alpha'); // the head was not read again
    expect(grown.messageCount).toBe(before.messageCount + 1);
    expect(grown.assistantMessages).toBe(1);
    // And a new instance continues from the grown state.
    appendFileSync(path, `${JSON.stringify(msg('user', 'three'))}\n`);
    expect((await run('g')).messageCount).toBe(before.messageCount + 2);
  });

  it('reads a rewritten file again in full', async () => {
    const path = t.write('r', [{ type: 'meta', title: 'Alpha' }, msg('user', 'one')]);
    await run('r');
    writeFileSync(path, `${JSON.stringify({ type: 'meta', title: 'Rewritten entirely' })}\n${JSON.stringify(msg('user', 'y'.repeat(300)))}\n`);
    const again = await run('r');
    expect(again).toEqual(await full(path));
    expect(again.title).toBe('Rewritten entirely');
  });

  it('forgets the rows of vanished files on save', async () => {
    t.write('a', [msg('user', 'a')]);
    t.write('b', [msg('user', 'b')]);
    const cache = cacheAt();
    await cache.summary(file('a'), readOpts());
    await cache.summary(file('b'), readOpts());
    cache.save();
    rmSync(file('b').path);
    cache.forgetMissing([PROJECT_ID], new Set([file('a').path]));
    cache.save();
    cache.close();
    const db = CatalogDb.open(cacheAt().path!, t.home)!;
    expect([...db.paths(null)]).toEqual([file('a').path]);
    db.close();
  });

  it.each([
    ['not a database', (p: string) => writeFileSync(p, 'this is not a database '.repeat(200))],
    ['truncated', (p: string) => truncateSync(p, 100)],
    ['empty', (p: string) => truncateSync(p, 0)],
  ])('rebuilds a %s file silently', async (_name, damage) => {
    const path = t.write('s', [{ type: 'meta', title: 'Alpha' }, msg('user', 'one')]);
    await run('s');
    const dbPath = cacheAt().path!;
    damage(dbPath);
    expect(await run('s')).toEqual(await full(path));
    const db = CatalogDb.open(dbPath, t.home)!;
    expect(db.get(path)?.sessionId).toBe('s'); // written again
    db.close();
  });

  it('rebuilds a database of another schema version, or of foreign tables, silently', async () => {
    const path = t.write('s', [msg('user', 'one')]);
    const dbPath = cacheAt().path!;
    const Database = sqlite()!;
    for (const setup of ['CREATE TABLE files (x); PRAGMA user_version = 999', 'CREATE TABLE other (y)']) {
      mkdirSync(dirname(dbPath), { recursive: true });
      rmSync(dbPath, { force: true });
      const old = new Database(dbPath);
      old.exec(setup);
      old.close();
      expect(await run('s')).toEqual(await full(path));
      const db = new Database(dbPath, { readonly: true });
      expect(db.pragma('user_version', { simple: true })).toBe(CATALOG_USER_VERSION);
      expect((db.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n).toBe(1);
      db.close();
    }
  });

  it('works without persistence when the cache folder cannot be created', async () => {
    writeFileSync(join(cacheRoot, 'session-browser'), 'a file where the folder should be');
    const path = t.write('s', [msg('user', 'one')]);
    expect(CatalogDb.open(cacheAt().path!, t.home)).toBeNull();
    expect(await run('s')).toEqual(await full(path));
    expect(await run('s')).toEqual(await full(path));
  });

  it('works without persistence when the catalog file cannot be opened (a folder stands in its place)', async () => {
    // chmod cannot make a folder read-only for root (CI runs as root); a
    // folder at the database's path fails the open the same way, for everyone.
    mkdirSync(cacheAt().path!, { recursive: true });
    const path = t.write('s', [msg('user', 'one')]);
    expect(CatalogDb.open(cacheAt().path!, t.home)).toBeNull();
    expect(await run('s')).toEqual(await full(path));
    expect(statSync(cacheAt().path!).isDirectory()).toBe(true);
  });

  it('keeps the catalog private to its owner (0600 in a 0700 folder)', async () => {
    t.write('s', [msg('user', 'one')]);
    await run('s');
    expect(statSync(cacheAt().path!).mode & 0o777).toBe(0o600);
    expect(statSync(join(cacheRoot, 'session-browser')).mode & 0o777).toBe(0o700);
  });

  it('prunes, on save, the catalogs of homes that no longer exist', async () => {
    const other = tempHome();
    const otherCache = SummaryCache.forHome(other.home, env());
    otherCache.save();
    otherCache.close();
    expect(existsSync(otherCache.path!)).toBe(true);
    other.cleanup();
    t.write('s', [msg('user', 'one')]);
    await run('s');
    expect(existsSync(otherCache.path!)).toBe(false);
    expect(existsSync(cacheAt().path!)).toBe(true);
  });
});

describe('catalog database at scale', () => {
  it('writes 105,000 rows and reads them all back (no cliff: the JSON cache could not be written here)', () => {
    const dbPath = join(cacheRoot, 'session-browser', 'catalog-00000000000000aa.sqlite');
    const db = CatalogDb.open(dbPath, '/nonexistent/scale-home')!;
    const ROWS = 105_000;
    // 1 KB states keep this quick; rows are written and read one at a time, so
    // their size changes nothing here (bench/summary-cache.ts runs real ~5 KB
    // states, 105k of them past V8's longest string).
    const state = JSON.stringify({ v: 4, offset: 1234, d: { searchText: 'w'.repeat(1_000) } });
    const row = (i: number): FileRow => ({
      path: `/h/projects/p${i % 7}/s${i}.jsonl`,
      projectId: `p${i % 7}`,
      sessionId: `s${i}`,
      ino: 1_000_000 + i,
      size: 4096 + i,
      mtimeMs: 1_790_000_000_000 + i,
      check: (i * 2654435761 >>> 0).toString(16).padStart(16, '0'),
      state,
      parts: '',
      updatedAt: new Date(1_790_000_000_000 + i * 1000).toISOString(),
      empty: i % 10 === 0,
      summary: `{"id":"s${i}","title":"session ${i}"}`,
      summaryKey: 'k',
      textDone: i % 3 !== 0,
    });
    function* rows(from: number, to: number): Generator<FileRow> {
      for (let i = from; i < to; i++) yield row(i);
    }
    for (let from = 0; from < ROWS; from += 5_000) expect(db.write(rows(from, Math.min(ROWS, from + 5_000)))).toBe(true);
    db.close();

    const again = CatalogDb.open(dbPath, '/nonexistent/scale-home')!;
    expect(again.created).toBe(false);
    expect(again.count()).toBe(ROWS);
    let seen = 0;
    for (const path of again.paths(['p3'])) {
      expect(path).toMatch(/\/p3\//);
      seen++;
    }
    expect(seen).toBe(15_000);
    // The listing reads the table a slice at a time: every row once, in one project or all of them.
    const listedOne = [...again.listed(['p3'])].map((r) => r.path);
    expect(listedOne).toHaveLength(15_000);
    expect(new Set(listedOne).size).toBe(15_000);
    const listedAll = new Set<string>();
    for (const r of again.listed(null)) listedAll.add(r.path);
    expect(listedAll.size).toBe(ROWS);
    for (let i = 0; i < ROWS; i += 997) expect(again.get(row(i).path)).toEqual(row(i));
    again.close();
    // ~10 s alone; a loaded 2-core CI running other files beside it takes several times that (not a timing assertion).
  }, 120_000);
});

describe('reading the listing while writing', () => {
  it('a write between two listed rows (a browser giving keys a turn) neither throws nor loses or repeats a row', () => {
    const db = CatalogDb.open(join(cacheRoot, 'session-browser', 'catalog-00000000000000ab.sqlite'), '/nonexistent/listing-home')!;
    const names = Array.from({ length: 2_500 }, (_, i) => `s${i}`);
    expect(db.write(names.map((n) => rowOf(n)))).toBe(true);
    const seen: string[] = [];
    let i = 0;
    for (const row of db.listed(['p'])) {
      seen.push(row.sessionId);
      // Rewrites a row already listed, and adds one, mid-iteration (an open statement would refuse the write).
      if (i++ % 700 === 0) expect(db.write([rowOf(row.sessionId, { size: 2 }), rowOf(`new${i}`)])).toBe(true);
    }
    expect(seen.filter((id) => !id.startsWith('new')).sort()).toEqual([...names].sort());
    expect(new Set(seen).size).toBe(seen.length);
    db.close();
  });
});

describe('the file on disk', () => {
  it('is created with its folder private to the user', async () => {
    t.write('s', [msg('user', 'one')]);
    await run('s');
    expect(statSync(join(cacheRoot, 'session-browser')).mode & 0o077).toBe(0);
  });
});

describe('stand-in documents left for later (metaLater)', () => {
  it('writes a stand-in only for a row that still waits for its text and still has no document: one indexed meanwhile keeps its text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-meta-'));
    try {
      const db = CatalogDb.open(join(dir, 'c.sqlite'), '/home/x')!;
      const row = (name: string, projectId = 'p'): FileRow => rowOf(name, { projectId, summary: JSON.stringify({ title: `title of ${name}` }), texts: 'forget' });
      expect(db.write([row('a'), row('b'), row('c', 'q')])).toBe(true);
      expect(db.metaPending(['q'])).toHaveLength(1);
      const ids = db.metaPending(null);
      expect(ids).toHaveLength(3);
      // b is indexed by another run between the listing of ids and their write.
      expect(db.write([{ ...row('b'), textDone: true, texts: { fresh: true, meta: 'title of b', chunks: ['zeppelins over the bay'] } }])).toBe(true);
      expect(db.writeMetaDocs(ids, (json) => (JSON.parse(json) as { title: string }).title)).toBe(2);
      const found = (q: string) => [...db.text.match(`"${q}"`).keys()].length;
      expect(found('zeppelins')).toBe(1); // b's text is still there, not replaced by a stand-in
      expect(found('title')).toBe(3);
      expect(db.metaPending(null)).toEqual([]);
      expect(db.writeMetaDocs(ids, () => 'again')).toBe(0);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('writes while another connection writes the same catalog', () => {
  it('a stand-ins write holds the write lock from its start: another connection committing meanwhile cannot turn its snapshot stale and close it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-meta-lock-'));
    try {
      const a = CatalogDb.open(join(dir, 'c.sqlite'), '/home/x')!;
      const b = CatalogDb.open(join(dir, 'c.sqlite'), '/home/x')!;
      const row = (name: string): FileRow => rowOf(name, { summary: JSON.stringify({ title: name }), texts: 'forget' });
      expect(a.write([row('s1'), row('s2')])).toBe(true);
      let other: boolean | null = null;
      // Another writer tries to commit between a's first read and its first write: it waits for a's lock
      // (and gives up after the busy timeout), where with a deferred transaction it would have committed and
      // a's write would have failed on its stale snapshot, closing a's catalog for the rest of the run.
      const wrote = a.writeMetaDocs(a.metaPending(null), (json) => {
        other ??= b.write([row('s3')]);
        return (JSON.parse(json) as { title: string }).title;
      });
      expect(wrote).toBe(2);
      expect(a.usable).toBe(true);
      expect(other).toBe(false);
      a.close();
      b.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the calls index (cross-file dedupe)', () => {
  it('finds the calls two files share, each copy once, and only those', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-calls-'));
    try {
      const db = CatalogDb.open(join(dir, 'c.sqlite'), '/home/x')!;
      const hash = (i: number) => Buffer.from(i.toString(16).padStart(16, '0'), 'hex');
      const row = (name: string, hashes: Buffer[]): FileRow => rowOf(name, { calls: { replace: true, hashes: Buffer.concat(hashes) } });
      // 200 calls, and 150 of them again in a fork, plus 7 of its own.
      const original = Array.from({ length: 200 }, (_, i) => hash(i));
      const fork = [...original.slice(50), ...Array.from({ length: 7 }, (_, i) => hash(1000 + i))];
      expect(db.write([row('original', original), row('fork', fork)])).toBe(true);
      const shared = [...db.sharedCalls()];
      expect(shared).toHaveLength(300);
      expect(new Set(shared.map((r) => r.hash))).toEqual(new Set(original.slice(50).map((h) => h.toString('hex'))));
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tells apart hashes that share a 32-bit half: only the same 8 bytes in two files are one call', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-calls-'));
    try {
      const db = CatalogDb.open(join(dir, 'c.sqlite'), '/home/x')!;
      const hash = (high: number, low: number): Buffer => {
        const b = Buffer.alloc(8);
        b.writeUInt32LE(low, 0);
        b.writeUInt32LE(high, 4);
        return b;
      };
      const row = (name: string, hashes: Buffer[]): FileRow => rowOf(name, { calls: { replace: true, hashes: Buffer.concat(hashes) } });
      // a and b share one call (7, 7); the rest agree in one half only, or differ in a half the table's
      // slot is made of (low XOR high), so they land in the same slots.
      const a = [hash(7, 7), hash(1, 5), hash(5, 1), hash(0xffffffff, 3), hash(2, 2)];
      const b = [hash(7, 7), hash(2, 5), hash(1, 4), hash(3, 0xffffffff), hash(3, 3), hash(2, 2 + 1024)];
      expect(db.write([row('a', a), row('b', b)])).toBe(true);
      const shared = [...db.sharedCalls()].map((r) => `${r.path.slice(8, -6)}:${r.hash}`).sort();
      expect(shared).toEqual([`a:${hash(7, 7).toString('hex')}`, `b:${hash(7, 7).toString('hex')}`]);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('extends a file read on from its offset, replaces one read again, forgets a deleted one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-calls-'));
    try {
      const db = CatalogDb.open(join(dir, 'c.sqlite'), '/home/x')!;
      const hash = (i: number) => Buffer.from(i.toString(16).padStart(16, '0'), 'hex');
      const row = (name: string, replace: boolean, ids: number[]): FileRow => rowOf(name, { calls: { replace, hashes: Buffer.concat(ids.map(hash)) } });
      const shared = () => [...db.sharedCalls()].map((r) => `${r.path.slice(8, -6)}:${parseInt(r.hash, 16)}`).sort();
      db.write([row('a', true, [1, 2, 3]), row('b', true, [9])]);
      expect(shared()).toEqual([]);
      // b grew and now holds a copy of a's call 2 (listed twice: still one copy).
      db.write([row('b', false, [2, 2])]);
      expect(shared()).toEqual(['a:2', 'b:2']);
      // a read again from its start without call 2, then b deleted.
      db.write([row('a', true, [1, 3, 9])]);
      expect(shared()).toEqual(['a:9', 'b:9']);
      db.write([], ['/home/x/b.jsonl']);
      expect(shared()).toEqual([]);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
