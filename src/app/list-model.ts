/**
 * The list as shown: sessions filtered by the query (search.ts), grouped by
 * project in 'all' scope, and laid out in lines. All of it is derived (and
 * memoized) from (sessions, query, scope, viewport); none of it is stored in
 * the reducer.
 */
import type { SessionSummary } from '../store/types.js';
import { buildSearchIndex, searchSessions } from '../store/search.js';
import type { SearchHit, SearchIndex } from '../store/search.js';
import { buildLayout, type ListLayout } from './list-layout.js';
import type { Scope } from './source.js';

/** One row of the list. */
export interface ListItem {
  summary: SessionSummary;
  /**
   * The search hit when searching. Its `snippet` and `titleRanges` are
   * computed on first read, so only visible rows should read them.
   */
  hit: SearchHit | null;
  /** True when the row gets a second, dim line with the matched context. */
  hasSnippet: boolean;
  /** Group header above this row ('all' scope, first row of its project). */
  group: { label: string; count: number } | null;
}

/** Content and prompt matches show why they matched; title and meta matches need no second line. */
function wantsSnippet(hit: SearchHit): boolean {
  return hit.field === 'content' || hit.field === 'prompt';
}

/** Rows in display order from the sessions and (when searching) the hits. */
export function buildItems(
  sessions: readonly SessionSummary[],
  hits: readonly SearchHit[] | null,
  scope: Scope,
  projectLabel: (projectId: string) => string,
): ListItem[] {
  const rows: Omit<ListItem, 'group'>[] = hits
    ? hits.map((hit) => ({ summary: hit.summary, hit, hasSnippet: wantsSnippet(hit) }))
    : sessions.map((summary) => ({ summary, hit: null, hasSnippet: false }));
  if (scope !== 'all') return rows.map((r) => ({ ...r, group: null }));
  // Stable group-by: projects in order of their first (newest / best) row.
  const groups = new Map<string, Omit<ListItem, 'group'>[]>();
  for (const r of rows) {
    const g = groups.get(r.summary.projectId);
    if (g) g.push(r);
    else groups.set(r.summary.projectId, [r]);
  }
  const out: ListItem[] = [];
  for (const [projectId, members] of groups) {
    const label = projectLabel(projectId);
    members.forEach((r, i) => out.push({ ...r, group: i === 0 ? { label, count: members.length } : null }));
  }
  return out;
}

/** What the list screen shows. */
export interface ListModel {
  items: ListItem[];
  layout: ListLayout;
  /** Number of matches when searching, null otherwise. */
  matches: number | null;
}

/** What the list is derived from. */
export interface ListInputs {
  sessions: SessionSummary[];
  query: string;
  scope: Scope;
  projectLabel: (projectId: string) => string;
  /** Lines available for rows. */
  viewport: number;
}

/** Remembers the last result of `compute` for the same inputs (compared by identity). */
function memoLast<A extends readonly unknown[], R>(compute: (...args: A) => R): (...args: A) => R {
  let last: { args: A; result: R } | null = null;
  return (...args: A) => {
    if (last && last.args.length === args.length && last.args.every((a, i) => Object.is(a, args[i]))) return last.result;
    const result = compute(...args);
    last = { args, result };
    return result;
  };
}

/**
 * A derivation of the list with a memo per stage (index per session list,
 * hits per query, items, layout), shared by rendering and the key handler:
 * both ask for the same inputs, so the work is done once.
 */
export function createListDeriver(): (inputs: ListInputs) => ListModel {
  const index = memoLast((sessions: SessionSummary[]) => buildSearchIndex(sessions));
  // No limit: the default (all) also keeps the heavy typo fallback for queries that found few.
  const hits = memoLast((idx: SearchIndex, q: string) => (q === '' ? null : searchSessions(idx, q)));
  const items = memoLast(buildItems);
  const layout = memoLast((list: ListItem[], viewport: number) =>
    buildLayout(
      list.map((it) => ({ id: it.summary.id, height: it.hasSnippet ? 2 : 1, header: it.group !== null })),
      viewport,
    ),
  );
  const model = memoLast((list: ListItem[], l: ListLayout, h: SearchHit[] | null) => ({
    items: list,
    layout: l,
    matches: h ? h.length : null,
  }));
  return ({ sessions, query, scope, projectLabel, viewport }) => {
    const h = hits(index(sessions), query.trim());
    const list = items(sessions, h, scope, projectLabel);
    return model(list, layout(list, viewport), h);
  };
}
