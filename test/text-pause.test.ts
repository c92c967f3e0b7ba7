/**
 * The background full-text indexing waits while it is paused (a browser
 * holds the pause while a session is open in its replay:
 * SessionCatalog.pauseText): nothing is indexed meanwhile, a pass running
 * when the pause comes stops, and once the pause is released the session's
 * text is indexed whole and a search finds it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionCatalog } from '../src/store/catalog/catalog.js';
import { SummaryCache } from '../src/store/catalog/summary-cache.js';
import { TextPause } from '../src/store/catalog/text-pause.js';
import { SessionSearch } from '../src/store/search/session-search.js';
import type { SessionSummary } from '../src/store/types.js';
import { tempHome, type TempHome } from './helpers/session-files.js';

let t: TempHome;
let cacheDir: string;
beforeEach(() => {
  t = tempHome();
  cacheDir = mkdtempSync(join(tmpdir(), 'sb-pause-cache-'));
});
afterEach(() => {
  t.cleanup();
  rmSync(cacheDir, { recursive: true, force: true });
});

const msg = (role: string, content: string) => ({ type: 'message', timestamp: '2026-11-20T09:00:00Z', message: { role, content } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A catalog on a kept cache whose listing left the home's text to be indexed later (as the browser's does). */
async function listedLazily(): Promise<{ catalog: SessionCatalog; cache: SummaryCache; sessions: SessionSummary[]; found: (q: string) => string[] }> {
  const cache = SummaryCache.forHome(t.home, { XDG_CACHE_HOME: cacheDir });
  const catalog = new SessionCatalog({ home: t.home, cache, text: 'appends' });
  const { sessions } = await catalog.summaries(null, { includeEmpty: true });
  const found = (q: string) => new SessionSearch(catalog.textIndex()).search(q, sessions).map((h) => h.summary.id);
  return { catalog, cache, sessions, found };
}

describe('background text indexing paused while a session is open', () => {
  it('a run started while paused indexes nothing until the pause is released, then the session is found by its text', async () => {
    // The word is in the answer only: the title (the first prompt) is always indexed.
    t.write('s1', [msg('user', 'a note'), msg('assistant', 'indeed, zeppelins')]);
    const { catalog, cache, found } = await listedLazily();
    expect(catalog.pendingText(null)).toBe(1);
    const release = catalog.pauseText();
    let indexed: number | null = null;
    const run = catalog.indexText(null).then((n) => (indexed = n));
    await sleep(100);
    expect(indexed).toBeNull(); // still waiting
    expect(catalog.pendingText(null)).toBe(1);
    expect(found('zeppelins')).toEqual([]);
    release();
    expect(await run).toBe(1);
    expect(catalog.pendingText(null)).toBe(0);
    expect(found('zeppelins')).toEqual(['s1']);
    cache.close();
  });

  it('a pause that comes during a pass stops it; after the pause the session is indexed whole, first and last words', async () => {
    // ~16 MB of log: read in small pieces with turns of the event loop between, so the pause comes mid-read.
    const filler = 'lorem ipsum dolor sit amet '.repeat(600);
    t.write('big', Array.from({ length: 1000 }, (_, i) => msg(i % 2 ? 'assistant' : 'user', `${i === 1 ? 'zeppelins ' : i === 999 ? 'albatrosses ' : ''}${filler}`)));
    t.write('small', [msg('user', 'a note'), msg('assistant', 'about gondolas')]);
    const { catalog, cache, found } = await listedLazily();
    expect(catalog.pendingText(null)).toBe(2);
    let indexed: number | null = null;
    const run = catalog.indexText(null).then((n) => (indexed = n));
    await sleep(30);
    const release = catalog.pauseText();
    const pendingAtPause = catalog.pendingText(null);
    await sleep(300);
    expect(indexed).toBeNull();
    // Nothing more was indexed during the pause (the small session may have been read before it came).
    expect(catalog.pendingText(null)).toBe(pendingAtPause);
    expect(catalog.pendingText(null)).toBeGreaterThanOrEqual(1);
    expect(found('albatrosses')).toEqual([]);
    release();
    expect(await run).toBe(2);
    expect(catalog.pendingText(null)).toBe(0);
    expect(found('zeppelins')).toEqual(['big']);
    expect(found('albatrosses')).toEqual(['big']);
    expect(found('gondolas')).toEqual(['small']);
    cache.close();
  });

  it('holds are counted: indexing waits until the last one is released, and a second release of one hold changes nothing', async () => {
    t.write('s1', [msg('user', 'a note'), msg('assistant', 'indeed, zeppelins')]);
    const { catalog, cache, found } = await listedLazily();
    const first = catalog.pauseText();
    const second = catalog.pauseText();
    const run = catalog.indexText(null);
    first();
    first();
    await sleep(100);
    expect(found('zeppelins')).toEqual([]);
    second();
    expect(await run).toBe(1);
    expect(found('zeppelins')).toEqual(['s1']);
    cache.close();
  });
});

describe('TextPause', () => {
  it('aborts the signal of a pass running when a hold comes; a pass started while paused gets an aborted signal', async () => {
    const pause = new TextPause();
    const running = pause.signal();
    expect(running.aborted).toBe(false);
    const release = pause.hold();
    expect(running.aborted).toBe(true);
    expect(pause.signal().aborted).toBe(true);
    let resumed = false;
    const waiting = pause.resumed().then(() => (resumed = true));
    await sleep(10);
    expect(resumed).toBe(false);
    release();
    await waiting;
    expect(pause.signal().aborted).toBe(false);
  });
});
