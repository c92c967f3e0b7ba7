/**
 * The first screen of a listing, straight from SQL: the rows the browser
 * shows at the top of its list, in the order it shows them, and the counts
 * its header and project headings print, without reading (or parsing) every
 * row of the scope. At 100,000 sessions reading every row's summary took
 * seconds before the first frame; a page of a few hundred takes
 * milliseconds, and the whole list follows a frame later (the browser's
 * sessions loader).
 *
 * The order is the browser's default (app/list-model.ts buildItems with no
 * query, sort 'relevance' over the catalog's newest-first order): in one
 * project, pinned sessions first, then newest first; over all projects,
 * projects in the order of their newest session, each project's rows pinned
 * first, then newest first.
 */
import type { SqliteDatabase } from './sqlite.js';
import type { SessionSummary } from '../types.js';

/** What a page is asked for. */
export interface ListedPageQuery {
  /** The projects in scope; null = all of them, grouped by project. */
  projectIds: readonly string[] | null;
  /** How many rows at most (the page), >= 1. */
  limit: number;
  /** Count and return empty sessions too (FORMAT.md §4 `empty`); default false, as the list shows them. */
  includeEmpty?: boolean;
  /** Session ids the user pinned (store/labels.ts): first within their project. */
  pinned?: readonly string[];
  /** Only rows whose figures were computed with this key (SummaryCache.stored's rule). */
  summaryKey: string;
}

/** A page of rows (by rowid) and the counts of the whole scope it is the top of. */
export interface ListedPageOrder {
  /** Rowids of at most `limit` rows of `files`, in display order. */
  ids: number[];
  /** Rows in scope (what the header counts): the page's and the rest's. */
  total: number;
  /** Rows in scope per project id (what each project heading counts). */
  projectCounts: Map<string, number>;
}

/**
 * A page as the browser paints it (SummaryCache.storedPage): the top
 * sessions, in display order, and the counts of the whole scope.
 */
export interface StoredPage {
  sessions: SessionSummary[];
  /** Sessions in scope (the header's count). */
  total: number;
  /** Sessions in scope per project id (the project headings' counts). */
  projectCounts: ReadonlyMap<string, number>;
}

/**
 * The rowids of the page of `q` and the counts of its scope, from the
 * `files` table of `db` (catalog-db.ts, which then reads those rows). Ties
 * in time are broken as byRecency (store/recency.ts) does.
 * Throws what SQLite throws (the caller treats the catalog as broken).
 */
export function listedPageOrder(db: SqliteDatabase, q: ListedPageQuery): ListedPageOrder {
  // The scope: every project, or the listed ones (bound as one JSON array: any number of them).
  const projects = q.projectIds === null ? '' : 'AND f.project_id IN (SELECT value FROM json_each(@projects))';
  const where = `f.summary_key = @key AND (@withEmpty = 1 OR f.empty = 0) ${projects}`;
  const params = {
    key: q.summaryKey,
    withEmpty: q.includeEmpty ? 1 : 0,
    projects: JSON.stringify(q.projectIds ?? []),
    pinned: JSON.stringify(q.pinned ?? []),
    limit: Math.max(1, Math.floor(q.limit)),
  };
  const projectCounts = new Map<string, number>();
  let total = 0;
  const counts = db.prepare(`SELECT f.project_id AS projectId, count(*) AS n FROM files f WHERE ${where} GROUP BY f.project_id`);
  for (const c of counts.iterate(params) as Iterable<{ projectId: string; n: number }>) {
    projectCounts.set(c.projectId, c.n);
    total += c.n;
  }
  // The order is found on the listing index alone (rowids and short keys, catalog-db.ts files_listing);
  // only the page's rows are then read whole, by rowid (a sort carrying every row's summary took 100 ms at 10,000).
  // `rank` is the place in the newest-first list (byRecency: time, then session id, then project id);
  // over all projects, each project's group stands where its first row does.
  const ranked = `SELECT f.rowid AS id, f.project_id, f.updated_at, f.session_id,
      f.session_id IN (SELECT value FROM json_each(@pinned)) AS pin,
      row_number() OVER (ORDER BY f.updated_at DESC, f.session_id, f.project_id) AS rank
    FROM files f WHERE ${where}`;
  const order =
    q.projectIds === null
      ? `WITH r AS (${ranked}), p AS (SELECT project_id, min(rank) AS first FROM r GROUP BY project_id)
         SELECT r.id FROM r JOIN p ON p.project_id = r.project_id ORDER BY p.first, r.pin DESC, r.rank LIMIT @limit`
      : `WITH r AS (${ranked}) SELECT r.id FROM r ORDER BY r.pin DESC, r.rank LIMIT @limit`;
  const ids = (db.prepare(order).all(params) as { id: number }[]).map((r) => r.id);
  return { ids, total, projectCounts };
}
