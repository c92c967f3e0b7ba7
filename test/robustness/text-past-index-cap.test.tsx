/**
 * Hostile case "text past the index cap is silently unsearchable" (issue 9):
 * one read of a session indexes at most 32 Mi characters of its text (a
 * memory bound, scan/text-chunks.ts). A session with more used to lose the
 * rest from search without a word. The summary now carries how much was
 * past it (unindexedChars, kept in the catalog's fold state), and the
 * browser's preview, a search that finds nothing, and `doctor` say so.
 */
import React from 'react';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.js';
import { SessionCatalog } from '../../src/store/catalog/catalog.js';
import { SummaryCache } from '../../src/store/catalog/summary-cache.js';
import { SessionSearch } from '../../src/store/search/session-search.js';
import { PASS_TEXT_CHARS } from '../../src/store/scan/text-chunks.js';
import { appSummary, fakeSource } from '../helpers/fake-source.js';
import { cleanup, renderSized } from '../helpers/render.js';
import { runCli } from '../helpers/cli.js';
import { useTempHome, type TempHome } from '../helpers/session-files.js';

let t: TempHome;
useTempHome((h) => (t = h));
afterEach(cleanup);

const T = '2026-11-20T09:00:00Z';
const MI = 2 ** 20;
/** A session of `n` user messages of 1 Mi characters each; the word `needle` only in the last one. */
function bigSession(id: string, n: number): string {
  const lines = [JSON.stringify({ type: 'meta', id, created_at: T, title: id })];
  const filler = 'lorem ipsum '.repeat(MI / 12).padEnd(MI, 'x');
  for (let i = 0; i < n; i++) {
    const content = i === n - 1 ? `needle ${filler}` : filler;
    lines.push(JSON.stringify({ type: 'message', timestamp: T, message: { role: i % 2 ? 'assistant' : 'user', content } }));
  }
  const path = join(t.dir, `${id}.jsonl`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('robustness: text past the index cap', () => {
  it('the catalog records how much of a session was past the cap; a small one has nothing', async () => {
    bigSession('huge', 34);
    bigSession('small', 2);
    const cacheDir = join(t.home, 'cache');
    mkdirSync(cacheDir);
    const catalog = new SessionCatalog({ home: t.home, now: () => Date.parse(T), cache: SummaryCache.forHome(t.home, { XDG_CACHE_HOME: cacheDir }) });
    // As the browser: list without text, then index in the background, then list again.
    await catalog.summaries(null, { text: 'appends' });
    await catalog.indexText(null);
    const { sessions } = await catalog.summaries(null, { text: 'appends' });
    const huge = sessions.find((s) => s.id === 'huge')!;
    expect(huge.unindexedChars).toBeGreaterThan(MI);
    expect(huge.unindexedChars).toBeLessThan(3 * MI);
    expect(sessions.find((s) => s.id === 'small')!.unindexedChars).toBeUndefined();
    // The word past the cap is indeed not found (in the small session, it is): what the note warns of.
    const hits = new SessionSearch(catalog.textIndex()).search('needle', sessions);
    expect(hits.map((h) => h.summary.id)).toEqual(['small']);
    // A new catalog over the same database serves it from the stored state.
    const again = new SessionCatalog({ home: t.home, now: () => Date.parse(T), cache: SummaryCache.forHome(t.home, { XDG_CACHE_HOME: cacheDir }) });
    expect((await again.summaries(null)).sessions.find((s) => s.id === 'huge')!.unindexedChars).toBe(huge.unindexedChars);
  }, 60_000);

  it('the browser says so in the preview of that session and when a search finds nothing', async () => {
    const cut = appSummary({ id: 'huge', title: 'Huge log', unindexedChars: 5 * MI });
    const plain = appSummary({ id: 'plain', title: 'Plain log', updatedAt: '2026-03-09T12:00:00Z' });
    const ui = renderSized(<App source={fakeSource({ sessions: [cut, plain] })} onExit={() => {}} />, { columns: 140, rows: 24 });
    const first = await ui.waitFor('Huge log');
    expect(first).toContain('text past 32 Mi characters of this session is not searchable');
    ui.write('j');
    await ui.waitFor((f) => !f.includes('not searchable'));
    ui.write('/');
    ui.write('zeppelin');
    expect(await ui.waitFor('No sessions match')).toContain('No sessions match “zeppelin”; in 1 session, text past 32 Mi characters is not searchable.');
  });

  it('CLI: doctor names the session and how much is past the cap, and it is no problem (exit 0)', () => {
    bigSession('huge', 33);
    bigSession('small', 1);
    const res = runCli(['--home', t.home, 'doctor', '--all']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^huge: text past 32 Mi characters of this session is not searchable \([\d,]+ characters past it; the title, id and prompts still are\)\.$/m);
    expect(res.stdout).not.toMatch(/^small:/m);
    const json = JSON.parse(runCli(['--home', t.home, 'doctor', '--all', '--json']).stdout) as { files: { id: string; unindexedChars: number }[] };
    expect(json.files.find((f) => f.id === 'huge')!.unindexedChars).toBeGreaterThan(0);
    expect(json.files.find((f) => f.id === 'small')!.unindexedChars).toBe(0);
    expect(PASS_TEXT_CHARS).toBe(32 * MI);
    // A search by words past the cap says why it finds nothing.
    expect(runCli(['--home', t.home, 'list', '--all', '--query', 'zeppelin']).stdout).toContain('; in 1 session, text past 32 Mi characters is not searchable.');
  }, 60_000);
});
