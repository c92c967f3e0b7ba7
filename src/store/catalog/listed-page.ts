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
import type { ListedPageQuery } from './stored-page.js';

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
 * The rowids of the page of `q` and the counts of its scope, from the
 * `files` table of `db` (catalog-db.ts, which then reads those rows). Ties
 * in time are broken as byRecency (store/recency.ts) does.
 * Throws what SQLite throws (the caller treats the catalog as broken).
 */
export function listedPageOrder(db: SqliteDatabase, q: ListedPageQuery): ListedPageOrder {
  const limit = Math.max(1, Math.floor(q.limit));
  const inScope = q.projectIds === null ? '' : 'AND project_id IN (SELECT value FROM json_each(@projects))';
  // Every clause is answered from the listing index (catalog-db.ts files_listing): summary_key and empty
  // come after the long summary in a row, and reading them from the table walks overflow pages.
  const where = `summary_key = @key AND (@withEmpty = 1 OR empty = 0)`;
  const params = { key: q.summaryKey, withEmpty: q.includeEmpty ? 1 : 0, pinned: JSON.stringify(q.pinned ?? []), projects: JSON.stringify(q.projectIds ?? []) };
  const projectCounts = new Map<string, number>();
  const groups: { projectId: string; newest: string }[] = [];
  let total = 0;
  const counts = db.prepare(`SELECT project_id AS projectId, count(*) AS n, max(updated_at) AS newest FROM files WHERE ${where} ${inScope} GROUP BY project_id`);
  for (const c of counts.iterate(params) as Iterable<{ projectId: string; n: number; newest: string }>) {
    projectCounts.set(c.projectId, c.n);
    groups.push({ projectId: c.projectId, newest: c.newest });
    total += c.n;
  }
  // The top rows of the given projects: pinned first, then byRecency's order; only these few are sorted past the index.
  const top = db.prepare(`SELECT rowid AS id FROM files WHERE ${where} AND project_id IN (SELECT value FROM json_each(@projects))
    ORDER BY session_id IN (SELECT value FROM json_each(@pinned)) DESC, updated_at DESC, session_id, project_id LIMIT @limit`);
  const idsOf = (projects: readonly string[], n: number): number[] =>
    (top.all({ ...params, projects: JSON.stringify(projects), limit: n }) as { id: number }[]).map((r) => r.id);
  if (q.projectIds !== null) return { ids: idsOf(q.projectIds, limit), total, projectCounts };
  // All projects: grouped, each group where its first row stands in the newest-first list (its newest
  // time, then that row's session id: byRecency's tie-break, looked up only for projects that tie).
  const firstId = db.prepare(`SELECT min(session_id) AS id FROM files WHERE ${where} AND project_id = @project AND updated_at = @newest`);
  const firstIds = new Map<string, string>();
  const idOf = (g: { projectId: string; newest: string }): string => {
    let id = firstIds.get(g.projectId);
    if (id === undefined) firstIds.set(g.projectId, (id = (firstId.get({ ...params, project: g.projectId, newest: g.newest }) as { id: string }).id));
    return id;
  };
  groups.sort((a, b) => {
    if (a.newest !== b.newest) return a.newest < b.newest ? 1 : -1;
    const ia = idOf(a);
    const ib = idOf(b);
    if (ia !== ib) return ia < ib ? -1 : 1;
    return a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0;
  });
  const ids: number[] = [];
  for (const g of groups) {
    if (ids.length >= limit) break;
    ids.push(...idsOf([g.projectId], limit - ids.length));
  }
  return { ids, total, projectCounts };
}
