/**
 * The warm path (issue 7 item 2): an unchanged file costs one stat and its
 * stored summary, never a read or a fold; stored figures computed with other
 * prices are finished again; clock-dependent fields follow the clock; the
 * browser's first frame comes from the catalog before any file is checked.
 */
import { mkdtempSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionCatalog } from '../src/store/catalog/catalog.js';
import { SummaryCache } from '../src/store/catalog/summary-cache.js';
import { summaryAt } from '../src/store/scan/summary-clock.js';
import type { SessionSummary } from '../src/store/types.js';
import { PROJECT_ID, tempHome, type TempHome } from './helpers/session-files.js';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const usage = { input_tokens: 1_000_000, output_tokens: 0, cache_read_tokens: 0, cache_write_tokens: 0 };
const lines = (title: string) => [
  { type: 'meta', title, model: 'gpt-4o' },
  { type: 'message', timestamp: '2026-11-20T09:00:00Z', message: { role: 'user', content: 'hello' } },
  { type: 'usage', entry: { timestamp: '2026-11-20T09:00:01Z', vendor: 'openai', endpoint: 'chat', model: 'gpt-4o', usage } },
];

let t: TempHome;
let cacheDir: string;
const catalog = (over: Partial<ConstructorParameters<typeof SessionCatalog>[0]> = {}) =>
  new SessionCatalog({ home: t.home, now: () => NOW, cache: SummaryCache.forHome(t.home, { XDG_CACHE_HOME: cacheDir }), ...over });

beforeEach(() => {
  t = tempHome();
  cacheDir = mkdtempSync(join(tmpdir(), 'sb-warm-'));
});
afterEach(() => {
  t.cleanup();
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('warm start from the catalog', () => {
  it('serves an unchanged file (same inode, size and mtime) from its stored summary without reading it', async () => {
    const mtimeMs = NOW - 60_000;
    const path = t.write('s', lines('Original title'), { mtimeMs });
    expect((await catalog().summaries(null)).sessions[0]!.title).toBe('Original title');
    // Same length, same inode, mtime put back: by the catalog's rule the file is unchanged, so its bytes are not read.
    const { size } = statSync(path);
    writeFileSync(path, readBack(lines('Xriginal title')));
    utimesSync(path, mtimeMs / 1000, mtimeMs / 1000);
    expect(statSync(path).size).toBe(size);
    expect((await catalog().summaries(null)).sessions[0]!.title).toBe('Original title');
    // A new mtime is a change: read again.
    utimesSync(path, new Date(), new Date());
    expect((await catalog().summaries(null)).sessions[0]!.title).toBe('Xriginal title');
  });

  it('finishes stored figures again when the prices change, and never serves the old cost', async () => {
    t.write('s', lines('Priced'));
    const cheap = { 'gpt-4o': { input: 1, output: 1, cache_read: 1, cache_write: 1 } };
    const dear = { 'gpt-4o': { input: 5, output: 5, cache_read: 5, cache_write: 5 } };
    expect((await catalog({ pricing: cheap }).summaries(null)).sessions[0]!.costUsd).toBe(1);
    expect((await catalog({ pricing: dear }).summaries(null)).sessions[0]!.costUsd).toBe(5);
    expect(catalog({ pricing: dear }).storedSummaries(null)[0]!.costUsd).toBe(5);
    // The first figures' rows were replaced: the cheap catalog finishes them again too.
    expect((await catalog({ pricing: cheap }).summaries(null)).sessions[0]!.costUsd).toBe(1);
  });

  it('lists what it last saw before touching any file (the first frame), newest first', async () => {
    t.write('old', lines('Older'), { mtimeMs: NOW - 3_600_000 });
    t.write('new', [...lines('Newer'), { type: 'message', timestamp: '2026-11-20T10:00:00Z', message: { role: 'user', content: 'later' } }]);
    expect(catalog().storedSummaries(null)).toEqual([]); // nothing stored yet: no catalog, no rows
    const { sessions } = await catalog().summaries(null, { includeEmpty: true });
    const stored = catalog().storedSummaries([PROJECT_ID]);
    expect(stored.map((s) => s.title)).toEqual(['Newer', 'Older']);
    expect(stored).toEqual(sessions);
    // Deleted since: still shown until the check, which drops it.
    unlinkSync(join(t.dir, 'old.jsonl'));
    expect(catalog().storedSummaries(null)).toHaveLength(2);
    expect((await catalog().summaries(null)).sessions.map((s) => s.title)).toEqual(['Newer']);
    expect(catalog().storedSummaries(null).map((s) => s.title)).toEqual(['Newer']);
    expect(catalog().storedSummaries(['0000000000000000'])).toEqual([]);
  });
});

describe('summaryAt (clock-dependent fields of a stored summary)', () => {
  const base = { status: 'running', cacheWarmUntil: '2026-11-20T12:05:00.000Z' } as SessionSummary;
  it('keeps a session running while its file changed in the last 10 minutes, then calls it incomplete', () => {
    expect(summaryAt(base, NOW - 60_000, NOW).status).toBe('running');
    expect(summaryAt(base, NOW - 11 * 60_000, NOW).status).toBe('incomplete');
    expect(summaryAt({ ...base, status: 'incomplete' }, NOW - 60_000, NOW).status).toBe('running');
    expect(summaryAt({ ...base, status: 'success' }, NOW - 60_000, NOW).status).toBe('success');
  });
  it('drops a cache warmth that has passed, and returns the same object when nothing changed', () => {
    expect(summaryAt(base, NOW - 60_000, NOW)).toBe(base);
    expect(summaryAt(base, NOW - 60_000, NOW + 10 * 60_000).cacheWarmUntil).toBeNull();
  });
});

function readBack(records: object[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n';
}
