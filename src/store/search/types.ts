/** The shapes a search returns, apart from the engine so its parts can share them without an import cycle. */
import type { SessionSummary } from '../types.js';

/** A highlighted span: UTF-16 offsets, `end` exclusive. */
export interface SearchRange {
  start: number;
  end: number;
}

/** One session found by a query. */
export interface SearchHit {
  summary: SessionSummary;
  /** Where it matched (its weakest word): 'title' | 'prompt' | 'meta' (model/id/workspace) | 'content'. */
  field: 'title' | 'prompt' | 'meta' | 'content';
  /** Higher is better; only for ordering. */
  score: number;
  /**
   * For content (and prompt) matches: one line of context around the first
   * match, with the matched ranges inside `text`. Computed on first read.
   */
  snippet: { text: string; ranges: SearchRange[] } | null;
  /** Matched ranges inside summary.title, for highlighting in the list (may be empty). Computed on first read. */
  titleRanges: SearchRange[];
}
