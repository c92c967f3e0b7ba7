/**
 * The search behind the browser's `/` box, `list --query` and the library's
 * `SessionSearch`: a query → the sessions that match, best first, served by
 * the catalog's FTS5 index (catalog/text-index.ts).
 *
 * Ranking (issue 7 item 3), best first:
 * 1. tier: sessions holding the query's words as one phrase (2+ words),
 *    then those holding all the words, then those holding some;
 * 2. more of the words matched (within "some");
 * 3. fewer words matched only through a typo stand-in;
 * 4. the last word as a whole token before the last word only as a prefix
 *    (it matches as a prefix while being typed);
 * 5. a match in the title, id, workspace or model (the meta document);
 * 6. recency (updatedAt, newest first), then id.
 *
 * Words are whole tokens (case- and diacritic-insensitive): "jest" does not
 * find "vitest". A word of 5+ characters also finds indexed words within
 * one typo (two for 8+ characters, same first letter), but only when fewer
 * than {@link FEW_EXACT} sessions hold all the words as typed; such hits
 * carry the stand-in in `similar`. A word found nowhere, not even through a
 * typo, makes the whole query find nothing. `id:<prefix>` finds sessions
 * by the start of their id. CJK text is found by any substring of 2+
 * characters (bigram phrases).
 */
import { CONTENT, META, type FullTextIndex } from '../catalog/text-columns.js';
import type { SessionSummary } from '../types.js';
import { fold, highlightOf, highlightRanges, latinTokens, parseQuery, phraseExpr, quote, wordExpr, type Highlight, type QueryWord } from './fts-query.js';
import { bestAnchor, makeSnippet, SNIPPET_COLUMNS } from './snippet.js';
import { mergeRanges } from './text.js';
import { typoCandidates } from './typo-terms.js';
import type { MatchTier, SearchHit, SearchRange, Snippet } from './types.js';

/** Below this many sessions holding every word as typed, typo stand-ins are looked for. */
export const FEW_EXACT = 5;

/** Sessions a step of {@link SessionSearch.warm} prepares. */
export const WARM_SLICE = 2000;

/** Options of {@link SessionSearch.search}. */
export interface SearchOptions {
  /** Only sessions of these projects (null or absent: every project of `sessions`). */
  projectIds?: readonly string[] | null;
  /** At most this many hits (default: all). */
  limit?: number;
}

/** How one word matched one session. */
interface WordHit {
  /** META and/or CONTENT (text-index.ts). */
  flags: number;
  /** False when only the prefix form of the last word matched. */
  exact: boolean;
  /** The typo stand-in that matched, when the word itself did not. */
  typo: string | null;
}

const TIER_RANK: Record<MatchTier, number> = { phrase: 3, all: 2, some: 1 };

/**
 * Searches sessions through a catalog's full-text index. With no index (the
 * SQLite addon could not be loaded) it falls back to plain substrings of
 * the title, prompts, id, workspace and model.
 */
export class SessionSearch {
  private byPath = new WeakMap<readonly SessionSummary[], Map<string, SessionSummary>>();

  /** `index` null: the substring fallback. */
  constructor(private readonly index: FullTextIndex | null) {}

  /** True when searches use the full-text index (false: the substring fallback). */
  get fullText(): boolean {
    return this.index !== null;
  }

  /**
   * The sessions of `sessions` matching `query`, best first (see the module
   * comment for the order). Sessions are looked up by path, so only those
   * in `sessions` (and in `opts.projectIds`) can be hits. A blank query
   * gives every session of the scope in the order given, tier 'all'; a
   * query with no word the index knows (an emoji, punctuation) matches its
   * characters in titles, prompts and ids.
   * Never throws: an index that fails mid-search falls back to substrings.
   */
  search(query: string, sessions: readonly SessionSummary[], opts: SearchOptions = {}): SearchHit[] {
    const scope = opts.projectIds ? new Set(opts.projectIds) : null;
    const limit = opts.limit === undefined ? Infinity : Math.max(0, Math.floor(opts.limit));
    const words = parseQuery(query);
    if (words.length === 0) {
      const all = scope ? sessions.filter((s) => scope.has(s.projectId)) : sessions;
      const text = query.trim().toLowerCase();
      if (text === '') return all.slice(0, limit).map((s) => plainHit(s, 'title', []));
      // No word the index knows (an emoji, punctuation): the characters as typed, in titles, prompts and ids.
      const has = (s: SessionSummary): boolean => [s.title, s.firstPrompt, s.lastPrompt, s.id].some((f) => f.toLowerCase().includes(text));
      return all.filter(has).slice(0, limit).map((s) => plainHit(s, 'title', []));
    }
    if (this.index) {
      try {
        return this.ranked(this.index, words, this.lookup(sessions), scope).slice(0, limit);
      } catch {
        // A failing database is a cache failing: the substring search still answers.
      }
    }
    return substringSearch(words, sessions, scope).slice(0, limit);
  }

  /**
   * What the first search over `sessions` would otherwise build inside a
   * keystroke, built ahead in slices: the path lookup, the index's file
   * map and each session's word initials (a first letter typed). Each
   * `next()` does one slice (~{@link WARM_SLICE} sessions: a few ms at any
   * size); a caller steps it in later turns so keys are answered between
   * slices. A search run before it ends builds what is left itself, so the
   * steps only move cost, never change a result. Never throws: an index
   * that fails is left to the search's own fallback.
   * (Measured at 10,000 sessions: the first key of a search took 117 ms of
   * search, 70 of them initials, 25 the file map, 14 the lookup.)
   */
  *warm(sessions: readonly SessionSummary[]): Generator<void, void, void> {
    this.lookup(sessions);
    yield;
    try {
      this.index?.fileMap();
    } catch {
      // The search falls back to substrings on its own.
    }
    for (let i = 0; i < sessions.length; i += WARM_SLICE) {
      yield;
      for (const s of sessions.slice(i, i + WARM_SLICE)) metaInitials(s);
    }
  }

  private lookup(sessions: readonly SessionSummary[]): Map<string, SessionSummary> {
    let map = this.byPath.get(sessions);
    if (!map) this.byPath.set(sessions, (map = new Map(sessions.map((s) => [s.path, s]))));
    return map;
  }

  private ranked(index: FullTextIndex, words: readonly QueryWord[], byPath: Map<string, SessionSummary>, scope: Set<string> | null): SearchHit[] {
    const files = index.fileMap();
    const fileNo = new Map<SessionSummary, number>();
    /** The sessions of `expr`'s matches in scope, with their flags. */
    const resolve = (expr: string): Map<SessionSummary, number> => {
      const out = new Map<SessionSummary, number>();
      for (const [no, flags] of index.match(expr)) {
        const path = files.get(no)?.path;
        const s = path === undefined ? undefined : byPath.get(path);
        if (!s || (scope && !scope.has(s.projectId))) continue;
        fileNo.set(s, no);
        out.set(s, flags);
      }
      return out;
    };

    const perWord: Map<SessionSummary, WordHit>[] = words.map((w) => {
      const hits = new Map<SessionSummary, WordHit>();
      if (w.idPrefix !== null) {
        for (const s of byPath.values()) {
          if ((!scope || scope.has(s.projectId)) && s.id.toLowerCase().startsWith(w.idPrefix)) hits.set(s, { flags: META, exact: true, typo: null });
        }
        return hits;
      }
      const expr = wordExpr(w)!;
      const exact = w.prefix ? resolve(wordExpr(w, false)!) : null;
      for (const [s, flags] of resolve(expr)) hits.set(s, { flags, exact: exact ? exact.has(s) : true, typo: null });
      if (w === words[words.length - 1] && isFirstLetter(w)) {
        // One letter typed: a prefix of every indexed word would cost a scan of the index, so the
        // prefix is looked for in titles, ids, workspaces and models only (the list narrows at once).
        for (const s of byPath.values()) {
          if (!hits.has(s) && (!scope || scope.has(s.projectId)) && metaStartsWith(s, w.tokens[0]!)) hits.set(s, { flags: META, exact: false, typo: null });
        }
      }
      return hits;
    });

    if (countAll(perWord) < FEW_EXACT) {
      words.forEach((w, i) => {
        if (w.tokens.length !== 1 || w.cjk.length > 0) return;
        const hits = perWord[i]!;
        for (const term of typoCandidates(index, w.tokens[0]!)) {
          for (const [s, flags] of resolve(quote(term))) if (!hits.has(s)) hits.set(s, { flags, exact: false, typo: term });
        }
      });
    }
    if (perWord.some((hits) => hits.size === 0)) return [];

    const phrase = phraseExpr(words);
    const inPhrase = phrase ? resolve(phrase) : null;
    const candidates = new Set<SessionSummary>();
    for (const hits of perWord) for (const s of hits.keys()) candidates.add(s);

    const n = perWord.length;
    const last = perWord[n - 1]!;
    const ranked: Ranked[] = [];
    for (const s of candidates) {
      let matched = 0;
      let typos = 0;
      let meta = 0;
      let content = false;
      let similar: string[] | null = null;
      for (let w = 0; w < n; w++) {
        const h = perWord[w]!.get(s);
        if (!h) continue;
        matched++;
        if (h.typo !== null) {
          typos++;
          (similar ??= []).push(h.typo);
        }
        // In the title, id, workspace or model: a typo found there still says more than one in a message.
        if (h.flags & META) meta = 1;
        if (h.flags & CONTENT) content = true;
      }
      const tier: MatchTier = inPhrase?.has(s) ? 'phrase' : matched === n ? 'all' : 'some';
      const l = last.get(s);
      const lastExact = l !== undefined && l.exact && l.typo === null ? 1 : 0;
      // One number for the order before recency: tier, words matched, fewer typos, whole last word, meta.
      const key = TIER_RANK[tier] * 1e6 + matched * 1e4 + (99 - typos) * 10 + lastExact * 2 + meta;
      ranked.push({ s, tier, key, content, similar });
    }
    ranked.sort(
      (a, b) =>
        b.key - a.key ||
        (a.s.updatedAt < b.s.updatedAt ? 1 : a.s.updatedAt > b.s.updatedAt ? -1 : 0) ||
        (a.s.id < b.s.id ? -1 : a.s.id > b.s.id ? 1 : 0),
    );
    const textWords = words.filter((w) => w.idPrefix === null);
    const baseExpr = textWords.map((w) => `(${wordExpr(w)})`).join(' OR ');
    const baseHighlight = highlightOf(textWords);
    return ranked.map((r) => {
      const no = r.content ? fileNo.get(r.s) : undefined;
      const similar = r.similar ?? [];
      const expr = r.similar ? [baseExpr, ...r.similar.map(quote)].filter(Boolean).join(' OR ') : baseExpr;
      const chunk = no === undefined || !expr ? null : () => index.firstChunk(no, expr);
      return new LazyHit(r.s, r.tier, r.content ? 'content' : 'title', similar, r.similar ? highlightOf(textWords, r.similar) : baseHighlight, chunk);
    });
  }
}

/** A candidate with its sort key. */
interface Ranked {
  s: SessionSummary;
  tier: MatchTier;
  key: number;
  content: boolean;
  similar: string[] | null;
}

/** A word of one letter or digit, as typed first. */
function isFirstLetter(w: QueryWord): boolean {
  return w.tokens.length === 1 && w.cjk.length === 0 && w.tokens[0]!.length === 1;
}

/**
 * True when `query` is one letter or digit alone: {@link SessionSearch.search}
 * then matches words of titles, ids, workspaces and models that start with
 * it (and whole one-letter words anywhere), not every word of every message
 * that does, so it can find fewer sessions than two letters: the list says so.
 */
export function namesOnlyQuery(query: string): boolean {
  const words = parseQuery(query);
  return words.length === 1 && words[0]!.idPrefix === null && isFirstLetter(words[0]!);
}

/**
 * The first letters (folded) of the words of each session's title, id,
 * workspace and model, worked out once per summary: a first letter typed
 * tokenised all four fields of every session on each key (100,000
 * sessions: most of a 420 ms keystroke).
 */
const META_INITIALS = new WeakMap<SessionSummary, string>();

/** True when a word of the title, id, workspace or model starts with `letter` (folded). */
function metaStartsWith(s: SessionSummary, letter: string): boolean {
  return metaInitials(s).includes(letter);
}

/** The folded first letters of the words of `s`'s title, id, workspace and model, once per summary. */
function metaInitials(s: SessionSummary): string {
  let initials = META_INITIALS.get(s);
  if (initials === undefined) {
    const seen = new Set<string>();
    for (const field of [s.title, s.id, s.workspace ?? '', s.model]) {
      for (const t of latinTokens(field)) {
        const first = fold(t.token).charAt(0);
        if (first) seen.add(first);
      }
    }
    initials = [...seen].join('');
    META_INITIALS.set(s, initials);
  }
  return initials;
}

/** Sessions holding every word (as typed or as its prefix). */
function countAll(perWord: readonly Map<SessionSummary, WordHit>[]): number {
  const [first, ...rest] = [...perWord].sort((a, b) => a.size - b.size);
  if (!first) return 0;
  let n = 0;
  for (const s of first.keys()) if (rest.every((m) => m.has(s))) n++;
  return n;
}

/**
 * A hit whose snippet and title ranges are built on first read: the list
 * draws one screenful of what may be thousands of hits. Read the
 * properties; don't spread the object (getters live on the prototype);
 * `toJSON` gives a plain copy.
 */
class LazyHit implements SearchHit {
  #snippet: Snippet | null | undefined;
  /** The last snippet fit to a width (the list asks with the same width row after row, frame after frame). */
  #wide: { columns: number; snippet: Snippet | null } | undefined;
  #titleRanges: SearchRange[] | undefined;

  constructor(
    readonly summary: SessionSummary,
    readonly tier: MatchTier,
    readonly field: SearchHit['field'],
    readonly similar: string[],
    private readonly highlight: Highlight,
    private readonly chunk: (() => string | null) | null,
  ) {}

  get snippet(): Snippet | null {
    if (this.#snippet === undefined) this.#snippet = this.build(SNIPPET_COLUMNS);
    return this.#snippet;
  }

  snippetIn(columns: number): Snippet | null {
    if (columns <= SNIPPET_COLUMNS) return this.snippet;
    // No text found for the default width: none at any width (one chunk read, not one per frame).
    if (this.#snippet === null) return null;
    if (this.#wide?.columns !== columns) this.#wide = { columns, snippet: this.build(columns) };
    return this.#wide.snippet;
  }

  private build(columns: number): Snippet | null {
    try {
      const text = this.chunk ? this.chunk() : null;
      // Around the matches of the most query words together, not merely the first match (snippet.ts bestAnchor).
      const anchor = text === null ? undefined : bestAnchor(text, highlightRanges(text, this.highlight), columns);
      if (text !== null && anchor) return makeSnippet(text, anchor, (body) => highlightRanges(body, this.highlight), columns);
    } catch {
      // The index went away under us: no snippet, the hit stands.
    }
    return null;
  }

  get titleRanges(): SearchRange[] {
    this.#titleRanges ??= highlightRanges(this.summary.title, this.highlight);
    return this.#titleRanges;
  }

  toJSON(): SearchHit {
    const { summary, tier, field, similar, snippet, titleRanges } = this;
    return { summary, tier, field, similar, snippet, titleRanges };
  }
}

/** A hit with nothing to compute: tier 'all', no typo stand-in, no snippet (a title match, or a listing's row). */
export function plainHit(summary: SessionSummary, field: SearchHit['field'], titleRanges: SearchRange[]): SearchHit {
  return { summary, tier: 'all', field, similar: [], snippet: null, titleRanges };
}

/**
 * The fallback without SQLite: every word (as typed, lower-cased) must be a
 * substring of the title, the prompts, the id, the workspace or the model;
 * newest first. No message text, no typos, no snippets.
 */
function substringSearch(words: readonly QueryWord[], sessions: readonly SessionSummary[], scope: Set<string> | null): SearchHit[] {
  const needles = words.map((w) => (w.idPrefix !== null ? w.idPrefix : w.raw.toLowerCase()));
  const hits: SearchHit[] = [];
  for (const s of sessions) {
    if (scope && !scope.has(s.projectId)) continue;
    const hay = [s.title, s.firstPrompt, s.lastPrompt, s.id, s.workspace ?? '', s.model].join('\n').toLowerCase();
    if (!needles.every((n) => hay.includes(n))) continue;
    const title = s.title.toLowerCase();
    const ranges: SearchRange[] = [];
    for (const n of needles) {
      const at = title.indexOf(n);
      if (at >= 0 && title.length === s.title.length) ranges.push({ start: at, end: at + n.length });
    }
    hits.push(plainHit(s, 'title', mergeRanges(ranges)));
  }
  return hits.sort((a, b) => (a.summary.updatedAt < b.summary.updatedAt ? 1 : a.summary.updatedAt > b.summary.updatedAt ? -1 : 0));
}
