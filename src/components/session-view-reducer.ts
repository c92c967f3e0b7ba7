/**
 * State of one opened session (tab, cursor, scroll, unfolded entries,
 * from-checkpoint mode, transcript search) as a pure reducer. Figures that
 * are derived from the transcript (how many lines, where the matches are)
 * are never stored: actions that need them carry them, and `clampView`
 * fixes up a state whose line count changed under it (e.g. after folding).
 */

import { applyEdit, lineAtEnd, lineSelected, type LineEdit, type LineState } from './line-editor.js';
import type { ResumeFrom } from '../store/types.js';

/** The session screen's commands in the app's key table (src/app/keys.ts binds keys to them). */
export type SessionCommand =
  | 'next-tab' | 'prev-tab' | 'tab-replay' | 'tab-usage' | 'tab-resume'
  | 'half-page-up' | 'half-page-down' | 'find' | 'find-confirm' | 'find-cancel' | 'clear-find'
  | 'next-match' | 'prev-match' | 'fold' | 'from-checkpoint' | 'resume-from' | 'show-all' | 'reveal-secrets' | 'reload';

/** The tabs of the session screen, in Tab order. */
export const SESSION_TABS = ['replay', 'usage', 'resume'] as const;
export type SessionTab = (typeof SESSION_TABS)[number];

/** The transcript search: the box being edited and the confirmed query. */
export interface TranscriptSearch {
  /** True while the `/` box has the keyboard. */
  editing: boolean;
  /** Text in the box. */
  draft: string;
  /** Where the cursor is in `draft`, in code points. */
  cursor: number;
  /**
   * The whole draft is selected (the last query as `/` reopens it, not
   * touched yet): typing replaces it, a cursor key or Backspace keeps it to
   * edit (line-editor.ts LineState.selected). Absent: none.
   */
  selected?: true;
  /** Confirmed query whose matches are highlighted ('' = none). */
  query: string;
  /**
   * The match shown last ("match 3/17"), an index in the query's hits over
   * the whole transcript (-1: none yet). The hits do not depend on what is
   * folded, so folding keeps it.
   */
  current: number;
}

export interface SessionViewState {
  tab: SessionTab;
  /** Selected line (Space unfolds its entry); always kept inside the viewport. */
  cursor: number;
  /** First visible line. */
  scroll: number;
  /** Entry indexes unfolded with Space. */
  expanded: ReadonlySet<number>;
  /** Entry indexes shown whole with `v` (huge texts are cut otherwise). */
  full: ReadonlySet<number>;
  fromCheckpoint: boolean;
  /** Secrets (keys, tokens, private keys) shown in clear; masked by default (format/secrets.ts). */
  revealSecrets: boolean;
  search: TranscriptSearch;
  /** The Resume tab's choice for a session with checkpoints: where `{context}` starts. */
  resumeFrom: ResumeFrom;
  /** First line shown of the Usage or Resume tab when it is taller than the screen; back to 0 with each tab. */
  panelScroll: number;
}

/** The current size of the replay: total lines and visible rows. */
export interface Viewport {
  lineCount: number;
  page: number;
  /**
   * Whether the cursor may rest on a line (default: every line). A speaker's
   * header drawn for a tool call is passed over: it belongs to the call below it.
   */
  stop?: (line: number) => boolean;
}

export type SessionViewAction =
  | { type: 'setTab'; tab: SessionTab }
  | { type: 'cycleTab'; delta: 1 | -1 }
  | ({ type: 'move'; delta: number } & Viewport)
  | ({ type: 'page'; direction: 1 | -1; half?: boolean } & Viewport)
  | { type: 'top' }
  | ({ type: 'bottom' } & Viewport)
  /**
   * The cursor and the top line put back on the entries they were on, at
   * lines `cursor` and `scroll` of the lines drawn at a new width (the
   * wrapping changed: a line index alone pointed at another entry).
   */
  | ({ type: 'rewrapped'; cursor: number; scroll: number } & Viewport)
  /**
   * Space on `entry`. `lines`: where the entry's own lines are once toggled
   * (`first`, `last`) and the viewport then: unfolding scrolls its body into
   * sight below its header, folding puts the cursor on the entry.
   */
  | { type: 'toggleExpand'; entry: number; lines?: { first: number; last: number } & Viewport }
  | { type: 'toggleFull'; entry: number }
  | { type: 'toggleFromCheckpoint' }
  | { type: 'toggleSecrets' }
  | { type: 'toggleResumeFrom' }
  /** j/k, pages, ends in the Usage or Resume tab: `delta` lines (±Infinity for the ends), up to `max`. */
  | { type: 'panelScroll'; delta: number; max: number }
  | { type: 'searchOpen' }
  /** Replace the box's text (cursor at its end). */
  | { type: 'searchEdit'; draft: string }
  /** One key's edit of the box (the line editor shared with the list's search box). */
  | { type: 'searchKey'; edit: LineEdit }
  | { type: 'searchCancel' }
  /** Enter in the box: its text becomes the query (no match shown yet: showMatch follows when there is one). */
  | { type: 'searchConfirm' }
  | { type: 'searchClear' }
  /**
   * Hit `index` of the query, drawn at `line` (the viewport is the one with
   * it drawn); `reveal`: its entry must be unfolded (`open`) or shown whole
   * (`whole`) for the line to be there.
   */
  | ({ type: 'showMatch'; index: number; line: number; reveal?: { entry: number; open: boolean; whole: boolean } } & Viewport);

/** A fresh view: Replay tab at the top, everything folded, no search. */
export function initialSessionView(tab: SessionTab = 'replay'): SessionViewState {
  return {
    tab,
    cursor: 0,
    scroll: 0,
    expanded: new Set(),
    full: new Set(),
    fromCheckpoint: false,
    revealSecrets: false,
    search: { editing: false, draft: '', cursor: 0, query: '', current: -1 },
    resumeFrom: 'checkpoint',
    panelScroll: 0,
  };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}

/**
 * Keep the cursor on a line and inside the viewport, and the scroll within
 * the lines. Returns `state` itself when nothing changes.
 */
export function clampView(state: SessionViewState, v: Viewport, direction: 1 | -1 = 1): SessionViewState {
  const page = Math.max(1, v.page);
  const cursor = settle(clamp(state.cursor, 0, Math.max(0, v.lineCount - 1)), direction, v);
  let scroll = clamp(state.scroll, 0, Math.max(0, v.lineCount - page));
  if (cursor < scroll) scroll = cursor;
  if (cursor >= scroll + page) scroll = cursor - page + 1;
  // A cursor at the top keeps the header it passed over in sight: the line would read as the wrong speaker's.
  if (scroll === cursor && cursor > 0 && page > 1 && v.stop && !v.stop(cursor - 1)) scroll = cursor - 1;
  return cursor === state.cursor && scroll === state.scroll ? state : { ...state, cursor, scroll };
}

/** `line`, or the nearest line the cursor may rest on, looking in `direction` first. */
function settle(line: number, direction: 1 | -1, v: Viewport): number {
  if (!v.stop || v.stop(line)) return line;
  for (const d of [direction, -direction]) {
    for (let l = line + d; l >= 0 && l < v.lineCount; l += d) if (v.stop(l)) return l;
  }
  return line;
}

/** Cursor on `line`, scrolled just enough to show it. */
function goTo(state: SessionViewState, line: number, v: Viewport): SessionViewState {
  return clampView({ ...state, cursor: line }, v);
}

/** `search` with the box holding `line` (its selection too: an old one never outlives the line it was on). */
function withLine(search: TranscriptSearch, line: LineState): TranscriptSearch {
  const { selected: _old, ...rest } = search;
  return { ...rest, draft: line.text, cursor: line.cursor, ...(line.selected ? { selected: true as const } : {}) };
}

/** The box's line: its draft, cursor and selection. */
function lineOf(search: TranscriptSearch): LineState {
  return { text: search.draft, cursor: search.cursor, ...(search.selected ? { selected: true as const } : {}) };
}

export function sessionViewReducer(state: SessionViewState, action: SessionViewAction): SessionViewState {
  switch (action.type) {
    case 'setTab':
      return state.tab === action.tab ? state : { ...state, tab: action.tab, panelScroll: 0 };
    case 'cycleTab': {
      const i = SESSION_TABS.indexOf(state.tab);
      const n = SESSION_TABS.length;
      return { ...state, tab: SESSION_TABS[(i + action.delta + n) % n]!, panelScroll: 0 };
    }
    case 'panelScroll': {
      // From where the panel is drawn: an offset left past the end by a resize would eat the first presses.
      const max = Math.max(0, action.max);
      const panelScroll = clamp(clamp(state.panelScroll, 0, max) + action.delta, 0, max);
      return panelScroll === state.panelScroll ? state : { ...state, panelScroll };
    }
    case 'move': {
      const from = clampView(state, action);
      return clampView({ ...from, cursor: from.cursor + action.delta }, action, action.delta < 0 ? -1 : 1);
    }
    case 'page': {
      // The window moves along with the cursor, like `less`.
      const from = clampView(state, action);
      const delta = action.direction * (action.half ? Math.ceil(action.page / 2) : Math.max(1, action.page));
      return clampView({ ...from, cursor: from.cursor + delta, scroll: from.scroll + delta }, action, action.direction);
    }
    case 'top':
      return { ...state, cursor: 0, scroll: 0 };
    case 'rewrapped':
      return clampView({ ...state, cursor: action.cursor, scroll: action.scroll }, action);
    case 'bottom':
      return goTo(state, action.lineCount - 1, action);
    case 'toggleExpand': {
      const expanded = new Set(state.expanded);
      const opening = !expanded.delete(action.entry);
      if (opening) expanded.add(action.entry);
      const next = { ...state, expanded };
      const at = action.lines;
      if (!at) return next;
      // Folded: the cursor goes back to the entry's first line (it may have been deep in its body).
      if (!opening) return clampView({ ...next, cursor: at.first }, at);
      // Unfolded: the body scrolls into sight, as much as fits with the first line still on screen.
      const from = clampView(next, at);
      return clampView({ ...from, scroll: Math.max(from.scroll, Math.min(at.first, at.last - Math.max(1, at.page) + 1)) }, at);
    }
    case 'toggleFull': {
      const full = new Set(state.full);
      if (!full.delete(action.entry)) full.add(action.entry);
      return { ...state, full };
    }
    case 'toggleFromCheckpoint':
      // The lines change completely: start again at the top (the banner says which mode); the hits change too.
      return { ...state, fromCheckpoint: !state.fromCheckpoint, cursor: 0, scroll: 0, search: { ...state.search, current: -1 } };
    case 'toggleSecrets':
      // Masked text is searched as drawn: the hits change.
      return { ...state, revealSecrets: !state.revealSecrets, search: { ...state.search, current: -1 } };
    case 'toggleResumeFrom':
      return { ...state, resumeFrom: state.resumeFrom === 'checkpoint' ? 'start' : 'checkpoint' };
    case 'searchOpen':
      // The last query opens selected, as the rename box's old name does: a new query is typed over it, not after it.
      return { ...state, search: withLine({ ...state.search, editing: true }, lineSelected(state.search.query)) };
    case 'searchEdit':
      return { ...state, search: withLine(state.search, lineAtEnd(action.draft)) };
    case 'searchKey': {
      const line = lineOf(state.search);
      const next = applyEdit(line, action.edit);
      return next === line ? state : { ...state, search: withLine(state.search, next) };
    }
    case 'searchCancel':
      return { ...state, search: withLine({ ...state.search, editing: false }, lineAtEnd(state.search.query)) };
    case 'searchConfirm': {
      const query = state.search.draft.trim();
      return { ...state, search: withLine({ ...state.search, editing: false, query, current: -1 }, lineAtEnd(query)) };
    }
    case 'searchClear':
      return { ...state, search: { editing: false, draft: '', cursor: 0, query: '', current: -1 } };
    case 'showMatch': {
      const r = action.reveal;
      const expanded = r?.open && !state.expanded.has(r.entry) ? new Set(state.expanded).add(r.entry) : state.expanded;
      const full = r?.whole && !state.full.has(r.entry) ? new Set(state.full).add(r.entry) : state.full;
      const next = { ...state, expanded, full, search: { ...state.search, current: action.index } };
      const from = clampView(state, action);
      // A hit off the screen comes a third of the way down, with what leads to it above (less's n leaves it on the edge).
      if (action.line >= from.scroll && action.line < from.scroll + action.page) return goTo(next, action.line, action);
      return clampView({ ...next, cursor: action.line, scroll: action.line - Math.floor(Math.max(1, action.page) / 3) }, action);
    }
    default:
      return action satisfies never;
  }
}
