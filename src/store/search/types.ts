/** The shapes a search returns, apart from the engine so its parts can share them without an import cycle. */
import type { SessionSummary } from '../types.js';

/** A highlighted span: UTF-16 offsets, `end` exclusive. */
export interface SearchRange {
  start: number;
  end: number;
}

/** One line of context around a match, with the matched ranges inside `text` (raw text: sanitize it to draw it). */
export interface Snippet {
  text: string;
  ranges: SearchRange[];
}

/**
 * How well a session matched, best first: it holds the query's words as
 * one phrase, or all of them, or only some.
 */
export type MatchTier = 'phrase' | 'all' | 'some';

/** One session found by a query. */
export interface SearchHit {
  summary: SessionSummary;
  tier: MatchTier;
  /**
   * Where it matched: 'title' when only its title, id, workspace or model
   * did (no snippet needed), 'content' when its text did (a snippet line).
   */
  field: 'title' | 'content';
  /**
   * Indexed words that stood in for misspelt query words (typo tolerance,
   * e.g. ['flaky'] for "flakey"): the list shows "similar: flaky". Empty for
   * hits on the words as typed.
   */
  similar: string[];
  /**
   * One line of context around the first match in the session's text;
   * null for title-only hits. Computed (one indexed lookup and one chunk
   * read) on first read: read it only for the rows on screen.
   */
  readonly snippet: Snippet | null;
  /**
   * The same context fit to `columns` terminal columns (at least the
   * default ~60 of {@link snippet}): a wide terminal shows more of it.
   * Absent on hits that carry no text (a plain copy, a worker's answer).
   */
  snippetIn?(columns: number): Snippet | null;
  /** Matched ranges inside summary.title, for highlighting (may be empty). Computed on first read. */
  readonly titleRanges: SearchRange[];
}
