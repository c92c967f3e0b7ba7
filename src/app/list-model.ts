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
import { plainHit } from '../store/search/session-search.js';
import { branchFilter, onBranches } from '../store/search/branch-filter.js';
import type { SessionLabel } from '../store/labels.js';
import type { ListLayout } from '../components/list-layout.js';
import type { Scope } from './source.js';
import type { ListItem } from '../components/list-item.js';
import type { ListRows } from '../components/list-item.js';
import { OrderedRows, rowsArray, type ListPageCounts, type SortOrder } from './list-rows.js';

export type { ListItem, ListRows } from '../components/list-item.js';
export type { ListPageCounts, SortOrder } from './list-rows.js';

export const SORT_ORDERS: readonly SortOrder[] = ['relevance', 'activity', 'cost', 'messages'];
/** The names a sort order goes by on screen ("sorted by last activity"). */
export const SORT_LABELS: Readonly<Record<SortOrder, string>> = { relevance: 'relevance', activity: 'last activity', cost: 'cost', messages: 'messages' };

/** What `s` says it did: the order now, what it means, and which comes next. */
export function sortMessage(order: SortOrder): string {
  const next = SORT_ORDERS[(SORT_ORDERS.indexOf(order) + 1) % SORT_ORDERS.length] ?? 'relevance';
  const meaning = order === 'relevance' ? ' (best match first; newest first without a search)' : order === 'activity' ? ' (newest first)' : ' (highest first)';
  return `Sorted by ${SORT_LABELS[order]}${meaning} · s: ${SORT_LABELS[next]} next`;
}

/** The session as the user named and pinned it (title := name, the agent's kept in `originalTitle`). */
export function labeled(s: SessionSummary, label: SessionLabel | undefined): SessionSummary {
  if (!label) return s;
  return { ...s, ...(label.name ? { title: label.name, originalTitle: s.title } : {}), ...(label.pinned ? { pinned: true } : {}) };
}

/** Every session with its label applied (the same array when there are no labels). */
export function applyLabels(sessions: SessionSummary[], labels: ReadonlyMap<string, SessionLabel>): SessionSummary[] {
  return labels.size === 0 ? sessions : sessions.map((s) => labeled(s, labels.get(s.id)));
}

/**
 * The hits with the sessions whose user-given name holds every word of the
 * query first, as title matches (the index knows the agents' titles, not
 * our names): one the search found for its text keeps its hit (and
 * snippet) and moves up; one it did not find comes as a title hit.
 * `found` itself when no renamed session matches.
 */
export function withNameHits(sessions: readonly SessionSummary[], query: string, found: SearchHit[]): SearchHit[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return found;
  const named = sessions.filter((s) => s.originalTitle !== undefined && words.every((w) => s.title.toLowerCase().includes(w)));
  // Most lists have no renamed session: no map of every hit's id per keystroke then.
  if (named.length === 0) return found;
  const byId = new Map(found.map((h) => [h.summary.id, h]));
  const first = named.map((summary) => byId.get(summary.id) ?? plainHit(summary, 'title', []));
  const moved = new Set(named.map((s) => s.id));
  return [...first, ...found.filter((h) => !moved.has(h.summary.id))];
}

/**

/**
 * Rows in display order from the sessions and (when searching) the hits,
 * as an array (list-rows.ts OrderedRows: sorted, pinned first in each
 * project, grouped by project in 'all' scope). `partial`: the sessions are
 * the top of a longer list, whose project headings count from it.
 */
export function buildItems(
  sessions: readonly SessionSummary[],
  hits: readonly SearchHit[] | null,
  scope: Scope,
  projectLabel: (projectId: string) => string,
  order: SortOrder = 'relevance',
  partial: ListPageCounts | null = null,
): ListItem[] {
  return rowsArray(new OrderedRows(sessions, hits, scope, projectLabel, order, partial));
}

/** What the list screen shows. */
export interface ListModel {
  /** The rows in display order, each made when read: draw only the visible window. */
  items: ListRows;
  layout: ListLayout;
  /** Number of matches when searching, null otherwise. */
  matches: number | null;
  /** Sessions the list can show before the query (empty ones only with includeEmpty). */
  listed: number;
  /**
   * What the cost view adds up: every session matching the query (all
   * without one), empty ones included whether or not the list shows them.
   * Worked out on first read.
   */
  readonly spent: SessionSummary[];
  /** The sessions a query is searched among (labels applied): what BrowserSource.warmSearch prepares. */
  searched: SessionSummary[];
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
  /** The user's names and pins by session id (store/labels.ts). */
  labels?: ReadonlyMap<string, SessionLabel>;
  /** The list's order (default relevance). */
  sort?: SortOrder;
  /** `sessions` are only the top of the list: the counts of all of it (BrowserState.partial). */
  partial?: ListPageCounts | null;
}

const NO_LABELS: ReadonlyMap<string, SessionLabel> = new Map();

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
  const withLabels = memoLast(applyLabels);
  const hits = memoLast((search: ListInputs['search'], sessions: SessionSummary[], q: string) => {
    if (q === '') return null;
    // `branch:NAME` narrows to sessions recorded on that branch; the other words are searched among them.
    const { branches, rest } = branchFilter(q);
    const pool = branches.length > 0 ? sessions.filter((s) => onBranches(s, branches)) : sessions;
    if (rest === '') return pool.map((summary): SearchHit => ({ summary, tier: 'all', field: 'title', similar: [], snippet: null, titleRanges: [] }));
    const found = search(rest, sessions).filter((h) => branches.length === 0 || onBranches(h.summary, branches));
    return withNameHits(pool, rest, found);
  });
  const shown = memoLast((sessions: SessionSummary[], includeEmpty: boolean) =>
    includeEmpty ? sessions : sessions.filter((s) => !s.empty),
  );
  const shownHits = memoLast((h: SearchHit[] | null, includeEmpty: boolean) =>
    h === null || includeEmpty ? h : h.filter((hit) => !hit.summary.empty),
  );
  const items = memoLast(
    (visible: SessionSummary[], h: SearchHit[] | null, scope: Scope, projectLabel: (id: string) => string, sort: SortOrder, partial: ListPageCounts | null) =>
      new OrderedRows(visible, h, scope, projectLabel, sort, partial),
  );
  const layout = memoLast((rows: OrderedRows, viewport: number) => rows.layout(viewport));
  const model = memoLast((rows: OrderedRows, l: ListLayout, h: SearchHit[] | null, listed: number, searched: SessionSummary[], all: SearchHit[] | null): ListModel => {
    let spent: SessionSummary[] | null = null;
    return {
      items: rows,
      layout: l,
      matches: h ? h.length : null,
      listed,
      // Only the cost view reads it: not a copy of every hit per keystroke.
      get spent() {
        return (spent ??= all ? all.map((hit) => hit.summary) : searched);
      },
      searched,
    };
  });
  return ({ sessions: raw, includeEmpty = false, query, search, scope, projectLabel, viewport, labels = NO_LABELS, sort = 'relevance', partial = null }) => {
    const sessions = withLabels(raw, labels);
    // The search covers hidden sessions too, so the cost view can count those that match.
    const all = hits(search, sessions, query.trim());
    const visible = shown(sessions, includeEmpty);
    const h = shownHits(all, includeEmpty);
    const list = items(visible, h, scope, projectLabel, sort, partial);
    // The top of the list only: the header counts all of it.
    return model(list, layout(list, viewport), h, partial?.total ?? visible.length, sessions, all);
  };
}
