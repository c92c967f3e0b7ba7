/**
 * The list's rows in display order, without an object per row (issue 7
 * item 6: a keystroke costs what is on screen). The order is a permutation
 * of the source indices and the project groups two typed arrays; a row's
 * `ListItem` is made when it is drawn or selected, and the layout is typed
 * arrays filled in one pass. At 100,000 sessions the list built a row
 * object, a spread copy and a layout object per session on every key and
 * every refresh (~150 ms of a keystroke); this builds none of them.
 */
import type { ListItem, ListRows } from '../components/list-item.js';
import { layoutOfArrays, type ListLayout } from '../components/list-layout.js';
import type { SearchHit } from '../store/search/types.js';
import type { SessionSummary } from '../store/types.js';
import type { Scope } from './source.js';

/** The list's order; `s` cycles through them in this order. */
export type SortOrder = 'relevance' | 'activity' | 'cost' | 'messages';

/**
 * The counts of a whole list of which only the top is loaded (the first
 * frame: BrowserSource.storedPage): sessions in scope, and per project id.
 */
export interface ListPageCounts {
  total: number;
  projectCounts: ReadonlyMap<string, number>;
}

/** A row gets a snippet line: a content match, or a match through a similar word. */
export function wantsSnippet(hit: SearchHit): boolean {
  return hit.field === 'content' || hit.similar.length > 0;
}

/** Sort keys of the orders other than relevance (bigger first). */
const SORT_KEYS: Record<Exclude<SortOrder, 'relevance'>, (s: SessionSummary) => number> = {
  activity: (s) => Date.parse(s.updatedAt) || 0,
  cost: (s) => s.costMicros ?? -1,
  messages: (s) => s.messageCount,
};

/**
 * Rows in display order from the sessions and (when searching) the hits:
 * sorted, pinned first in each project, grouped by project in 'all' scope
 * (projects in order of their first row). `partial`: the sessions are the
 * top of a longer list, whose project headings count from it.
 */
export class OrderedRows implements ListRows {
  /** Display index → index into the hits (or sessions). */
  private readonly order: Int32Array;
  /** Display index → its group (index into `heads`), or -1 outside 'all' scope. */
  private readonly groupOf: Int32Array;
  /** Per group: the display index of its first row, its heading. */
  private readonly heads: { first: number; label: string; count: number }[] = [];
  private readonly made: (ListItem | undefined)[];

  constructor(
    private readonly sessions: readonly SessionSummary[],
    private readonly hits: readonly SearchHit[] | null,
    scope: Scope,
    projectLabel: (projectId: string) => string,
    sortOrder: SortOrder = 'relevance',
    partial: ListPageCounts | null = null,
  ) {
    const n = hits ? hits.length : sessions.length;
    const sorted = sortedIndices(n, (i) => this.summaryOf(i), sortOrder);
    this.order = new Int32Array(n);
    this.groupOf = new Int32Array(n).fill(-1);
    this.made = new Array<ListItem | undefined>(n);
    if (scope !== 'all') {
      this.place(sorted, 0);
      return;
    }
    // Stable group-by: projects in order of their first (newest / best) row.
    const groups = new Map<string, number[]>();
    for (const i of sorted) {
      const id = this.summaryOf(i).projectId;
      const g = groups.get(id);
      if (g) g.push(i);
      else groups.set(id, [i]);
    }
    let at = 0;
    for (const [projectId, members] of groups) {
      const group = this.heads.length;
      const count = (hits === null ? partial?.projectCounts.get(projectId) : undefined) ?? members.length;
      this.heads.push({ first: at, label: projectLabel(projectId), count });
      this.groupOf.fill(group, at, at + members.length);
      at = this.place(members, at);
    }
  }

  get length(): number {
    return this.order.length;
  }

  at(index: number): ListItem | undefined {
    if (!(index >= 0 && index < this.order.length)) return undefined;
    let item = this.made[index];
    if (item === undefined) {
      const src = this.order[index]!;
      const hit = this.hits ? this.hits[src]! : null;
      const g = this.groupOf[index]!;
      const head = g >= 0 && this.heads[g]!.first === index ? this.heads[g]! : null;
      item = { summary: this.summaryOf(src), hit, hasSnippet: hit !== null && wantsSnippet(hit), group: head ? { label: head.label, count: head.count } : null };
      this.made[index] = item;
    }
    return item;
  }

  /** Where every row sits in display lines, for a list of `viewport` lines: typed arrays, one pass. */
  layout(viewport: number): ListLayout {
    const n = this.order.length;
    const ids = new Array<string>(n);
    const heights = new Uint8Array(n);
    const headers = new Uint8Array(n);
    const groups = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const src = this.order[i]!;
      const hit = this.hits ? this.hits[src]! : null;
      ids[i] = this.summaryOf(src).id;
      heights[i] = hit !== null && wantsSnippet(hit) ? 2 : 1;
      const g = this.groupOf[i]!;
      const first = g >= 0 ? this.heads[g]!.first : -1;
      headers[i] = first === i ? 1 : 0;
      groups[i] = first;
    }
    return layoutOfArrays(ids, heights, headers, groups, viewport);
  }

  private summaryOf(src: number): SessionSummary {
    return this.hits ? this.hits[src]!.summary : this.sessions[src]!;
  }

  /** Writes `indices` from display index `at`, pinned ones first (each part keeping its order); returns the next index. */
  private place(indices: ArrayLike<number>, at: number): number {
    for (let k = 0; k < indices.length; k++) if (this.summaryOf(indices[k]!).pinned) this.order[at++] = indices[k]!;
    for (let k = 0; k < indices.length; k++) if (!this.summaryOf(indices[k]!).pinned) this.order[at++] = indices[k]!;
    return at;
  }
}

/** Indices 0..n-1 in `order` ('relevance' keeps them; others: bigger key first, ties in given order). */
function sortedIndices(n: number, summaryOf: (i: number) => SessionSummary, order: SortOrder): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  if (order === 'relevance') return out;
  const key = SORT_KEYS[order];
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = key(summaryOf(i));
  return out.sort((a, b) => keys[b]! - keys[a]! || a - b);
}

/** Every row of `rows` as an array (tests, small lists). */
export function rowsArray(rows: ListRows): ListItem[] {
  return Array.from({ length: rows.length }, (_, i) => rows.at(i)!);
}
