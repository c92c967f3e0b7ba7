// The list's rows without an object per row (list-rows.ts) give the order and geometry the list
// always had: sorted, pinned first in each project, grouped by project in order of first row,
// snippet lines for content and similar-word hits, group headings counting their project.
import { describe, expect, it } from 'vitest';
import { OrderedRows, rowsArray, type SortOrder } from '../src/app/list-rows.js';
import { buildLayout } from '../src/components/list-layout.js';
import type { SearchHit } from '../src/store/search/types.js';
import type { SessionSummary } from '../src/store/types.js';
import { appSummary, NOW } from './helpers/fake-source.js';

/** A small deterministic random source (the same lists on every run). */
function rng(seed: number): () => number {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function sessionsOf(n: number, rand: () => number): SessionSummary[] {
  return Array.from({ length: n }, (_, i) =>
    appSummary({
      id: `s${i}`,
      projectId: `p${Math.floor(rand() * 4)}`,
      title: `Session ${i}`,
      updatedAt: new Date(NOW - (i + 1) * 60_000).toISOString(),
      pinned: rand() < 0.15 ? true : undefined,
      costMicros: Math.floor(rand() * 5) * 1000,
      messageCount: Math.floor(rand() * 6),
    }),
  );
}

/** The order as the list built it before, one object per row (the reference). */
function reference(sessions: SessionSummary[], hits: SearchHit[] | null, scope: 'all' | 'project', order: SortOrder) {
  const key = { activity: (s: SessionSummary) => Date.parse(s.updatedAt), cost: (s: SessionSummary) => s.costMicros ?? -1, messages: (s: SessionSummary) => s.messageCount };
  let rows = (hits ?? sessions.map((summary) => ({ summary }) as SearchHit)).map((h, i) => ({ h, i }));
  if (order !== 'relevance') rows = [...rows].sort((a, b) => key[order](b.h.summary) - key[order](a.h.summary) || a.i - b.i);
  const pinnedFirst = <T extends { h: SearchHit }>(r: T[]) => [...r.filter((x) => x.h.summary.pinned), ...r.filter((x) => !x.h.summary.pinned)];
  if (scope === 'project') return pinnedFirst(rows).map((r) => ({ id: r.h.summary.id, group: null as string | null }));
  const groups = new Map<string, typeof rows>();
  for (const r of rows) groups.set(r.h.summary.projectId, [...(groups.get(r.h.summary.projectId) ?? []), r]);
  return [...groups].flatMap(([p, members]) => pinnedFirst(members).map((r, i) => ({ id: r.h.summary.id, group: i === 0 ? `${p} (${members.length})` : null })));
}

describe('the list rows, made when read', () => {
  for (const seed of [1, 2, 3]) {
    for (const scope of ['all', 'project'] as const) {
      for (const order of ['relevance', 'activity', 'cost', 'messages'] as const) {
        it(`order and groups as the list always had them (seed ${seed}, ${scope}, ${order})`, () => {
          const rand = rng(seed);
          const sessions = sessionsOf(60, rand);
          const hits: SearchHit[] | null =
            seed === 1 ? null : sessions.filter(() => rand() < 0.6).map((summary) => ({ summary, tier: 'all', field: rand() < 0.3 ? 'content' : 'title', similar: rand() < 0.1 ? ['flaky'] : [], snippet: null, titleRanges: [] }));
          const rows = new OrderedRows(sessions, hits, scope, (p) => p, order);
          const items = rowsArray(rows);
          expect(items.map((it) => ({ id: it.summary.id, group: it.group ? `${it.group.label} (${it.group.count})` : null }))).toEqual(reference(sessions, hits, scope, order));
          // The geometry from the typed arrays is the one laid out item by item.
          const layout = rows.layout(10);
          const byItem = buildLayout(items.map((it) => ({ id: it.summary.id, height: it.hasSnippet ? 2 : 1, header: it.group !== null })), 10);
          expect([...layout.ids]).toEqual([...byItem.ids]);
          expect(Array.from(layout.tops)).toEqual(Array.from(byItem.tops));
          expect(Array.from(layout.heights)).toEqual(Array.from(byItem.heights));
          expect(Array.from(layout.groups)).toEqual(Array.from(byItem.groups));
          expect(layout.totalLines).toBe(byItem.totalLines);
          // A row read twice is the same object (rows drawn again are not rebuilt), none outside the list.
          expect(rows.at(0)).toBe(rows.at(0));
          expect(rows.at(rows.length)).toBeUndefined();
          expect(rows.at(-1)).toBeUndefined();
        });
      }
    }
  }
});
