/**
 * The browser's keyboard: one always-subscribed handler that resolves each
 * key through the key table for the current mode, reading and updating the
 * store synchronously (see use-browser-store.ts for why). One owner per key:
 * in 'search' mode the table gives letters to the query, not to the list;
 * in the session view the session screen owns everything but Ctrl+C.
 */
import { useCallback, useLayoutEffect, useRef } from 'react';
import { useInput, type Key } from 'ink';
import type { SessionSummary } from '../../store/types.js';
import type { BrowserState } from '../browser-reducer.js';
import { isTextRun, keyOfChar, NO_KEY, resolveKey, type KeyCommand, type KeyMode } from '../keys.js';
import { resolveIndex } from '../../components/list-layout.js';
import type { ListModel } from '../list-model.js';
import type { BrowserExit, BrowserSource } from '../source.js';
import type { BrowserStore } from './use-browser-store.js';
import { errorMessage } from './use-sessions-loader.js';
import { truncate } from '../../format/width.js';

/** What commands need besides the key. */
export interface BrowserInputDeps {
  store: BrowserStore;
  /** The list the screen shows for a state (memoized, shared with rendering). */
  listOf: (state: BrowserState) => ListModel;
  source: BrowserSource;
  onExit: (exit: BrowserExit) => void;
}

/** The session the session screen or the delete dialog is about. */
export function targetOf(state: BrowserState): SessionSummary | null {
  return state.target === null ? null : (state.sessions.find((s) => s.id === state.target) ?? null);
}

/** Which key-table mode owns the keyboard; null when the session screen does. */
export function inputMode(state: BrowserState): KeyMode | null {
  switch (state.view) {
    case 'list':
      return state.searchFocused ? 'search' : 'list';
    case 'cost':
      return 'cost';
    case 'help':
      return 'help';
    case 'confirm-delete':
      return 'confirm';
    case 'confirm-resume':
      return 'confirm-resume';
    case 'session':
      // A session that vanished (reloaded away) leaves the list on screen.
      return targetOf(state) ? null : 'list';
    default:
      return state.view satisfies never;
  }
}

/** Carry out one command against the latest state: a reducer action, or a side effect ending in a flash. */
export function runCommand(cmd: KeyCommand, input: string, deps: BrowserInputDeps): void {
  const { store, source } = deps;
  const dispatch = store.dispatch;
  const state = store.get();
  const { layout, items } = deps.listOf(state);
  const index = resolveIndex(layout, state.selectedId, state.selectedIndex);
  const selected = items[index]?.summary ?? null;
  const flash = (message: string) => dispatch({ type: 'flash', message });
  switch (cmd) {
    case 'up':
    case 'down':
      return dispatch({ type: 'move', delta: cmd === 'up' ? -1 : 1, layout });
    case 'page-up':
    case 'page-down':
      return dispatch({ type: 'page', direction: cmd === 'page-up' ? -1 : 1, layout });
    case 'top':
    case 'bottom':
      return dispatch({ type: 'jump', to: cmd, layout });
    case 'type':
      return dispatch({ type: 'type', text: input });
    case 'erase':
      return dispatch({ type: 'backspace' });
    case 'clear-query':
      return dispatch({ type: 'set-query', query: '' });
    case 'resume':
      if (selected) resumeOrAsk(selected, deps);
      return;
    case 'open':
      if (!selected) return;
      try {
        source.resumePlan(selected); // the session screen needs a plan: fail here, visibly
        dispatch({ type: 'open-session', id: selected.id });
      } catch (err) {
        flash(`Cannot open ${selected.id}: ${errorMessage(err)}`);
      }
      return;
    case 'search':
      return dispatch({ type: 'focus-search' });
    case 'escape':
      // Esc with nothing to leave or clear cancels the picker, as in fzf.
      if (state.view === 'list' && !state.searchFocused && state.query === '') return deps.onExit({ kind: 'quit' });
      return dispatch({ type: 'escape' });
    case 'cost':
      return dispatch({ type: 'toggle-cost' });
    case 'cost-window':
      return dispatch({ type: 'cycle-cost-window' });
    case 'scope':
      return dispatch({ type: 'toggle-scope' });
    case 'refresh':
      return dispatch({ type: 'refresh' });
    case 'help':
      return dispatch({ type: 'toggle-help' });
    case 'close':
    case 'cancel':
      return dispatch({ type: 'close' });
    case 'export':
      if (selected)
        source.exportMarkdown(selected).then(
          (path) => flash(`Exported to ${path}`),
          (err: unknown) => flash(`Export failed: ${errorMessage(err)}`),
        );
      return;
    case 'copy':
      if (selected)
        source.copyId(selected.id).then(
          (how) => flash(how === 'clipboard' ? `Copied ${selected.id}` : `Id: ${selected.id}`),
          (err: unknown) => flash(`Copy failed: ${errorMessage(err)}; id: ${selected.id}`),
        );
      return;
    case 'delete':
      if (selected) dispatch({ type: 'ask-delete', id: selected.id, index, note: activityOf(selected, source)?.reason ?? null });
      return;
    case 'confirm': {
      const t = targetOf(state);
      dispatch({ type: 'close' }); // closed first, so a second 'y' cannot act twice
      if (!t) return;
      if (state.view === 'confirm-resume') return deps.onExit({ kind: 'resume', session: t });
      // The dialog warned that it is active: this 'y' is the --force.
      source.deleteSession(t, { force: state.confirmNote !== null }).then(
        (moved) => {
          // The command first: on a narrow terminal the path is what gets cut. A long
          // command is cut too, so say first that it is printed whole at exit.
          const restore = moved ? `restore with: ${moved.restore}; moved to ${moved.to}` : `restore with: ${source.restoreHint(t)}`;
          dispatch({ type: 'deleted', id: t.id, message: `Deleted ${truncate(t.title || t.id, 32)}; restore command printed at exit (${restore})` });
        },
        (err: unknown) => flash(`Delete failed: ${errorMessage(err)}`),
      );
      return;
    }
    case 'quit':
      return deps.onExit({ kind: 'quit' });
    case 'back':
    case 'switch-tab':
    case 'find':
    case 'next-match':
    case 'prev-match':
    case 'show-all':
    case 'reveal-secrets':
      return; // the session screen's keys
    default:
      return cmd satisfies never;
  }
}

/** Whether a session is still being written (the source's rule), or null; a failing check counts as idle, the action re-checks. */
function activityOf(s: SessionSummary, source: BrowserSource): { reason: string; running: boolean } | null {
  try {
    return source.activity?.(s) ?? null;
  } catch {
    return null;
  }
}

/** Enter: resume at once, or ask first when the session is running (the ● badge). */
export function resumeOrAsk(s: SessionSummary, deps: Pick<BrowserInputDeps, 'store' | 'source' | 'onExit'>): void {
  // A resume that would be refused is said here, in the browser, which stays open (leaving it to fail was an exit 1).
  const refusal = resumeRefusal(s, deps.source);
  if (refusal) return deps.store.dispatch({ type: 'flash', message: refusal });
  const activity = activityOf(s, deps.source);
  if (activity?.running) deps.store.dispatch({ type: 'ask-resume', id: s.id, note: activity.reason });
  else deps.onExit({ kind: 'resume', session: s });
}

/** Why Enter cannot resume `s` (a command would run, but in no folder), or null when it can. */
function resumeRefusal(s: SessionSummary, source: BrowserInputDeps['source']): string | null {
  let plan;
  try {
    plan = source.resumePlan(s);
  } catch (err) {
    return `Cannot resume ${s.id}: ${errorMessage(err)}`;
  }
  if (plan.argv === null || plan.cwd !== null) return null;
  const why = plan.workspaceProblem ? `its folder ${plan.workspace ?? ''} ${plan.workspaceProblem}` : 'it recorded no folder to run in';
  return `Cannot resume ${s.id} here: ${why}. y copies its id.`;
}

/** One key press in the mode the latest state is in. */
function handleKey(d: BrowserInputDeps, input: string, key: Key): void {
  const mode = inputMode(d.store.get());
  if (mode === null) {
    // The session screen owns its keys, but Ctrl+C must still quit.
    if (resolveKey('global', input, key) === 'quit') d.onExit({ kind: 'quit' });
    return;
  }
  const cmd = resolveKey(mode, input, key);
  if (cmd) runCommand(cmd, input, d);
}

/** Runs up to this long are keys typed faster than one read, not a paste. */
const TYPED_RUN_MAX = 8;

/**
 * A run of characters in one input ("jjo", "/zanzibar", a paste) acts key
 * by key, re-reading the mode after each: once the search box has the
 * keyboard the rest is typed into the query. A line break inside a run is
 * never Enter, so a pasted newline cannot spawn a resume command; only a
 * short run that ends in Enter ("j" then Enter within one read, as tmux
 * send-keys or a quick typist delivers them) ends with a real Enter.
 */
function handleRun(d: BrowserInputDeps, input: string): void {
  const chars = Array.from(input);
  const last = chars[chars.length - 1];
  if (chars.length <= TYPED_RUN_MAX && last === '\r' && !chars.slice(0, -1).some((c) => c === '\r' || c === '\n')) {
    handleRun(d, chars.slice(0, -1).join(''));
    return handleKey(d, '', { ...NO_KEY, return: true });
  }
  for (let i = 0; i < chars.length; i++) {
    if (inputMode(d.store.get()) === 'search') return d.store.dispatch({ type: 'type', text: chars.slice(i).join('') });
    const c = chars[i] ?? '';
    if (c === '\r' || c === '\n') continue;
    const k = keyOfChar(c);
    handleKey(d, k.input, k.key);
  }
}

/** Route every key press through the key table of the mode the latest state is in. */
export function useBrowserInput(deps: BrowserInputDeps): void {
  // Deps change only with props or the terminal size; the latest are read at key time.
  const latest = useRef(deps);
  useLayoutEffect(() => {
    latest.current = deps;
  });
  const onKey = useCallback((input: string, key: Key) => {
    if (isTextRun(input, key)) handleRun(latest.current, input);
    else handleKey(latest.current, input, key);
  }, []);
  useInput(onKey);
}
