import { appendFileSync, existsSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogDb } from '../src/store/catalog/catalog-db.js';
import { SummaryCache } from '../src/store/catalog/summary-cache.js';
import { readSummary } from '../src/store/scan/summary-reader.js';
import { PROJECT_ID, readOpts, tempHome, type TempHome } from './helpers/session-files.js';

const msg = (role: string, content: string) => ({ type: 'message', timestamp: '2026-11-20T09:00:00Z', message: { role, content } });

let t: TempHome;
let cacheDir: string;
const cacheAt = (): SummaryCache => SummaryCache.forHome(t.home, { XDG_CACHE_HOME: cacheDir });
const file = (id: string) => ({ projectId: PROJECT_ID, id, path: join(t.dir, `${id}.jsonl`) });

beforeEach(() => {
  t = tempHome();
  cacheDir = mkdtempSync(join(tmpdir(), 'sb-cache-test-'));
});
afterEach(() => {
  t.cleanup();
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('summary cache', () => {
  it('gives the same summary as a full read, across runs, for unchanged, grown and rewritten files', async () => {
    const path = t.write('s', [{ type: 'meta', title: 'Cached' }, msg('user', 'one')]);
    const first = cacheAt();
    expect(await first.summary(file('s'), readOpts())).toEqual((await readSummary(path, readOpts())).summary);
    first.save();
    expect(existsSync(first.path!)).toBe(true);

    // A new process: unchanged file, summarised from the cache.
    const second = cacheAt();
    expect(await second.summary(file('s'), readOpts())).toEqual((await readSummary(path, readOpts())).summary);

    // Appended: only the new part is read, with the figures of a full read.
    appendFileSync(path, `${JSON.stringify(msg('assistant', 'two'))}\nnot json\n`);
    const grown = await second.summary(file('s'), readOpts());
    expect(grown).toEqual((await readSummary(path, readOpts())).summary);
    expect(grown!.messageCount).toBe(2);
    expect(grown!.malformedLines).toBe(1);
    second.save();

    // Rewritten in place to something longer: never continued from the stale offset.
    writeFileSync(path, `${JSON.stringify({ type: 'meta', title: 'Rewritten entirely' })}\n${JSON.stringify(msg('user', 'x'.repeat(300)))}\n`);
    const third = cacheAt();
    const rewritten = await third.summary(file('s'), readOpts());
    expect(rewritten).toEqual((await readSummary(path, readOpts())).summary);
    expect(rewritten!.title).toBe('Rewritten entirely');
    expect(rewritten!.malformedLines).toBe(0);
  });

  it('a long-lived instance (the browser) serves what it wrote and what it listed again without reading, and the catalog keeps every summary whole', async () => {
    const ids = ['a', 'b', 'c'];
    for (const id of ids) t.write(id, [{ type: 'meta', title: `Title ${id}` }, msg('user', `prompt ${id}`)]);
    const files = ids.map(file);
    const want = await Promise.all(files.map(async (f) => (await readSummary(f.path, readOpts())).summary));
    const byId = (list: { id: string }[]) => [...list].sort((x, y) => x.id.localeCompare(y.id));

    const cache = cacheAt();
    expect(byId((await cache.summaries(files, () => readOpts(), 'k')).summaries)).toEqual(want);
    cache.save();
    const read = cache.bytesRead;
    expect(read).toBeGreaterThan(0);
    // A refresh after the rows were written (they are kept without their fold states and texts): served, not read.
    expect(byId((await cache.summaries(files, () => readOpts(), 'k')).summaries)).toEqual(want);
    expect(cache.bytesRead).toBe(read);
    // The first frame's list (each row's text let go once parsed), then a refresh: served again.
    expect(byId(await cache.storedInTurns(null, 'k', Date.now()))).toEqual(want);
    expect(byId((await cache.summaries(files, () => readOpts(), 'k')).summaries)).toEqual(want);
    expect(cache.bytesRead).toBe(read);
    cache.save();
    cache.close();

    // What the database holds was never touched by the letting go: a new process serves every summary whole.
    const next = cacheAt();
    expect(byId(next.stored(null, 'k', Date.now()))).toEqual(want);
    expect(byId((await next.summaries(files, () => readOpts(), 'k')).summaries)).toEqual(want);
    expect(next.bytesRead).toBe(0);
  });

  it('finishes a pending tail once it completes', async () => {
    const path = t.write('p', [msg('user', 'one'), '{"type":"message","message":{"role":"assistant","content":"tw'], { trailing: false });
    const cache = cacheAt();
    expect((await cache.summary(file('p'), readOpts()))!.pendingTail).toBe(true);
    cache.save();
    appendFileSync(path, 'o"}}\n');
    const again = await cacheAt().summary(file('p'), readOpts());
    expect(again!.pendingTail).toBe(false);
    expect(again!.assistantMessages).toBe(1);
  });

  it('forgets deleted files and survives a corrupt cache file', async () => {
    t.write('gone', [msg('user', 'bye')]);
    const cache = cacheAt();
    await cache.summary(file('gone'), readOpts());
    cache.save();
    cache.forgetMissing([PROJECT_ID], new Set());
    cache.save();
    const db = CatalogDb.open(cache.path!, t.home)!;
    expect(db.get(join(t.dir, 'gone.jsonl'))).toBeUndefined();
    expect(db.count()).toBe(0);
    db.close();

    writeFileSync(cache.path!, '{ not json');
    t.write('fresh', [msg('user', 'hello')]);
    expect((await cacheAt().summary(file('fresh'), readOpts()))!.title).toBe('hello');
  });

  it('is off with SESSION_BROWSER_CACHE=0', () => {
    expect(SummaryCache.forHome(t.home, { SESSION_BROWSER_CACHE: '0' }).path).toBeNull();
  });
});
