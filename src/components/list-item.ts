/** The shape of one list row, as the session list draws it (built by the app's list model). */
import type { SearchHit } from '../store/search/types.js';
import type { SessionSummary } from '../store/types.js';

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

/** Rows of the list by display index (an array of rows is one too): the app makes a row only when it is read. */
export interface ListRows {
  readonly length: number;
  /** The row at `index` (display order), undefined outside 0..length-1. */
  at(index: number): ListItem | undefined;
}
