/**
 * The browser's state in one pure reducer. What the screen shows (filtered
 * rows, counts, the visible window) is derived from this state (list-model.ts);
 * nothing here copies derived data. Navigation actions carry the layout of
 * the list being looked at, because the filtered order is derived, not stored.
 */
import type { SessionSummary } from '../store/types.js';
import type { ResumeFrom, ScanProgress, Scope, SkippedPath } from './source.js';
import { pageIndex, resolveIndex, resolveScroll, type ListLayout } from '../components/list-layout.js';
import { applyEdit, lineAtEnd, lineSelected, type LineEdit, type LineState } from '../components/line-editor.js';
import type { SessionLabel } from '../store/labels.js';
import { SORT_ORDERS, type ListPageCounts, type SortOrder } from './list-model.js';
import { COST_WINDOWS, type CostWindowName } from '../components/cost-model.js';

/**
 * The screen in front: the list, an opened session, the cost view, the
 * delete dialog, or the dialog that asks before resuming an active session.
 * The `?` overlay is drawn over any of them (`help`).
 */
export type View = 'list' | 'session' | 'cost' | 'confirm-delete' | 'confirm-resume';

/** Time window of the cost view; `w` cycles through COST_WINDOWS in order (cost-model.ts). */
export type CostWindow = CostWindowName;

export interface BrowserState {
  /** The scope asked for (`a` toggles it): what loads. */
  scope: Scope;
  /**
   * The scope `sessions` belong to. After `a` it stays the old one until the
   * new scope's first answer: the old list stays on screen meanwhile, so
   * the keys pressed while it loads act on the rows the user sees (an
   * empty list took them and did nothing).
   */
  listScope: Scope;
  sessions: SessionSummary[];
  /**
   * Set while `sessions` are only the top of the list (the first frame,
   * BrowserSource.storedPage): the counts of the whole scope, which the
   * header and project headings show. null once the whole list is in.
   */
  partial: ListPageCounts | null;
  /** `G` (the end) was pressed while only the top of the list was in: the selection goes to the end again once all of it is. */
  toEnd: boolean;
  /** True until the first answer for this scope arrives. */
  loading: boolean;
  /** A user-facing load error (never a stack trace). */
  error: string | null;
  /** What the last load of the scope skipped (symlinked project folders, unreadable files): a one-line note. */
  skipped: readonly SkippedPath[];
  /** Bumped to ask for a fresh load of the same scope (after a delete, a change on disk, `r`). */
  reloadSeq: number;
  /** The `reloadSeq` of the last fresh answer; differs from `reloadSeq` while a load runs. */
  loadedSeq: number;
  /** A refresh was asked for while a load ran: it starts when that load answers. */
  refreshPending: boolean;
  /** The list shows what the catalog last saw (the first frame) while every file is checked. */
  stale: boolean;
  /** How far the running check has come, while it reads files; null when none runs or nothing needed reading. */
  progress: ScanProgress | null;
  /**
   * The full-text index catching up in the background (sessions a listing
   * read without their text): `progress` once files are being read; null
   * when no indexing runs. Searches meanwhile miss what is not indexed yet.
   */
  indexing: { progress: ScanProgress | null; step: number } | null;
  /** Bumped when an indexing run indexed something: the search is run again. */
  textSeq: number;
  query: string;
  /** Where the search box's cursor is in `query`, in code points. */
  queryCursor: number;
  /** The search box owns the letters. */
  searchFocused: boolean;
  /** The selected session; null means "the item at selectedIndex". */
  selectedId: string | null;
  /** Last known position of the selection, the fallback when its session disappears. */
  selectedIndex: number;
  /** First visible list line (see list-layout.ts). */
  scroll: number;
  /**
   * Where the selected session sat on screen (lines below the list's top)
   * when a load slotted sessions in: it stays on that line, so a refresh
   * moves neither the selection nor the row under the user's eyes. Cleared
   * by the next move.
   */
  anchor: { id: string; offset: number } | null;
  view: View;
  /** Session id the session screen or a dialog is about. */
  target: string | null;
  /**
   * Why the dialog's session is still active ("it is running"), shown in
   * the dialog; null when it is idle. A delete confirmed while this is set
   * is forced: the user saw the warning.
   */
  confirmNote: string | null;
  /** The Resume tab's choice carried through the resume dialog (null: the default). */
  confirmFrom: ResumeFrom | null;
  costWindow: CostWindow;
  /**
   * The user picked the cost window with `w`: opening the view keeps it.
   * Until then the view opens on the first window, from the current one,
   * that holds a session (a home whose sessions are all older than a week
   * opened on "No sessions in this window").
   */
  costWindowChosen: boolean;
  /**
   * First line of the cost view's scrolling body, as last asked for: it may
   * be past the end at the current size (the terminal grew), and is then
   * drawn at the end (costViewLines) and moved from there by the next key.
   */
  costScroll: number;
  /** The user's names and pins by session id (store/labels.ts). */
  labels: ReadonlyMap<string, SessionLabel>;
  /** The list's order; `s` cycles it. */
  sort: SortOrder;
  /** The rename box (`R`): which session and the name being edited; null when closed. */
  rename: ({ id: string } & LineState) | null;
  /** The `?` overlay, over whatever view is in front, and its first visible line; null when closed. */
  help: { scroll: number } | null;
  /** One-line message ("Exported to …"), cleared by the next key. */
  flash: string | null;
  /** The session deleted last in this browser, which `u` brings back from the trash; null when none (or undone). */
  undo: SessionSummary | null;
}

export type BrowserAction =
  /**
   * Sessions of the scope. `stale`: the catalog's last view, shown until the
   * fresh answer of load `seq` arrives. `keep`: the session selected on
   * screen and its line, kept while sessions slot in around it. `partial`:
   * the sessions are only the top of a stale list, and these the counts
   * of all of it (BrowserState.partial).
   */
  | { type: 'loaded'; scope: Scope; sessions: SessionSummary[]; skipped?: readonly SkippedPath[]; stale?: boolean; seq?: number; keep?: KeptSelection | null; partial?: ListPageCounts }
  | { type: 'progress'; scope: Scope; progress: ScanProgress }
  /** The background indexing of the scope's text started (progress null) or came this far. */
  | { type: 'text-indexing'; scope: Scope; progress: ScanProgress | null }
  /** Text a load left to be indexed after it answered is in the index now: the search runs again. */
  | { type: 'text-landed'; scope: Scope }
  /** The background indexing ended; `count` sessions were indexed. */
  | { type: 'text-indexed'; scope: Scope; count: number }
  /** Look again (a change on disk, the clock, `r`). */
  | { type: 'refresh' }
  | { type: 'load-failed'; scope: Scope; message: string }
  | { type: 'toggle-scope' }
  | { type: 'move'; delta: number; layout: ListLayout }
  | { type: 'page'; direction: 1 | -1; layout: ListLayout }
  | { type: 'jump'; to: 'top' | 'bottom'; layout: ListLayout }
  | { type: 'focus-search' }
  | { type: 'set-query'; query: string }
  /** Typed or pasted text for the search box, at its cursor (control characters become spaces). */
  | { type: 'type'; text: string }
  | { type: 'backspace' }
  /** One key's edit of the search box (the line editor shared with the transcript search). */
  | { type: 'edit'; edit: LineEdit }
  | { type: 'escape' }
  | { type: 'open-session'; id: string }
  /** Opens (or closes) the cost view; `window`: the window to open on when the user has not picked one. */
  | { type: 'toggle-cost'; window?: CostWindow }
  | { type: 'cycle-cost-window' }
  | { type: 'toggle-help' }
  | { type: 'labels'; labels: ReadonlyMap<string, SessionLabel> }
  | { type: 'cycle-sort' }
  /** `R`: the rename box opens on `text` (the current name or title), selected: typing replaces it. */
  | { type: 'rename-start'; id: string; text: string }
  | { type: 'rename-edit'; edit: LineEdit }
  | { type: 'rename-end' }
  /** Scroll the help overlay or the cost view by `delta` lines (or to an end), within 0..max. */
  | { type: 'scroll'; what: 'help' | 'cost'; delta: number; max: number }
  /** `index`: where the session sits in the list seen, so its neighbour is selected after the delete. */
  | { type: 'ask-delete'; id: string; index: number; note?: string | null }
  /** Enter on an active session: ask before resuming it (`note` says why it is active). */
  | { type: 'ask-resume'; id: string; note: string; from?: ResumeFrom }
  | { type: 'close' }
  | { type: 'deleted'; id: string; message: string; session?: SessionSummary }
  /** `u` brought the last deleted session back: the list reloads (it is there again). */
  | { type: 'restored'; message: string }
  | { type: 'flash'; message: string };

/** While the index catches up, the search is run again this often (ms of indexing): matches grow as the index does. */
const RESEARCH_EVERY_MS = 2000;

/** The state before the first load. */
export function initialBrowserState(opts: { scope?: Scope; query?: string; labels?: ReadonlyMap<string, SessionLabel> } = {}): BrowserState {
  return {
    scope: opts.scope ?? 'project',
    listScope: opts.scope ?? 'project',
    sessions: [],
    partial: null,
    toEnd: false,
    loading: true,
    error: null,
    skipped: [],
    reloadSeq: 0,
    loadedSeq: -1,
    refreshPending: false,
    stale: false,
    progress: null,
    indexing: null,
    textSeq: 0,
    query: opts.query ?? '',
    queryCursor: Array.from(opts.query ?? '').length,
    searchFocused: false,
    selectedId: null,
    selectedIndex: 0,
    scroll: 0,
    anchor: null,
    view: 'list',
    target: null,
    confirmNote: null,
    confirmFrom: null,
    costWindow: '7d',
    costWindowChosen: false,
    costScroll: 0,
    labels: opts.labels ?? new Map(),
    sort: 'relevance',
    rename: null,
    help: null,
    flash: null,
    undo: null,
  };
}

/**
 * The first list line on screen for selected item `index`: the stored
 * scroll moved just enough to show it, or, after a load slotted sessions in
 * (`anchor`), whatever keeps the selected row on the line it was on.
 */
export function visibleScroll(state: BrowserState, layout: ListLayout, index: number): number {
  const a = state.anchor;
  if (a && index >= 0 && layout.ids[index] === a.id) return resolveScroll(layout, index, (layout.tops[index] ?? 0) - a.offset);
  return resolveScroll(layout, index, state.scroll);
}

/** Select item `index` of `layout` and scroll just enough to show it. */
function selectIndex(state: BrowserState, layout: ListLayout, index: number): BrowserState {
  if (index < 0) return { ...state, selectedId: null, selectedIndex: 0, scroll: 0, anchor: null };
  const current = resolveIndex(layout, state.selectedId, state.selectedIndex);
  // Start from the scroll the user sees (stale stored scroll is re-resolved first).
  const seen = visibleScroll(state, layout, current);
  return {
    ...state,
    selectedId: layout.ids[index] ?? null,
    selectedIndex: index,
    scroll: resolveScroll(layout, index, seen),
    anchor: null,
    toEnd: false,
  };
}

function current(state: BrowserState, layout: ListLayout): number {
  return resolveIndex(layout, state.selectedId, state.selectedIndex);
}

/** The search box edited by `edit` (the flash goes, like with any key). */
function editQuery(state: BrowserState, edit: LineEdit): BrowserState {
  const line = { text: state.query, cursor: state.queryCursor };
  const next = applyEdit(line, edit);
  return next === line ? state : withQuery(state, next.text, next.cursor);
}

/**
 * A new query text: the selection goes to the best match, at the top (a
 * selection held from the query before, by id or position, started the new
 * results scrolled to wherever that row was). A query cleared keeps the
 * selected session: found, then seen among its neighbours.
 */
function withQuery(state: BrowserState, query: string, cursor: number): BrowserState {
  const next = { ...keyed(state), query, queryCursor: cursor };
  // The list searches the trimmed text: a space typed between words changes no result yet.
  if (query.trim() === state.query.trim() || query.trim() === '') return next;
  return { ...next, selectedId: null, selectedIndex: 0, scroll: 0, anchor: null };
}

/** Keys clear the flash message; results of async work (loads, deletes) do not. */
function keyed(state: BrowserState): BrowserState {
  return state.flash === null ? state : { ...state, flash: null };
}

/**
 * The session selected on screen when a load was asked for: its id, its
 * line below the list's top (`offset`), and whether it is the first row of
 * a list scrolled to its top (`top`).
 */
export interface KeptSelection {
  id: string;
  offset: number;
  top?: boolean;
}

export function browserReducer(state: BrowserState, action: BrowserAction): BrowserState {
  switch (action.type) {
    case 'loaded': {
      // An answer for a scope the user already left is stale.
      if (action.scope !== state.scope) return state;
      // Sessions slot in around the selection: the session on screen stays selected, on its line.
      const keep = state.sessions.length > 0 ? (action.keep ?? null) : null;
      // A selected session that is gone (its file deleted) gives way to the row shown in its place, held by id from now on.
      const gone = state.selectedId !== null && !action.sessions.some((s) => s.id === state.selectedId);
      const kept = keep && action.sessions.some((s) => s.id === keep.id) ? keep : null;
      const selectedId = (gone ? null : state.selectedId) ?? kept?.id ?? null;
      // On the first row of a list at its top, sessions that slot in above stay in sight: the selected one moves
      // down with the rows (still selected), rather than the list scrolling them out of view to hold its line.
      const atTop = kept?.top === true && kept.id === selectedId;
      const anchor = atTop ? null : kept && kept.id === selectedId ? kept : state.anchor;
      const partial = (action.stale && action.partial) || null;
      // The end the user jumped to on the top of the list is the end of the whole list once it is in.
      const end = state.toEnd && partial === null ? { selectedId: null, selectedIndex: Number.MAX_SAFE_INTEGER, scroll: Number.MAX_SAFE_INTEGER, anchor: null } : { selectedId, anchor, ...(atTop ? { scroll: 0 } : {}) };
      const base = { ...state, listScope: action.scope, sessions: action.sessions, partial, toEnd: state.toEnd && partial !== null, skipped: action.skipped ?? state.skipped, loading: false, error: null, ...end };
      if (action.stale) return { ...base, stale: true };
      const seq = action.seq ?? state.reloadSeq;
      return {
        ...base,
        stale: false,
        progress: null,
        loadedSeq: seq,
        refreshPending: false,
        reloadSeq: state.refreshPending && seq === state.reloadSeq ? state.reloadSeq + 1 : state.reloadSeq,
      };
    }
    case 'progress':
      if (action.scope !== state.scope) return state;
      return { ...state, progress: action.progress };
    case 'text-indexing': {
      if (action.scope !== state.scope) return state;
      // Every few seconds of indexing the search runs again, so matches grow as the index does.
      const step = Math.floor((action.progress?.elapsedMs ?? 0) / RESEARCH_EVERY_MS);
      const again = state.indexing !== null && step !== state.indexing.step;
      return { ...state, indexing: { progress: action.progress, step }, textSeq: again ? state.textSeq + 1 : state.textSeq };
    }
    case 'text-landed':
      return action.scope === state.scope ? { ...state, textSeq: state.textSeq + 1 } : state;
    case 'text-indexed':
      if (action.scope !== state.scope) return state;
      return { ...state, indexing: null, textSeq: action.count > 0 ? state.textSeq + 1 : state.textSeq };
    case 'refresh':
      // One load at a time: a refresh asked for while one runs waits for its answer.
      if (state.loadedSeq !== state.reloadSeq) return state.refreshPending ? state : { ...state, refreshPending: true };
      return { ...state, reloadSeq: state.reloadSeq + 1 };
    case 'load-failed':
      if (action.scope !== state.scope) return state;
      // The error takes the list's place: the old scope's rows, no longer on screen, go too (keys must not act on them).
      return {
        ...state,
        ...(state.listScope === state.scope ? {} : { listScope: state.scope, sessions: [], partial: null, selectedId: null, selectedIndex: 0, scroll: 0, anchor: null }),
        loading: false, stale: false, progress: null, loadedSeq: state.reloadSeq, refreshPending: false, error: action.message,
      };
    case 'toggle-scope': {
      const scope: Scope = state.scope === 'project' ? 'all' : 'project';
      return {
        ...keyed(state),
        scope,
        // The list on screen stays (listScope says whose it is) and keeps its selection until the new one answers:
        // keys pressed meanwhile act on what is shown, and the selected session stays selected if the new list has it.
        loading: true,
        stale: false,
        progress: null,
        indexing: null,
        // A new scope starts its own load: nothing waits on the old one.
        loadedSeq: -1,
        refreshPending: false,
        error: null,
      };
    }
    case 'move': {
      const s = keyed(state);
      const n = action.layout.ids.length;
      const i = current(s, action.layout);
      return selectIndex(s, action.layout, n === 0 ? -1 : Math.min(n - 1, Math.max(0, i + action.delta)));
    }
    case 'page': {
      const s = keyed(state);
      return selectIndex(s, action.layout, pageIndex(action.layout, current(s, action.layout), action.direction));
    }
    case 'jump': {
      const s = keyed(state);
      const n = action.layout.ids.length;
      const next = selectIndex(s, action.layout, n === 0 ? -1 : action.to === 'top' ? 0 : n - 1);
      return action.to === 'bottom' && state.partial !== null ? { ...next, toEnd: true } : next;
    }
    case 'focus-search':
      // The cursor starts at the end, where typing continues the filter.
      return { ...keyed(state), view: 'list', searchFocused: true, queryCursor: Array.from(state.query).length };
    case 'set-query': {
      const line = lineAtEnd(action.query);
      return withQuery(state, line.text, line.cursor);
    }
    case 'type':
      return editQuery(state, { type: 'insert', text: action.text });
    case 'backspace':
      return editQuery(state, { type: 'backspace' });
    case 'edit':
      return editQuery(state, action.edit);
    case 'escape':
      // First Esc leaves the box and keeps the filter; the next one clears it.
      if (state.searchFocused) return { ...keyed(state), searchFocused: false };
      if (state.query !== '') return { ...keyed(state), query: '', queryCursor: 0 };
      return keyed(state);
    case 'open-session':
      // The search box keeps its focus: ← comes back to it, as it was.
      return { ...keyed(state), view: 'session', target: action.id, selectedId: action.id };
    case 'toggle-cost':
      if (state.view === 'cost') return { ...keyed(state), view: 'list', costScroll: 0 };
      return { ...keyed(state), view: 'cost', costScroll: 0, costWindow: !state.costWindowChosen && action.window ? action.window : state.costWindow };
    case 'cycle-cost-window': {
      const next = COST_WINDOWS[(COST_WINDOWS.indexOf(state.costWindow) + 1) % COST_WINDOWS.length];
      return { ...keyed(state), costWindow: next ?? '7d', costWindowChosen: true, costScroll: 0 };
    }
    case 'toggle-help':
      return { ...keyed(state), help: state.help ? null : { scroll: 0 } };
    case 'labels':
      return { ...state, labels: action.labels };
    case 'cycle-sort': {
      const sort = SORT_ORDERS[(SORT_ORDERS.indexOf(state.sort) + 1) % SORT_ORDERS.length] ?? 'relevance';
      // A new order is read from its top: the line a load kept the selection on (anchor) means nothing in it.
      return { ...keyed(state), sort, scroll: 0, anchor: null };
    }
    case 'rename-start':
      return { ...keyed(state), rename: { id: action.id, ...lineSelected(action.text) } };
    case 'rename-edit': {
      if (!state.rename) return state;
      const next = applyEdit(state.rename, action.edit);
      return next === state.rename ? state : { ...keyed(state), rename: { ...next, id: state.rename.id } };
    }
    case 'rename-end':
      return state.rename ? { ...state, rename: null } : state;
    case 'scroll': {
      const clampTo = (n: number) => Math.max(0, Math.min(Math.max(0, action.max), n));
      // A stored offset past today's end (the terminal grew since) is drawn at the end: a key moves from
      // where the view is drawn, or the first presses would be spent coming back from beyond it.
      if (action.what === 'cost') {
        const costScroll = clampTo(clampTo(state.costScroll) + action.delta);
        return costScroll === state.costScroll ? keyed(state) : { ...keyed(state), costScroll };
      }
      if (!state.help) return state;
      const scroll = clampTo(clampTo(state.help.scroll) + action.delta);
      return scroll === state.help.scroll ? keyed(state) : { ...keyed(state), help: { scroll } };
    }
    case 'ask-delete':
      return {
        ...keyed(state),
        view: 'confirm-delete',
        target: action.id,
        selectedId: action.id,
        selectedIndex: action.index,
        confirmNote: action.note ?? null,
      };
    case 'ask-resume':
      return { ...keyed(state), view: 'confirm-resume', target: action.id, selectedId: action.id, confirmNote: action.note, confirmFrom: action.from ?? null, searchFocused: false };
    case 'close':
      return { ...keyed(state), view: 'list', target: null, confirmNote: null, confirmFrom: null };
    case 'deleted':
      // Drop it at once (the reload confirms); the selection falls on its neighbour.
      return {
        ...state,
        sessions: state.sessions.filter((s) => s.id !== action.id),
        selectedId: state.selectedId === action.id ? null : state.selectedId,
        view: 'list',
        target: null,
        confirmNote: null,
        flash: action.message,
        reloadSeq: state.reloadSeq + 1,
        undo: action.session ?? null,
      };
    case 'restored':
      return { ...state, flash: action.message, undo: null, reloadSeq: state.reloadSeq + 1 };
    case 'flash':
      return { ...state, flash: action.message };
    default:
      return action satisfies never;
  }
}
