/**
 * The shapes of the first frame's page (listed-page.ts reads it): apart
 * from the SQL so that the public types (catalog.ts, summary-cache.ts)
 * never reach the SQLite driver's, which a library user need not have.
 */
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
