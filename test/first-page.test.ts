/**
 * The first frame's page (issue 7: the first frame from the catalog at any
 * number of sessions): the catalog's SQL page must be exactly the top of
 * the list the browser builds from every stored session (same rows, same
 * order, project groups with the same headings and counts, pinned
 * sessions first in their project, empty ones hidden unless asked for),
 * whatever the size of the page.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionCatalog } from '../src/store/catalog/catalog.js';
import { SummaryCache } from '../src/store/catalog/summary-cache.js';
import { applyLabels, buildItems, type ListPageCounts } from '../src/app/list-model.js';
import type { SessionLabel } from '../src/store/labels.js';
import type { SessionSummary } from '../src/store/types.js';
import type { Scope } from '../src/app/source.js';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const PROJECTS = ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb', 'cccccccccccccccc'];

let home: string;
let cacheDir: string;
const catalog = () => new SessionCatalog({ home, now: () => NOW, cache: SummaryCache.forHome(home, { XDG_CACHE_HOME: cacheDir }) });

/** A session of `project` last active at `minute` past 08:00 (empty: no message at all). */
function write(project: string, id: string, minute: number, opts: { empty?: boolean } = {}): void {
  const dir = join(home, 'projects', project);
  mkdirSync(dir, { recursive: true });
  const ts = new Date(Date.parse('2026-11-20T08:00:00Z') + minute * 60_000).toISOString();
  const records = opts.empty
    ? [{ type: 'meta', title: `Empty ${id}` }]
    : [
        { type: 'meta', title: `Session ${id}` },
        { type: 'message', timestamp: ts, message: { role: 'user', content: `work on ${id}` } },
      ];
  const path = join(dir, `${id}.jsonl`);
  writeFileSync(path, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  utimesSync(path, NOW / 1000 - 60, NOW / 1000 - 60);
}

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'sb-page-'));
  cacheDir = mkdtempSync(join(tmpdir(), 'sb-page-cache-'));
  // Interleaved in time across projects, with two sessions at the same minute (ties go by id) and empty ones.
  const plan: [number, string, number, boolean?][] = [
    [0, 'a1', 10], [1, 'b1', 50], [0, 'a2', 30], [2, 'c1', 40], [1, 'b2', 20], [0, 'a3', 60],
    [2, 'c2', 5], [1, 'b3', 60], [0, 'a4', 1], [2, 'c3', 61, true], [1, 'b4', 70, true], [0, 'a5', 45],
  ];
  for (const [p, id, minute, empty] of plan) write(PROJECTS[p]!, id, minute, { empty });
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});

const label = (id: string): string => `project ${id.slice(0, 1)}`;
type Row = { id: string; heading: string | null };
const rowsOf = (sessions: SessionSummary[], scope: Scope, labels: ReadonlyMap<string, SessionLabel>, partial: ListPageCounts | null = null): Row[] =>
  buildItems(applyLabels(sessions, labels), null, scope, label, 'relevance', partial).map((it) => ({
    id: it.summary.id,
    heading: it.group ? `${it.group.label} (${it.group.count})` : null,
  }));

describe('the first frame page (SessionCatalog.storedPage)', () => {
  for (const scope of ['all', 'project'] as const) {
    for (const includeEmpty of [false, true]) {
      it(`is the top of the whole list, any size of page (${scope} scope${includeEmpty ? ', empty ones shown' : ''})`, async () => {
        await catalog().summaries(null, { includeEmpty: true });
        const labels = new Map<string, SessionLabel>([['a4', { pinned: true }], ['c2', { pinned: true, name: 'Named' }]]);
        const projectIds = scope === 'all' ? null : [PROJECTS[0]!];
        const every = catalog().storedSummaries(projectIds).filter((s) => includeEmpty || !s.empty);
        const whole = rowsOf(every, scope, labels);
        expect(whole.length).toBe(scope === 'all' ? (includeEmpty ? 12 : 10) : 5);
        for (const limit of [1, 2, 4, 7, 50]) {
          const page = catalog().storedPage(projectIds, { limit, includeEmpty, pinned: ['a4', 'c2'] })!;
          expect(page.sessions.length).toBe(Math.min(limit, whole.length));
          expect(page.total).toBe(whole.length);
          const top = rowsOf(page.sessions, scope, labels, { total: page.total, projectCounts: page.projectCounts });
          expect(top).toEqual(whole.slice(0, top.length));
        }
      });
    }
  }

  it('puts a pinned session first in its project, and groups projects by their newest session', async () => {
    await catalog().summaries(null, { includeEmpty: true });
    const page = catalog().storedPage(null, { limit: 50, pinned: ['a4'] })!;
    // b3 (08:60) is the newest non-empty session; a3 ties it at 08:60 and 'a3' < 'b3', so project a leads.
    const ids = page.sessions.map((s) => s.id);
    expect(ids).toEqual(['a4', 'a3', 'a5', 'a2', 'a1', 'b3', 'b1', 'b2', 'c1', 'c2']);
    expect(Object.fromEntries(page.projectCounts)).toEqual({ [PROJECTS[0]!]: 5, [PROJECTS[1]!]: 3, [PROJECTS[2]!]: 2 });
  });

  it('is empty before anything is stored, and for a project with no rows', async () => {
    expect(catalog().storedPage(null, { limit: 5 })).toEqual({ sessions: [], total: 0, projectCounts: new Map() });
    await catalog().summaries(null, { includeEmpty: true });
    expect(catalog().storedPage(['0000000000000000'], { limit: 5 })).toEqual({ sessions: [], total: 0, projectCounts: new Map() });
  });
});

describe('a cold scan writes the catalog as it goes (a cold browser fills its list in)', () => {
  it('writes rows that waited a second, before a batch is full, so the first page grows during the scan', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(NOW);
      const cat = catalog();
      const seen: number[] = [];
      await cat.summaries(null, {
        includeEmpty: true,
        onProgress: () => {
          // A second passes between two files: what was read so far is in the catalog.
          vi.setSystemTime(Date.now() + 1500);
          seen.push(cat.storedPage(null, { limit: 50, includeEmpty: true })!.total);
        },
      });
      expect(seen.some((n) => n > 0 && n < 12)).toBe(true);
      expect(cat.storedPage(null, { limit: 50, includeEmpty: true })!.total).toBe(12);
    } finally {
      vi.useRealTimers();
    }
  });
});
