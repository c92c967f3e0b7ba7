/**
 * The transcript search of an opened session (`/`, Enter, n, N) as a hook:
 * the hits of the query, found by reading every entry whole, folded or not,
 * once per query (store/search/transcript-find.ts); on a big transcript a
 * slice per turn (replay-hits.ts HitSearch), so keys, Esc and Ctrl+C work
 * meanwhile; and the jump to a hit, which unfolds the entry a hit is hidden
 * in. The query, the cursor and the folds stay in the session view's state
 * (session-view-reducer.ts); this hook owns only the search work.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TranscriptView } from '../store/types.js';
import { NO_HITS, type FindOptions, type TranscriptHits } from '../store/search/transcript-find.js';
import type { ReplayLines } from '../format/replay-window.js';
import { HitLocator, HitSearch, SEARCH_SLICE_MS } from './replay-hits.js';
import { clampView, type SessionViewAction, type SessionViewState, type Viewport } from './session-view-reducer.js';
import type { SyncStore } from './use-sync-reducer.js';

/** Which hit a jump picks from the cursor: the first at or after it (Enter), the next (n) or the previous (N). */
export type HitJump = 'at' | 'next' | 'prev';

export interface ReplaySearchInput {
  /** The transcript searched; null while it loads (no hits). */
  transcript: TranscriptView | null;
  /** Its display lines as drawn (folds applied); null while it loads. */
  lines: ReplayLines | null;
  /** The query searched (the confirmed one, not the draft being typed). */
  query: string;
  /** Columns of the replay's text: where a hit falls on a wrapped line depends on it. */
  width: number;
  /** IANA zone of the replay's clock times (they are searched as shown). */
  tz: string;
  fromCheckpoint: boolean;
  /** Secrets shown: a masked key is found only when shown. */
  revealSecrets: boolean;
  /** The replay's lines and page, for placing the cursor on a hit. */
  viewport: Viewport;
  /** The session view's store: a jump reads the cursor from it and dispatches `showMatch`. */
  store: SyncStore<SessionViewState, SessionViewAction>;
  /** @internal Tests: how long a search may run in the turn that asks for it before it goes on in slices. */
  searchNowMs?: number;
}

export interface ReplaySearch {
  /** The query's hits; NO_HITS while they are still being searched. */
  hits: TranscriptHits;
  /** True while a big transcript is still being searched. */
  searching: boolean;
  /** Where the hits fall on the display lines; null while the transcript loads. */
  locator: HitLocator | null;
  /**
   * Shows `query`'s hit picked from the cursor (`current`: the hit shown
   * now, -1 for none), unfolding its entry when that hides it. Asked while
   * the search runs, it is made once the search ends, if the query is still
   * the one asked. Stable across renders: it reads the latest lines.
   */
  showHit(query: string, how: HitJump, current: number): void;
}

export function useReplaySearch(input: ReplaySearchInput): ReplaySearch {
  const { transcript, lines, query, width, tz, fromCheckpoint, revealSecrets, viewport, store } = input;
  // The search reads every entry's whole text, unfolded (store/search/transcript-find.ts): its hits do not change with folding.
  const findOpts = useMemo((): FindOptions => ({ width: Math.max(1, width - 1), tz, fromCheckpoint, revealSecrets }), [width, tz, fromCheckpoint, revealSecrets]);
  const hitSearch = useRef(new HitSearch(input.searchNowMs)).current;
  const found = transcript ? hitSearch.get(transcript, findOpts, query) : NO_HITS;
  const searching = found === null;
  const hits = found ?? NO_HITS;
  const [, setSearchDone] = useState(0);
  /** A jump (Enter, n, N) asked for while the search ran: made once it ends. */
  const pendingJump = useRef<{ query: string; how: HitJump; current: number } | null>(null);
  // Jumps asked within a burst of keys run before the next render: they read the latest lines.
  const latest = useRef({ lines, transcript, viewport, findOpts });
  latest.current = { lines, transcript, viewport, findOpts };

  const showHit = useRef((query: string, how: HitJump, current: number): void => {
    const { lines, transcript, viewport, findOpts } = latest.current;
    if (!transcript || !lines) return;
    const known = hitSearch.get(transcript, findOpts, query);
    if (known === null) return void (pendingJump.current = { query, how, current });
    const locator = new HitLocator(transcript, lines, known, findOpts);
    const k = locator.pick(clampView(store.get(), viewport).cursor, how, current);
    if (k === null) return;
    const place = locator.place(k);
    store.dispatch({ type: 'showMatch', index: k, line: place.line, reveal: place.reveal, ...viewport, lineCount: place.lineCount });
  }).current;

  useEffect(() => {
    if (!searching) return;
    let live = true;
    const step = (): void => {
      if (!live) return;
      if (!hitSearch.advance(SEARCH_SLICE_MS)) return void setImmediate(step);
      const jump = pendingJump.current;
      pendingJump.current = null;
      // Only for the query still asked (Esc or a new query dropped the old one's jump).
      if (jump && jump.query.trim() === store.get().search.query.trim()) showHit(jump.query, jump.how, jump.current);
      setSearchDone((n) => n + 1);
    };
    setImmediate(step);
    return () => {
      live = false;
    };
  }, [searching, transcript, findOpts, query]); // eslint-disable-line react-hooks/exhaustive-deps

  const locator = useMemo(() => (transcript && lines ? new HitLocator(transcript, lines, hits, findOpts) : null), [transcript, lines, hits, findOpts]);
  return { hits, searching, locator, showHit };
}
