/**
 * The browser's keyboard: the one keypress owner. One always-subscribed
 * handler takes each input apart into key presses (components/keypress.ts)
 * and resolves each through the key table of the current mode, reading and
 * updating the store synchronously (see use-browser-store.ts for why). A
 * command's handler returns whether it applied, so a key goes on to the
 * next binding and then the global ones. One owner per key: in 'search'
 * mode the table gives letters to the query, not to the list; in an opened
 * session the commands go to the session screen's handle.
 *
 * Why the menus (the Resume tab's resume-from choice, the sort order) are
 * not ink-select-input (named by the project's card, issue 10 item 7): it
 * subscribes its own useInput, so it and this owner both act on ↑/↓/j/k,
 * digits and Enter. Wired into the Resume tab it lost keys of a burst: ↓↓
 * in one write moved once (its handler reads the index of the last render;
 * burst-input.test.tsx, "the resume choice applies ↓↓ inside one write"),
 * and "jj" in one write did nothing (it matches input === 'j'). Its digit
 * keys select an item, so '2' for the Usage tab would also fire its
 * onSelect (resume). The sort stays the `s` cycle of item 6.
 */
import { useCallback, useLayoutEffect, useRef } from 'react';
import { useInput, useStdin, type Key } from 'ink';
import type { SessionSummary } from '../../store/types.js';
import type { BrowserAction, BrowserState } from '../browser-reducer.js';
import { CLOSING_ENTER_MODES, keyOfChar, resolveKeys, splitKeys, TEXT_MODES, type KeyCommand, type KeyMode, type KeyPress } from '../keys.js';
import { cursorAtEnd, editOf } from '../../components/line-editor.js';
import { dropUnnamedKeys, keyReachedHandler } from '../../components/keypress.js';
import type { SessionScreenHandle } from '../../components/SessionScreen.js';
import { resolveIndex } from '../../components/list-layout.js';
import type { ListModel } from '../list-model.js';
import { sourceAgent } from '../../store/sources/registry.js';
import { basename, dirname } from 'node:path';
import type { BrowserExit, BrowserSource, ResumeFrom } from '../source.js';
import { refusesToResume } from '../../store/actions/resume.js';
import { programFound } from '../../store/actions/find-program.js';
import type { BrowserStore } from './use-browser-store.js';
import { errorMessage } from './use-sessions-loader.js';
import { truncate } from '../../format/width.js';
import { copyMessage } from '../clipboard.js';
import { labeled, sortMessage } from '../list-model.js';
import { firstWindowWithSessions } from '../../components/cost-model.js';

/** How far the help overlay and the cost view can scroll, and how many of their scrolling lines show at once, as last drawn. */
export interface ScrollLimits {
  help: { max: number; page: number };
  cost: { max: number; page: number };
}

/** What commands need besides the key. */
export interface BrowserInputDeps {
  store: BrowserStore;
  /** The list the screen shows for a state (memoized, shared with rendering). */
  listOf: (state: BrowserState) => ListModel;
  source: BrowserSource;
  onExit: (exit: BrowserExit) => void;
  /** The opened session's screen, once mounted (it takes the 'session' and 'find' commands). */
  session?: { current: SessionScreenHandle | null };
  /** Scrolling bounds of the help overlay and the cost view. */
  limits?: ScrollLimits;
  /** Writes to the terminal the browser draws on (OSC 52 for `y`). */
  terminal?: (seq: string) => void;
}

/** The session the session screen or the delete dialog is about. */
export function targetOf(state: BrowserState): SessionSummary | null {
  const s = state.target === null ? undefined : state.sessions.find((x) => x.id === state.target);
  return s ? labeled(s, state.labels.get(s.id)) : null;
}

/** Which key-table mode owns the keyboard: the `?` overlay over anything, else the view's (and its box's). */
export function inputMode(state: BrowserState, session?: SessionScreenHandle | null): KeyMode {
  if (state.help) return 'help';
  if (state.rename) return 'rename';
  switch (state.view) {
    case 'list':
      return state.searchFocused ? 'search' : 'list';
    case 'cost':
      return 'cost';
    case 'confirm-delete':
      return 'confirm';
    case 'confirm-resume':
      return 'confirm-resume';
    case 'session':
      // A session that vanished (reloaded away) leaves the list on screen.
      if (!targetOf(state)) return 'list';
      return session?.searching() ? 'find' : 'session';
    default:
      return state.view satisfies never;
  }
}

/**
 * Carry out one command against the latest state: a reducer action, or a
 * side effect ending in a flash. Returns whether the command applied; when
 * not, the key goes on to the next binding that matches it.
 */
export function runCommand(mode: KeyMode, cmd: KeyCommand, input: string, deps: BrowserInputDeps): boolean {
  const { store } = deps;
  const state = store.get();
  if (mode === 'session' || mode === 'find') {
    if (deps.session?.current?.run(cmd, input)) return true;
    return cmd === 'help' || cmd === 'quit' ? browserCommand(mode, cmd, input, deps) : false;
  }
  // The box keeps its text under the overlay: help (Ctrl+G) and quit (Ctrl+C) are the browser's.
  if (mode === 'rename') return renameCommand(cmd, input, deps) || (cmd === 'help' || cmd === 'quit' ? browserCommand(mode, cmd, input, deps) : false);
  if (mode === 'search') {
    if (cmd === 'cursor-right' && cursorAtEnd({ text: state.query, cursor: state.queryCursor })) return false;
    const edit = editOf(cmd, input);
    if (edit) {
      store.dispatch({ type: 'edit', edit });
      return true;
    }
  }
  if (mode === 'help' || mode === 'cost') {
    const limits = deps.limits?.[mode] ?? { max: 0, page: 1 };
    // A page keeps one line of the last in view, as less does.
    const page = Math.max(1, limits.page - 1);
    const delta: Partial<Record<KeyCommand, number>> = {
      up: -1, down: 1, 'page-up': -page, 'page-down': page, top: -Infinity, bottom: Infinity,
    };
    const d = delta[cmd];
    if (d !== undefined) {
      store.dispatch({ type: 'scroll', what: mode, delta: d, max: limits.max });
      return true;
    }
    if (cmd === 'close') {
      store.dispatch({ type: mode === 'help' ? 'toggle-help' : 'toggle-cost' });
      return true;
    }
  }
  return browserCommand(mode, cmd, input, deps);
}

/** The rename box: edits, Enter saves through the source (a small file of ours), Esc cancels. */
function renameCommand(cmd: KeyCommand, input: string, deps: BrowserInputDeps): boolean {
  const { store, source } = deps;
  const rename = store.get().rename;
  if (!rename) return false;
  const edit = editOf(cmd, input);
  if (edit) {
    store.dispatch({ type: 'rename-edit', edit });
    return true;
  }
  if (cmd === 'rename-cancel') {
    store.dispatch({ type: 'rename-end' });
    return true;
  }
  if (cmd !== 'rename-save') return false;
  store.dispatch({ type: 'rename-end' });
  const name = rename.text.trim();
  try {
    const labels = source.setLabel?.(rename.id, { name });
    if (labels) store.dispatch({ type: 'labels', labels });
    store.dispatch({ type: 'flash', message: name ? `Renamed to “${name}” (kept in the session home; the log is untouched)` : 'Name removed: the agent\'s title is back' });
  } catch (err) {
    store.dispatch({ type: 'flash', message: `Rename failed: ${errorMessage(err)}` });
  }
  return true;
}

/** The list's commands and those of every mode (help, quit). */
function browserCommand(mode: KeyMode, cmd: KeyCommand, input: string, deps: BrowserInputDeps): boolean {
  const { store, source } = deps;
  const dispatch = (action: BrowserAction): true => {
    store.dispatch(action);
    return true;
  };
  const state = store.get();
  const { layout, items } = deps.listOf(state);
  const index = resolveIndex(layout, state.selectedId, state.selectedIndex);
  const selected = items.at(index)?.summary ?? null;
  const flash = (message: string) => dispatch({ type: 'flash', message });
  const exit = (e: BrowserExit): true => {
    deps.onExit(e);
    return true;
  };
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
    case 'resume':
      if (selected) resumeOrAsk(selected, deps);
      return true;
    case 'open':
      if (!selected) return true;
      try {
        source.resumePlan(selected); // the session screen needs a plan: fail here, visibly
        dispatch({ type: 'open-session', id: selected.id });
      } catch (err) {
        flash(`Cannot open ${selected.id}: ${errorMessage(err)}`);
      }
      return true;
    case 'search':
      return dispatch({ type: 'focus-search' });
    case 'escape':
      // Esc with nothing to leave or clear cancels the picker, as in fzf.
      if (state.view === 'list' && !state.searchFocused && state.query === '') return exit({ kind: 'quit' });
      return dispatch({ type: 'escape' });
    case 'cost': {
      // Opening: on the first window from the current one that holds a session, until the user picks one with `w`.
      const window = state.view !== 'cost' && !state.costWindowChosen ? firstWindowWithSessions(deps.listOf(state).spent, state.costWindow, source.nowMs(), source.timeZone) : undefined;
      return dispatch({ type: 'toggle-cost', window });
    }
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
          // The file's name first: on a narrow terminal the line is cut at its end, and the folder is what can go.
          (path) => flash(`Exported ${basename(path)} to ${dirname(path)}`),
          (err: unknown) => flash(`Export failed: ${errorMessage(err)}`),
        );
      return true;
    case 'copy':
      if (selected)
        source.copyId(selected.id, deps.terminal).then(
          (result) => flash(copyMessage(selected.id, result)),
          (err: unknown) => flash(`Copy failed: ${errorMessage(err)}; id: ${selected.id}`),
        );
      return true;
    case 'delete': {
      if (!selected) return true;
      // Another agent's session is never moved (trash.ts): said at once, not after a confirmation.
      const agent = sourceAgent(selected.source);
      if (agent !== null) return flash(`Not deleted: a ${agent} session; session-browser deletes only its own (${agent} keeps its file: remove it yourself)`), true;
      dispatch({ type: 'ask-delete', id: selected.id, index, note: activityOf(selected, source)?.reason ?? null });
      return true;
    }
    case 'confirm': {
      const t = targetOf(state);
      dispatch({ type: 'close' }); // closed first, so a second 'y' cannot act twice
      if (!t) return true;
      if (state.view === 'confirm-resume') return exit({ kind: 'resume', session: t, ...(state.confirmFrom ? { from: state.confirmFrom } : {}) });
      // The dialog warned that it is active: this 'y' is the --force.
      source.deleteSession(t, { force: state.confirmNote !== null }).then(
        (moved) => {
          // The command first: on a narrow terminal the path is what gets cut. A long
          // command is cut too, so say first that it is printed whole at exit.
          // One short line: u undoes it here; the restore command is printed whole at exit (a long --home would be cut here).
          const undo = source.restoreSession ? 'u undoes it' : `restore with: ${moved ? moved.restore : source.restoreHint(t)}`;
          // Within 100 columns whole (a 40-column title): the way back is what the line is for.
          dispatch({ type: 'deleted', id: t.id, session: t, message: `Deleted ${truncate(t.title || t.id, 40)} · ${undo}; restore command printed at exit` });
        },
        (err: unknown) => flash(`Delete failed: ${errorMessage(err)}`),
      );
      return true;
    }
    case 'undo': {
      const back = state.undo;
      if (!back || !source.restoreSession) return flash('Nothing to undo'), true;
      source.restoreSession(back).then(
        () => dispatch({ type: 'restored', message: `Restored ${truncate(back.title || back.id, 48)}` }),
        (err: unknown) => flash(`Undo failed: ${errorMessage(err)}`),
      );
      return true;
    }
    case 'rename':
      if (!selected) return true;
      if (!source.setLabel) return flash('Renaming needs a session home of ours: not available here'), true;
      return dispatch({ type: 'rename-start', id: selected.id, text: selected.title });
    case 'pin': {
      if (!selected) return true;
      try {
        const labels = source.setLabel?.(selected.id, { pinned: !selected.pinned });
        if (!labels) return flash('Pinning needs a session home of ours: not available here'), true;
        dispatch({ type: 'labels', labels });
        flash(`${selected.pinned ? 'Unpinned' : 'Pinned'} “${truncate(selected.title, 40)}”`);
      } catch (err) {
        flash(`Pin failed: ${errorMessage(err)}`);
      }
      return true;
    }
    case 'sort':
      dispatch({ type: 'cycle-sort' });
      return flash(sortMessage(store.get().sort));
    case 'quit':
      return exit({ kind: 'quit' });
    default:
      // Editing and session commands outside their modes, 'back' with no session: not the list's.
      void mode;
      return false;
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

/** Why Enter cannot resume `s` (its command's program is not installed, or it would run in no folder), or null when it can. */
function resumeRefusal(s: SessionSummary, source: BrowserInputDeps['source']): string | null {
  let plan;
  try {
    plan = source.resumePlan(s);
  } catch (err) {
    return `Cannot resume ${s.id}: ${errorMessage(err)}`;
  }
  if (refusesToResume(plan)) {
    const why = plan.workspaceProblem ? `its folder ${plan.workspace ?? ''} ${plan.workspaceProblem}` : 'it recorded no folder to run in';
    return `Cannot resume ${s.id} here: ${why}. y copies its id.`;
  }
  if (plan.argv && plan.argv[0] !== undefined && !programFound(plan.argv[0], plan.cwd)) {
    // Checked before the browser gives up the screen: leaving it to fail ended the browser with exit 1.
    return `Cannot resume: ${plan.argv[0]} is not installed (not on PATH); --resume-cmd sets another. y copies the id.`;
  }
  return null;
}

/** Enter: resume at once, or ask first when the session is running (the ● badge). */
export function resumeOrAsk(s: SessionSummary, deps: Pick<BrowserInputDeps, 'store' | 'source' | 'onExit'>, from?: ResumeFrom): void {
  // A resume that would be refused is said here, in the browser, which stays open (leaving it to fail was an exit 1).
  const refusal = resumeRefusal(s, deps.source);
  if (refusal) return deps.store.dispatch({ type: 'flash', message: refusal });
  const activity = activityOf(s, deps.source);
  if (activity?.running) deps.store.dispatch({ type: 'ask-resume', id: s.id, note: activity.reason, from });
  else deps.onExit({ kind: 'resume', session: s, ...(from ? { from } : {}) });
}

/**
 * One key press, in the mode the latest state is in: the commands its key
 * means there are tried in table order until one applies (then the global
 * keys). A line break inside a paste types a space in a text box and does
 * nothing elsewhere; the one closing a burst is Enter in a box where Enter
 * cannot spawn anything (CLOSING_ENTER_MODES).
 */
export function handleKeyPress(d: BrowserInputDeps, press: KeyPress): void {
  const mode = inputMode(d.store.get(), d.session?.current);
  const kp = press.closing && CLOSING_ENTER_MODES.has(mode) ? keyOfChar('\r') : press;
  if (kp.pasted && !TEXT_MODES.has(mode)) return;
  for (const cmd of resolveKeys(mode, kp.input, kp.key, kp.inRun)) if (runCommand(mode, cmd, kp.input, d)) return;
}

/**
 * The one keypress owner of the browser: every input Ink reports is taken
 * apart into key presses (a burst, one per character) and each is routed
 * through the key table of the mode the latest state is in. Keys that reach
 * an opened session before its screen has mounted ("→/auth" in one read)
 * wait for it, in order, instead of being lost.
 */
export function useBrowserInput(deps: BrowserInputDeps): { sessionMounted: () => void } {
  // Deps change only with props or the terminal size; the latest are read at key time.
  const latest = useRef(deps);
  useLayoutEffect(() => {
    latest.current = deps;
  });
  const waiting = useRef<KeyPress[]>([]);
  const route = useCallback((kp: KeyPress) => {
    const d = latest.current;
    const state = d.store.get();
    const sessionPending = state.view === 'session' && !state.help && targetOf(state) !== null && !d.session?.current;
    if (sessionPending || waiting.current.length > 0) {
      waiting.current.push(kp);
      if (!sessionPending) flush();
      return;
    }
    handleKeyPress(d, kp);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  const flush = useCallback(() => {
    while (waiting.current.length > 0) {
      const d = latest.current;
      const state = d.store.get();
      if (state.view === 'session' && !state.help && targetOf(state) !== null && !d.session?.current) return;
      handleKeyPress(d, waiting.current.shift()!);
    }
  }, []);
  const onKey = useCallback((input: string, key: Key) => {
    keyReachedHandler(); // from here on an error is ours, not a key Ink could not name
    for (const kp of splitKeys(input, key)) route(kp);
  }, [route]);
  // A key Ink cannot name (Ctrl+F1, a pasted colour code) is dropped, not a crash.
  const { internal_eventEmitter: inputEvents } = useStdin();
  useLayoutEffect(() => dropUnnamedKeys(inputEvents), [inputEvents]);
  useInput(onKey);
  return { sessionMounted: flush };
}
