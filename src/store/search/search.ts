/**
 * The search behind the browser's `/` box and `list --query`.
 *
 * Tiers, best first, per query word: exact substring in the title, in a
 * prompt, in model/id/workspace; one typo in those (uFuzzy); the full text
 * of every message (`searchText`, substring); and last, only when those
 * found few sessions, fuse.js over a small candidate set for heavier typos.
 * Every word must match somewhere (AND); a session ranks by its weakest
 * word, then by the others, then by recency. Smart case throughout.
 *
 * Speed at 10k sessions comes from four things: haystacks are lower-cased
 * once in `buildSearchIndex`; trigram signatures rule out most sessions
 * before any message text is scanned; each word's matches are cached, and a
 * word that extends a cached one (typing) is only looked for among that
 * word's hits; snippets and title highlights are computed only when read.
 */
import type { SessionSummary } from '../types.js';
import { prepare, type Prepared } from './prepare.js';
import { isCaseSensitive, splitWords } from './text.js';
import { typoFallback, type TypoMatches } from './typo.js';
import type { WordMatch } from './word.js';
import { WordCache } from './cache.js';
import { makeHit } from './hit.js';
import { rankMatches, type Ranked } from './rank.js';
import type { SearchHit } from './types.js';

export { searchTranscriptLines } from './transcript.js';
export type { SearchHit, SearchRange } from './types.js';

/** Prepared once per session list (opaque: pass it back to `searchSessions`). */
export interface SearchIndex {
  /** Number of sessions indexed. */
  readonly size: number;
}

/** Options of `searchSessions`. */
export interface SearchOptions {
  /** At most this many hits (default: all). Also the "few results" mark for the typo fallback (default 20). */
  limit?: number;
}

const FEW_RESULTS = 20;
const STATE = Symbol('search-index');

interface LastQuery {
  key: string;
  ranked: Ranked;
}

interface IndexState extends SearchIndex {
  readonly [STATE]: true;
  readonly prep: Prepared;
  readonly words: WordCache;
  last: LastQuery | null;
  blank: SearchHit[] | null;
}

/**
 * Prepares `sessions` for searching: lower-cased haystacks, trigram
 * signatures of the message text and the recency order. Run it when the
 * list loads, not per keystroke: ≈0.3 s of CPU for 10k sessions with 2-8 KB
 * of text each (memory ≈1.4× the text). Build a new index when the list
 * changes; the index never looks at `sessions` changing under it.
 */
export function buildSearchIndex(sessions: readonly SessionSummary[]): SearchIndex {
  const prep = prepare(sessions);
  const state: IndexState = { [STATE]: true, size: prep.size, prep, words: new WordCache(), last: null, blank: null };
  return state;
}

/**
 * Sessions matching `query`, best first (ties: newest first). A blank query
 * returns every session in recency order with field 'title' and no snippet.
 */
export function searchSessions(index: SearchIndex, query: string, opts?: SearchOptions): SearchHit[] {
  const state = asState(index);
  const limit = opts?.limit === undefined ? Infinity : Math.max(0, Math.floor(opts.limit));
  const words = splitWords(query);
  if (words.length === 0) return blankHits(state).slice(0, limit);

  const cs = isCaseSensitive(query);
  const few = Number.isFinite(limit) ? limit : FEW_RESULTS;
  const key = `${cs ? 'C' : 'i'}\u0000${words.join('\u0000')}\u0000${few}`;
  let ranked = state.last?.key === key ? state.last.ranked : null;
  if (!ranked) {
    ranked = rank(state, words, cs, few);
    state.last = { key, ranked };
  }
  const n = Math.min(limit, ranked.order.length);
  const out: SearchHit[] = new Array<SearchHit>(n);
  for (let k = 0; k < n; k++) out[k] = makeHit(state.prep, ranked, k);
  return out;
}

/** Drops the per-word cache, so the next query starts cold (benchmarks, tests). */
export function clearSearchCache(index: SearchIndex): void {
  const state = asState(index);
  state.words.clear();
  state.last = null;
}

/** Every session matching all words, sorted; the typo fallback runs when fewer than `few` matched. */
function rank(state: IndexState, words: readonly string[], cs: boolean, few: number): Ranked {
  const { prep } = state;
  const matches: WordMatch[] = words.map((w) => state.words.get(prep, w, cs));
  // Walk the rarest word's hits; the others are checked by dense lookup.
  const rarest = matches.reduce((a, b) => (b.hits.length < a.hits.length ? b : a));
  const found = new Uint8Array(prep.size);
  let count = 0;
  for (const i of rarest.hits) {
    if (matches.every((m) => (m.tier[i] ?? 0) > 0)) {
      found[i] = 1;
      count++;
    }
  }
  let typos: TypoMatches = new Map();
  if (count < few) {
    typos = typoFallback(prep, matches, cs, (i) => found[i] === 1);
    for (const [i, perWord] of typos) {
      if (matches.every((m, w) => (m.tier[i] ?? 0) > 0 || perWord.has(w))) found[i] = 1;
    }
  }
  return rankMatches(prep, { words, cs, matches, typos }, (i) => found[i] === 1);
}

function blankHits(state: IndexState): SearchHit[] {
  if (!state.blank) {
    const { prep } = state;
    state.blank = Array.from(prep.byRecency, (i) => ({
      summary: prep.sessions[i] as SessionSummary,
      field: 'title' as const,
      score: 0,
      snippet: null,
      titleRanges: [],
    }));
  }
  return state.blank;
}

function asState(index: SearchIndex): IndexState {
  if (!(STATE in index)) throw new TypeError('searchSessions: pass the index returned by buildSearchIndex');
  return index as IndexState;
}
