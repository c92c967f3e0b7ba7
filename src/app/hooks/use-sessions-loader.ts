/**
 * Loads the sessions of the scope whenever the scope changes or a reload is
 * asked for (a delete, a change on disk, `r`). The first load of a scope
 * paints what the catalog last saw at once (`storedSessions`), then checks
 * every file with a progress line; later loads replace the list when they
 * answer. Answers for a scope the user already left are dropped here (and
 * again by the reducer, which checks the scope).
 */
import { useEffect, useRef } from 'react';
import type { BrowserStore } from './use-browser-store.js';
import { browserReducer, type BrowserAction, type BrowserState, type KeptSelection } from '../browser-reducer.js';
import type { RefreshCost } from './use-live-refresh.js';
import type { BrowserSource, Scope, ScanProgress } from '../source.js';
import type { SessionLabel } from '../../store/labels.js';
import type { SessionSummary } from '../../store/types.js';

/** A user-facing message for anything thrown: the message, never a stack. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

/** How long the catalog's first frame gets to be drawn before the check of every file starts, in ms (Ink draws at most every ~32 ms). */
const FIRST_PAINT_MS = 60;
/**
 * Sessions in the first frame's page (BrowserSource.storedPage): more than
 * any terminal shows, so the first screen is whole while the rest loads.
 */
const FIRST_PAGE_ROWS = 300;

/** Ids of the sessions the user pinned: first in their project on the first frame too. */
function pinnedIds(labels: ReadonlyMap<string, SessionLabel>): string[] {
  const out: string[] = [];
  for (const [id, label] of labels) if (label.pinned) out.push(id);
  return out;
}

/**
 * The top of the scope's list from the catalog (BrowserSource.storedPage)
 * as a stale `loaded` action, or null when there is none (no catalog yet,
 * or it cannot be read).
 */
function topOfList(source: BrowserSource, scope: Scope, labels: ReadonlyMap<string, SessionLabel>): Extract<BrowserAction, { type: 'loaded' }> | null {
  let page: ReturnType<NonNullable<BrowserSource['storedPage']>> = null;
  try {
    page = source.storedPage?.(scope, { rows: FIRST_PAGE_ROWS, pinned: pinnedIds(labels) }) ?? null;
  } catch {
    // The whole stored list, then.
  }
  if (!page || page.sessions.length === 0) return null;
  return { type: 'loaded', scope, sessions: page.sessions, stale: true, partial: { total: page.total, projectCounts: page.projectCounts } };
}

/**
 * `state` (before the first load) with the top of its list in it, so the
 * very first render draws sessions rather than "loading…" (one render and
 * one write fewer before the user sees them). useSessionsLoader then loads
 * the whole stored list and checks the files from there.
 */
export function withTopOfList(source: BrowserSource, state: BrowserState): BrowserState {
  const top = topOfList(source, state.scope, state.labels);
  return top ? browserReducer(state, top) : state;
}

/** While a scan with no stored list to show runs, the top of the list is read again from the catalog this often, in ms. */
const REPAGE_EVERY_MS = 1000;
/** Progress is drawn at most this often, in ms: a scan reports per file batch. */
const PROGRESS_EVERY_MS = 100;

export function useSessionsLoader(
  source: BrowserSource,
  scope: Scope,
  reloadSeq: number,
  store: BrowserStore,
  /** The session selected on screen now and its line below the list's top, kept when the answer slots sessions in around it. */
  selection: () => KeptSelection | null,
  /** Told what the last refresh took and when it ended: useLiveRefresh spaces refreshes by it. */
  refreshCost: RefreshCost = { ms: 0, startedAt: 0, endedAt: 0 },
): void {
  useEffect(() => {
    let live = true;
    const { dispatch } = store;
    // The first frame, from the catalog, touches no file: the top of the list from one query
    // (storedPage, the same cost at 100 or 100,000 sessions), then the whole stored list a frame later.
    // `then` hears whether it drew anything (the list may come as a promise: keys are answered while it is parsed).
    const paintStored = (then: (painted: boolean) => void): void => {
      const paint = (stored: SessionSummary[]): void => {
        if (!live) return;
        // After `a` the other scope's list is on screen: its selected session keeps its line if this list has it.
        if (stored.length > 0) dispatch({ type: 'loaded', scope, sessions: stored, stale: true, keep: selection() });
        then(stored.length > 0);
      };
      let stored: ReturnType<NonNullable<BrowserSource['storedSessions']>> = [];
      try {
        stored = source.storedSessions?.(scope) ?? [];
      } catch {
        // A catalog that cannot be read is a cold start: the load still answers.
      }
      if (Array.isArray(stored)) paint(stored);
      else stored.then(paint, () => paint([]));
    };
    const paintTop = (): boolean => {
      const top = topOfList(source, scope, store.get().labels);
      if (!top) return false;
      dispatch({ ...top, keep: selection() });
      return true;
    };
    // Ink writes a frame up to ~34 ms after React commits it (its render throttle), and a timer due before
    // that would take the thread first: the delay starts after the commit (a dispatch renders in a
    // microtask, so by the next macrotask it is done and Ink's timer is set), and outlasts the throttle.
    const timers: NodeJS.Timeout[] = [];
    const immediates: NodeJS.Immediate[] = [];
    const later = (run: () => void): void => void immediates.push(setImmediate(() => void timers.push(setTimeout(run, FIRST_PAINT_MS))));
    let lastDrawn = 0;
    let lastPaged = 0;
    const onProgress = (progress: ScanProgress): void => {
      const now = Date.now();
      if (!live || now - lastDrawn < PROGRESS_EVERY_MS || progress.bytes === 0) return;
      lastDrawn = now;
      // A cold start (no list yet, or only a page of one): the sessions read so far are in the catalog
      // already, so the list fills in as the scan goes instead of appearing only when it ends.
      const shown = store.get();
      // Until the first rows are in (the catalog writes them in batches), it is looked for more often.
      const every = shown.loading ? PROGRESS_EVERY_MS * 2.5 : REPAGE_EVERY_MS;
      if (now - lastPaged >= every && shown.listScope === scope && (shown.loading || shown.partial !== null)) {
        lastPaged = now;
        const top = topOfList(source, scope, shown.labels);
        // A session the user selected stays on screen: once newer rows push it out of the top, the rows stay as they are.
        // Untouched, the selection stays on the top row: the scan finds sessions in no order, so the row that was
        // first a second ago is often not the newest, and keeping it would leave the cursor mid-list, unasked.
        const selected = shown.selectedId;
        if (top && (selected === null || top.sessions.some((s) => s.id === selected))) dispatch({ ...top, keep: selected === null ? null : selection() });
      }
      dispatch({ type: 'progress', scope, progress });
    };
    const load = (): void => {
      const loadStarted = Date.now();
      refreshCost.startedAt = loadStarted;
      void source.loadSessions(scope, { onProgress }).then(
        (sessions) => {
          if (!live) return;
          // The first load may be a whole cold scan: only refreshes say what the next refresh will cost.
          if (reloadSeq > 0) refreshCost.ms = Date.now() - loadStarted;
          refreshCost.endedAt = Date.now();
          // After a cold fill-in (only a page of the scan so far on screen), an untouched selection goes to the top too.
          const shown = store.get();
          const keep = shown.partial !== null && shown.selectedId === null ? null : selection();
          dispatch({ type: 'loaded', scope, sessions, skipped: source.skipped?.(scope) ?? [], seq: reloadSeq, keep });
          // A big append's text lands a few turns after the list: then a search on screen is run again.
          void source.textSettled?.().then(
            (landed) => {
              if (landed && live) dispatch({ type: 'text-landed', scope });
            },
            () => {}, // the index only lags: nothing to show
          );
        },
        (err: unknown) => {
          if (live) dispatch({ type: 'load-failed', scope, message: errorMessage(err) });
        },
      );
    };
    // The whole stored list a frame after its top, then the check a frame after that.
    const storedThenLoad = (): void =>
      later(() => {
        if (live) paintStored(() => later(load));
      });
    // With the catalog's list dispatched, let Ink paint it before the next step takes the thread.
    const now = store.get();
    if (now.partial !== null && now.listScope === scope) storedThenLoad(); // the top came with the first state (withTopOfList)
    else if (!now.loading) load();
    else if (paintTop()) storedThenLoad();
    else paintStored((painted) => (painted ? later(load) : load()));
    return () => {
      live = false;
      for (const t of timers) clearTimeout(t);
      for (const i of immediates) clearImmediate(i);
    };
    // The selection is read when the answer arrives, not a reason to load again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source, scope, reloadSeq, store]);
}

/**
 * After each fresh load of the scope (`loadedSeq`), brings the full-text
 * index up to date in the background (source.indexText): sessions a
 * listing read without their text. Progress is drawn like the check's;
 * when a run that indexed something ends, the search is run again (reducer
 * `textSeq`), even when a later load queued another run behind it (the
 * source runs one at a time); the reducer drops what is about a scope the
 * user left.
 */
export function useTextIndexer(source: BrowserSource, scope: Scope, loadedSeq: number, store: BrowserStore): void {
  useEffect(() => {
    if (!source.indexText || loadedSeq < 0) return;
    const { dispatch } = store;
    let lastDrawn = 0;
    let started = false;
    const onProgress = (progress: ScanProgress): void => {
      const now = Date.now();
      if (now - lastDrawn < PROGRESS_EVERY_MS) return;
      lastDrawn = now;
      started = true;
      dispatch({ type: 'text-indexing', scope, progress });
    };
    // The stand-ins of sessions a CLI listing left without them (catalog.ts metaLater) are written first: a search shown meanwhile runs again.
    const onStandIns = (): void => dispatch({ type: 'text-landed', scope });
    void source.indexText(scope, { onProgress, onStandIns }).then(
      (count) => {
        if (started || count > 0) dispatch({ type: 'text-indexed', scope, count });
      },
      () => {
        // A cache failing costs search recall, never the list: the status line just stops saying "indexing".
        if (started) dispatch({ type: 'text-indexed', scope, count: 0 });
      },
    );
  }, [source, scope, loadedSeq, store]);
}

/**
 * Holds the source's pause of background text indexing (source.pauseIndexing)
 * while `open` (a session is open in the replay), and releases it when the
 * session closes or the browser unmounts: the replay reads its file alone.
 * A 600 MB session whose text was still being indexed opened at 314 MB peak
 * RSS, 228 MB with the replay alone. Indexing resumes (useTextIndexer's run
 * waits through the pause) once the user is back in the list.
 */
export function useIndexingPause(source: BrowserSource, open: boolean): void {
  useEffect(() => {
    if (!open || !source.pauseIndexing) return;
    return source.pauseIndexing();
  }, [source, open]);
}

/**
 * Once the first load has answered (`loaded`), shows the source's warning
 * about the home (readable by others) as the flash line, once per run:
 * the CLI prints it on stderr, which the browser's screen would hide.
 */
export function useStoreWarning(source: BrowserSource, loaded: boolean, store: BrowserStore): void {
  const shown = useRef(false);
  useEffect(() => {
    if (!loaded || shown.current || !source.storeWarning) return;
    shown.current = true;
    let warning: string | null = null;
    try {
      warning = source.storeWarning();
    } catch {
      // A warning that cannot be worked out is not shown; nothing else depends on it.
    }
    if (warning) store.dispatch({ type: 'flash', message: warning });
  }, [source, loaded, store]);
}
