/**
 * The list as shown: sessions filtered by the query (search.ts), without
 * empty sessions unless asked for, grouped by project in 'all' scope, and
 * laid out in lines. Empty is a list filter only (FORMAT.md §2.1): the
 * sessions the cost view adds up (`spent`) keep the empty ones. All of it is derived (and
 * memoized) from (sessions, query, scope, viewport); none of it is stored in
 * the reducer.
 */
import type { SessionSummary } from '../store/types.js';
import type { SearchHit } from '../store/search/types.js';
import { buildLayout, type ListLayout } from '../components/list-layout.js';
import type { Scope } from './source.js';
import type { ListItem } from '../components/list-item.js';

export type { ListItem } from '../components/list-item.js';

/**
 * Content matches show why they matched (a snippet line), and so do typo
 * matches ("similar: …"); exact title, id, workspace and model matches need none.
 */
function wantsSnippet(hit: SearchHit): boolean {
  return hit.field === 'content' || hit.similar.length > 0;
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
  /** Sessions the list can show before the query (empty ones only with includeEmpty). */
  listed: number;
  /**
   * What the cost view adds up: every session matching the query (all
   * without one), empty ones included whether or not the list shows them.
   */
  spent: SessionSummary[];
}

/** What the list is derived from. */
export interface ListInputs {
  /** Every session of the scope, empty ones included. */
  sessions: SessionSummary[];
  /** Show empty sessions in the list too (--include-empty); default false. */
  includeEmpty?: boolean;
  query: string;
  /** The search (BrowserSource.search): the hits of a query among `sessions`, best first. */
  search: (query: string, sessions: readonly SessionSummary[]) => SearchHit[];
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
  const hits = memoLast((search: ListInputs['search'], sessions: SessionSummary[], q: string) => (q === '' ? null : search(q, sessions)));
  const shown = memoLast((sessions: SessionSummary[], includeEmpty: boolean) =>
    includeEmpty ? sessions : sessions.filter((s) => !s.empty),
  );
  const shownHits = memoLast((h: SearchHit[] | null, includeEmpty: boolean) =>
    h === null || includeEmpty ? h : h.filter((hit) => !hit.summary.empty),
  );
  const spent = memoLast((sessions: SessionSummary[], h: SearchHit[] | null) => (h ? h.map((hit) => hit.summary) : sessions));
  const items = memoLast(buildItems);
  const layout = memoLast((list: ListItem[], viewport: number) =>
    buildLayout(
      list.map((it) => ({ id: it.summary.id, height: it.hasSnippet ? 2 : 1, header: it.group !== null })),
      viewport,
    ),
  );
  const model = memoLast((list: ListItem[], l: ListLayout, h: SearchHit[] | null, listed: number, cost: SessionSummary[]) => ({
    items: list,
    layout: l,
    matches: h ? h.length : null,
    listed,
    spent: cost,
  }));
  return ({ sessions, includeEmpty = false, query, search, scope, projectLabel, viewport }) => {
    // The search covers hidden sessions too, so the cost view can count those that match.
    const all = hits(search, sessions, query.trim());
    const visible = shown(sessions, includeEmpty);
    const h = shownHits(all, includeEmpty);
    const list = items(visible, h, scope, projectLabel);
    return model(list, layout(list, viewport), h, visible.length, spent(sessions, all));
  };
}
