/**
 * Key bindings as data, for every mode: the one keypress owner
 * (hooks/use-browser-input.ts) resolves keys through this table, and the help
 * bars and the `?` overlay are generated from it, so what the screen
 * promises and what the keys do cannot drift apart.
 */
import type { Key } from 'ink';
import type { EditCommand } from '../components/line-editor.js';
import type { SessionCommand } from '../components/session-view-reducer.js';
import { BADGES } from '../format/badges.js';

/**
 * Who owns the keyboard. 'list' and 'search' are the list's two modes (the
 * search box owns letters in 'search'); 'session' is an opened session and
 * 'find' its transcript search box; 'global' applies in every mode whose
 * own bindings did not take the key.
 */
export type KeyMode = 'list' | 'search' | 'session' | 'find' | 'rename' | 'cost' | 'help' | 'confirm' | 'confirm-resume' | 'global';

/** The modes where letters are text: a paste's line breaks are typed there (as spaces), ignored elsewhere. */
export const TEXT_MODES: ReadonlySet<KeyMode> = new Set(['search', 'find', 'rename']);

/**
 * The boxes whose Enter only ends the box (saves a name, runs the transcript
 * search), never spawns: there a burst's closing line break is Enter
 * whatever the burst's length ("a long name" + Enter in one write). In the
 * list's search box Enter resumes, so a long burst's line break stays a space.
 */
export const CLOSING_ENTER_MODES: ReadonlySet<KeyMode> = new Set(['rename', 'find']);

/** What a key asks for; the keypress owner maps commands to reducer actions or side effects. */
export type KeyCommand =
  | 'up' | 'down' | 'page-up' | 'page-down' | 'top' | 'bottom'
  | 'resume' | 'open' | 'search' | 'escape' | 'cost' | 'scope'
  | 'export' | 'copy' | 'delete' | 'help' | 'quit' | 'refresh'
  | 'cost-window' | 'close' | 'confirm' | 'cancel' | 'back'
  | 'rename' | 'pin' | 'sort' | 'rename-save' | 'rename-cancel' | 'undo'
  | EditCommand
  | SessionCommand;

/** One binding. */
export interface KeyBinding {
  /** How the keys are shown ("↓ j"). */
  keys: string;
  description: string;
  mode: KeyMode;
  /** True when this key press triggers the binding. */
  match: (input: string, key: Key) => boolean;
  action: KeyCommand;
  /**
   * The command applies only sometimes (→ moves the cursor only inside the
   * query; Esc clears a transcript search only when there is one): when it
   * does not, the key goes on to the next binding that matches.
   */
  fallthrough?: boolean;
  /** Position in the one-line help bar (lower = more important); absent = overlay only. */
  rank?: number;
  /** Compact form for the help bar, e.g. one "↑↓ move" for both arrows. */
  short?: { keys: string; label: string };
  /**
   * A global key that is no character (Ctrl+G): it acts inside the text
   * boxes too, and their help bars show it; the other bars show the
   * printable key of the same command (`?`) instead.
   */
  inBoxes?: boolean;
  /**
   * In the help bar only while a search filter is set: the list's Esc
   * clears the filter, and with none it quits, which `q` already says. The
   * search box's own Esc (leave the box) is shown whatever its text: an
   * empty box is no less a box to leave.
   */
  barWithFilter?: boolean;
  /**
   * Never acts on pasted text (KeyPress.inRun: a character of a paste, or
   * a BEL ending a terminal sequence), where the character is dropped
   * instead; a key typed alone or in a quick run acts. For Ctrl+G: a
   * paste's BEL (the end of an OSC sequence, `ESC ] 0;title BEL`) opened
   * the help, and the next pasted letter, "any key", closed it, lost.
   */
  alone?: boolean;
}

/** A plain character with no Ctrl/Meta (Ink sets meta for a lone Esc). */
const char = (c: string) => (input: string, key: Key) => input === c && !key.ctrl && !key.meta;
const ctrl = (c: string) => (input: string, key: Key) => key.ctrl && input === c;
/** Text to type: no Ctrl/Meta, no control characters (Enter, Tab, Backspace arrive as keys). */
// eslint-disable-next-line no-control-regex
const printable = (input: string, key: Key) => input !== '' && !key.ctrl && !key.meta && !/[\u0000-\u001f\u007f]/.test(input);

/** The line editing keys, the same in every text box ('search' and 'find'). */
function editing(mode: KeyMode): KeyBinding[] {
  return [
    { keys: 'Backspace', description: 'delete the character before the cursor', mode, action: 'erase',
      match: (_, k) => k.backspace || k.delete || ctrl('h')(_, k) },
    { keys: 'Ctrl+U', description: 'delete to the start of the line', mode, action: 'kill-before', match: ctrl('u') },
    { keys: 'Ctrl+K', description: 'delete to the end of the line', mode, action: 'kill-after', match: ctrl('k') },
    { keys: 'Ctrl+W', description: 'delete the word before the cursor', mode, action: 'kill-word', match: ctrl('w') },
    { keys: 'Ctrl+A Home', description: 'cursor to the start', mode, action: 'line-start', match: (i, k) => k.home || ctrl('a')(i, k) },
    { keys: 'Ctrl+E End', description: 'cursor to the end', mode, action: 'line-end', match: (i, k) => k.end || ctrl('e')(i, k) },
    { keys: '← Ctrl+B', description: 'cursor left', mode, action: 'cursor-left', match: (i, k) => k.leftArrow || ctrl('b')(i, k) },
    { keys: '→ Ctrl+F', description: mode === 'search' ? 'cursor right (at the end: open the selection)' : 'cursor right', mode,
      action: 'cursor-right', fallthrough: mode === 'search', match: (i, k) => k.rightArrow || ctrl('f')(i, k) },
  ];
}

/** j/k, arrows, pages, ends: moving through whatever the mode shows. */
function scrolling(mode: KeyMode, what: string, rank?: number): KeyBinding[] {
  return [
    { keys: '↓ j', description: `down ${what}`, mode, action: 'down', rank, short: rank === undefined ? undefined : { keys: '↑↓', label: 'scroll' },
      match: (i, k) => k.downArrow || char('j')(i, k) },
    { keys: '↑ k', description: `up ${what}`, mode, action: 'up', match: (i, k) => k.upArrow || char('k')(i, k) },
    { keys: 'PgDn', description: 'page down', mode, action: 'page-down', match: (_, k) => k.pageDown },
    { keys: 'PgUp', description: 'page up', mode, action: 'page-up', match: (_, k) => k.pageUp },
    { keys: 'g Home', description: 'to the top', mode, action: 'top', match: (i, k) => k.home || char('g')(i, k) },
    { keys: 'G End', description: 'to the bottom', mode, action: 'bottom', match: (i, k) => k.end || char('G')(i, k) },
  ];
}

export const KEY_BINDINGS: readonly KeyBinding[] = [
  // The list.
  { keys: '↓ j', description: 'next session', mode: 'list', action: 'down', rank: 4,
    short: { keys: '↑↓', label: 'move' }, match: (i, k) => k.downArrow || char('j')(i, k) },
  { keys: '↑ k', description: 'previous session', mode: 'list', action: 'up', match: (i, k) => k.upArrow || char('k')(i, k) },
  { keys: 'PgDn', description: 'page down', mode: 'list', action: 'page-down', match: (_, k) => k.pageDown },
  { keys: 'PgUp', description: 'page up', mode: 'list', action: 'page-up', match: (_, k) => k.pageUp },
  { keys: 'g Home', description: 'first session', mode: 'list', action: 'top', match: (i, k) => k.home || char('g')(i, k) },
  { keys: 'G End', description: 'last session', mode: 'list', action: 'bottom', match: (i, k) => k.end || char('G')(i, k) },
  { keys: 'Enter', description: 'resume the session', mode: 'list', action: 'resume', rank: 1,
    short: { keys: 'enter', label: 'resume' }, match: (_, k) => k.return },
  { keys: '→ Tab o', description: 'open: replay, usage, resume preview', mode: 'list', action: 'open', rank: 2,
    short: { keys: '→', label: 'open' }, match: (i, k) => k.rightArrow || (k.tab && !k.shift) || char('o')(i, k) },
  { keys: '/', description: 'search titles, prompts and messages', mode: 'list', action: 'search', rank: 3,
    short: { keys: '/', label: 'search' }, match: char('/') },
  { keys: 'Esc', description: 'clear the search filter; with none, quit (as fzf)', mode: 'list', action: 'escape', rank: 3.6,
    short: { keys: 'esc', label: 'clear filter' }, barWithFilter: true, match: (_, k) => k.escape },
  { keys: 'a', description: 'this project / all projects', mode: 'list', action: 'scope', rank: 5,
    short: { keys: 'a', label: 'scope' }, match: char('a') },
  { keys: 'c', description: 'cost view', mode: 'list', action: 'cost', rank: 6, short: { keys: 'c', label: 'cost' }, match: char('c') },
  { keys: 'e', description: 'export markdown', mode: 'list', action: 'export', rank: 9, short: { keys: 'e', label: 'export' }, match: char('e') },
  { keys: 'y', description: 'copy the session id (clipboard tool and OSC 52)', mode: 'list', action: 'copy', rank: 10,
    short: { keys: 'y', label: 'copy id' }, match: char('y') },
  { keys: 'd', description: 'delete (asks first; restorable)', mode: 'list', action: 'delete', rank: 11,
    short: { keys: 'd', label: 'delete' }, match: char('d') },
  { keys: 'u', description: 'undo the last delete (brings it back from the trash)', mode: 'list', action: 'undo', match: char('u') },
  { keys: 'r', description: 'refresh now (the list also follows changes on disk)', mode: 'list', action: 'refresh', match: char('r') },
  { keys: 'R', description: 'rename the session (kept by us; the log is untouched)', mode: 'list', action: 'rename', rank: 12,
    short: { keys: 'R', label: 'rename' }, match: char('R') },
  { keys: 'p', description: 'pin / unpin: pinned sessions lead their project', mode: 'list', action: 'pin', rank: 13,
    short: { keys: 'p', label: 'pin' }, match: char('p') },
  { keys: 's', description: 'sort: relevance / last activity / cost / messages', mode: 'list', action: 'sort', rank: 14,
    short: { keys: 's', label: 'sort' }, match: char('s') },

  // The search box: letters edit the query; ↑↓, Enter, → and Esc still act on the list.
  { keys: 'Enter', description: 'resume the selected match', mode: 'search', action: 'resume', rank: 2,
    short: { keys: 'enter', label: 'resume' }, match: (_, k) => k.return },
  ...editing('search'),
  { keys: '→ Tab', description: 'open the selected match (→ once the cursor is at the end)', mode: 'search', action: 'open', rank: 2.5,
    short: { keys: '→', label: 'open' }, match: (_, k) => k.rightArrow || (k.tab && !k.shift) },
  { keys: '↓', description: 'next match', mode: 'search', action: 'down', rank: 3,
    short: { keys: '↑↓', label: 'move' }, match: (_, k) => k.downArrow },
  { keys: '↑', description: 'previous match', mode: 'search', action: 'up', match: (_, k) => k.upArrow },
  { keys: 'PgDn', description: 'page down', mode: 'search', action: 'page-down', match: (_, k) => k.pageDown },
  { keys: 'PgUp', description: 'page up', mode: 'search', action: 'page-up', match: (_, k) => k.pageUp },
  { keys: 'Esc', description: 'leave the box (keeps the filter)', mode: 'search', action: 'escape', rank: 4,
    short: { keys: 'esc', label: 'done' }, match: (_, k) => k.escape },
  // Last, so that the keys above win: anything printable is typed into the query.
  { keys: 'letters', description: 'type to filter', mode: 'search', action: 'type', rank: 1,
    short: { keys: 'type', label: 'filter' }, match: printable },

  // An opened session.
  { keys: 'Enter', description: 'resume', mode: 'session', action: 'resume', rank: 1,
    short: { keys: 'enter', label: 'resume' }, match: (_, k) => k.return },
  { keys: 'Esc', description: 'clear the transcript search', mode: 'session', action: 'clear-find', fallthrough: true,
    match: (_, k) => k.escape },
  { keys: '← Esc', description: 'back to the list', mode: 'session', action: 'back', rank: 2,
    short: { keys: '←', label: 'back' }, match: (_, k) => k.leftArrow || k.escape },
  { keys: 'Tab 1-3', description: 'replay / usage / resume tabs', mode: 'session', action: 'next-tab', rank: 3,
    short: { keys: 'tab', label: 'tabs' }, match: (_, k) => k.tab && !k.shift },
  { keys: 'Shift+Tab', description: 'previous tab', mode: 'session', action: 'prev-tab', match: (_, k) => k.tab && k.shift },
  { keys: '1', description: 'Replay tab', mode: 'session', action: 'tab-replay', match: char('1') },
  { keys: '2', description: 'Usage tab', mode: 'session', action: 'tab-usage', match: char('2') },
  { keys: '3', description: 'Resume tab', mode: 'session', action: 'tab-resume', match: char('3') },
  { keys: '↑ ↓', description: 'Resume tab: from the last checkpoint / the whole conversation ({context} follows)', mode: 'session',
    action: 'resume-from', fallthrough: true, rank: 3.5, short: { keys: '↑↓', label: 'choose' }, match: (_, k) => k.upArrow || k.downArrow },
  ...scrolling('session', 'a line', 4),
  { keys: 'Ctrl+D', description: 'half a page down', mode: 'session', action: 'half-page-down', match: ctrl('d') },
  { keys: 'Ctrl+U', description: 'half a page up', mode: 'session', action: 'half-page-up', match: ctrl('u') },
  { keys: '/', description: 'search the transcript', mode: 'session', action: 'find', rank: 5,
    short: { keys: '/', label: 'search' }, match: char('/') },
  { keys: 'n', description: 'next match', mode: 'session', action: 'next-match', rank: 7,
    short: { keys: 'n/N', label: 'matches' }, match: char('n') },
  { keys: 'N', description: 'previous match', mode: 'session', action: 'prev-match', match: char('N') },
  { keys: 'Space', description: 'fold / unfold the entry under the cursor', mode: 'session', action: 'fold', rank: 6,
    short: { keys: 'space', label: 'fold' }, match: char(' ') },
  { keys: 'f', description: 'replay from the last checkpoint / whole', mode: 'session', action: 'from-checkpoint', rank: 8,
    short: { keys: 'f', label: 'from checkpoint' }, match: char('f') },
  { keys: 'v', description: 'show all of a huge entry (cut at 1,000 lines / 128 KB)', mode: 'session', action: 'show-all', match: char('v') },
  { keys: 's', description: 'show / hide secrets (keys and tokens are masked)', mode: 'session', action: 'reveal-secrets', match: char('s') },
  { keys: 'r', description: 'read the session again (the tab line says when it changed on disk)', mode: 'session', action: 'reload', match: char('r') },

  // The transcript search box (after / in a session).
  { keys: 'Enter', description: 'search and jump to the first match', mode: 'find', action: 'find-confirm', rank: 2,
    short: { keys: 'enter', label: 'find' }, match: (_, k) => k.return },
  { keys: 'Esc', description: 'close the box', mode: 'find', action: 'find-cancel', rank: 3,
    short: { keys: 'esc', label: 'cancel' }, match: (_, k) => k.escape },
  ...editing('find'),
  { keys: 'letters', description: 'type the words to find (replaces the last query, shown inverted, until a cursor key or Backspace)', mode: 'find', action: 'type', rank: 1,
    short: { keys: 'type', label: 'words' }, match: printable },

  // The rename box (after R).
  { keys: 'Enter', description: 'save the name (empty: back to the agent\'s title)', mode: 'rename', action: 'rename-save', rank: 2,
    short: { keys: 'enter', label: 'save' }, match: (_, k) => k.return },
  { keys: 'Esc', description: 'keep the old name', mode: 'rename', action: 'rename-cancel', rank: 3,
    short: { keys: 'esc', label: 'cancel' }, match: (_, k) => k.escape },
  ...editing('rename'),
  { keys: 'letters', description: 'type the name (replaces the old one, shown inverted, until a cursor key or Backspace)', mode: 'rename', action: 'type', rank: 1,
    short: { keys: 'type', label: 'name' }, match: printable },

  // The cost view.
  { keys: 'w', description: 'window: today / 7d / 30d / all', mode: 'cost', action: 'cost-window', rank: 1,
    short: { keys: 'w', label: 'window' }, match: char('w') },
  { keys: 'a', description: 'this project / all projects', mode: 'cost', action: 'scope', match: char('a') },
  ...scrolling('cost', 'a line', 2),
  { keys: 'c Esc', description: 'back to the list', mode: 'cost', action: 'close', rank: 3,
    short: { keys: 'c/esc', label: 'close' }, match: (i, k) => k.escape || char('c')(i, k) },

  // The help overlay.
  ...scrolling('help', 'a line', 1),
  { keys: 'q', description: 'quit', mode: 'help', action: 'quit', match: char('q') },
  { keys: 'any key', description: 'close help', mode: 'help', action: 'close', rank: 2,
    short: { keys: 'any key', label: 'close' }, match: () => true },

  // The delete dialog.
  { keys: 'y Enter', description: 'delete', mode: 'confirm', action: 'confirm', rank: 1,
    short: { keys: 'y/enter', label: 'delete' }, match: (i, k) => k.return || char('y')(i, k) },
  { keys: 'n Esc', description: 'keep it', mode: 'confirm', action: 'cancel', rank: 2,
    short: { keys: 'n/esc', label: 'cancel' }, match: (i, k) => k.escape || char('n')(i, k) },
  // Asked before resuming a session that is still active.
  { keys: 'y Enter', description: 'resume anyway', mode: 'confirm-resume', action: 'confirm', rank: 1,
    short: { keys: 'y/enter', label: 'resume anyway' }, match: (i, k) => k.return || char('y')(i, k) },
  { keys: 'n Esc', description: 'do not resume', mode: 'confirm-resume', action: 'cancel', rank: 2,
    short: { keys: 'n/esc', label: 'cancel' }, match: (i, k) => k.escape || char('n')(i, k) },

  // Anywhere. In a text box every printable key is text, as in fzf's and lazygit's boxes: `?` and `q`
  // are typed there (a search for "why?"), never a command. Help stays one key away in a box: Ctrl+G,
  // nano's help key, which no box types or edits with. (F1 cannot be told apart: Ink reports every
  // function key as the same empty input.)
  { keys: '?', description: 'help: every key and badge (in a text box ? is typed: Ctrl+G there)', mode: 'global', action: 'help', rank: 3.2,
    short: { keys: '?', label: 'help' }, match: char('?') },
  { keys: 'Ctrl+G', description: 'help from anywhere, text boxes included (what is typed stays)', mode: 'global', action: 'help', rank: 3.3,
    short: { keys: '^G', label: 'help' }, inBoxes: true, alone: true, match: ctrl('g') },
  { keys: 'q', description: 'quit', mode: 'global', action: 'quit', rank: 3.4, short: { keys: 'q', label: 'quit' }, match: char('q') },
  { keys: 'Ctrl+C', description: 'quit', mode: 'global', action: 'quit', match: ctrl('c') },
];

export { NO_KEY, isTextRun, keyOfChar, splitKeys, type KeyPress } from '../components/keypress.js';

/**
 * Every command a key press may mean in `mode`, in the order to try them:
 * the mode's own, then global ones. `inRun`: the key is a character of a
 * burst, which the `alone` bindings ignore.
 */
export function resolveKeys(mode: KeyMode, input: string, key: Key, inRun = false): KeyCommand[] {
  const out: KeyCommand[] = [];
  const fires = (b: KeyBinding): boolean => !(inRun && b.alone) && b.match(input, key);
  for (const b of KEY_BINDINGS) if (b.mode === mode && fires(b)) out.push(b.action);
  for (const b of KEY_BINDINGS) if (b.mode === 'global' && fires(b)) out.push(b.action);
  return out;
}

/** The command a key press means in `mode` first (the mode's own bindings win over global ones). */
export function resolveKey(mode: KeyMode, input: string, key: Key): KeyCommand | null {
  return resolveKeys(mode, input, key)[0] ?? null;
}

/** Bindings of one mode in table order. */
export function bindingsFor(mode: KeyMode): KeyBinding[] {
  return KEY_BINDINGS.filter((b) => b.mode === mode);
}

/**
 * Help bar entries of `mode`, most important first, minus the `omit`ted
 * commands: the mode's own, then the global `?`/`q` outside text boxes,
 * or the global keys that act inside them (Ctrl+G) in a box. `filtered`
 * (a search filter is set) shows the keys that only act on one
 * (KeyBinding.barWithFilter).
 */
export function helpBarEntries(mode: KeyMode, omit: readonly KeyCommand[] = [], filtered = false): { keys: string; label: string }[] {
  const globals = bindingsFor('global');
  const global = mode === 'help' ? [] : TEXT_MODES.has(mode) ? globals.filter((b) => b.inBoxes) : globals.filter((b) => !b.inBoxes);
  return [...bindingsFor(mode), ...global]
    .filter((b) => b.rank !== undefined && b.short && !omit.includes(b.action) && (filtered || !b.barWithFilter))
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
    .map((b) => b.short!);
}

/** The `?` overlay's sections: every mode's bindings, list and global keys first. Static, like the table. */
export const HELP_SECTIONS: readonly { mode: KeyMode; title: string; bindings: readonly KeyBinding[] }[] = (
  [
    { mode: 'list', title: 'List' },
    { mode: 'global', title: 'Anywhere' },
    { mode: 'search', title: 'Search box (after /)' },
    { mode: 'session', title: 'Opened session' },
    { mode: 'find', title: 'Transcript search (after / in a session)' },
    { mode: 'rename', title: 'Rename box (after R)' },
    { mode: 'cost', title: 'Cost view' },
    { mode: 'help', title: 'This help' },
    { mode: 'confirm', title: 'Delete dialog' },
    { mode: 'confirm-resume', title: 'Resume dialog' },
  ] as const
).map((s) => ({ mode: s.mode, title: s.title, bindings: bindingsFor(s.mode) }));

/**
 * The overlay's sections as opened over `here` (the mode under the `?`):
 * that mode's keys first, marked, then the keys of anywhere and of every
 * other mode in the usual order, so `?` in a session starts with the
 * session's keys rather than the list's.
 */
export function helpSectionsFor(here: KeyMode): readonly { title: string; bindings: readonly KeyBinding[] }[] {
  const first = HELP_SECTIONS.find((s) => s.mode === here);
  if (!first || here === 'list') return HELP_SECTIONS;
  return [{ ...first, title: `${first.title} · here` }, ...HELP_SECTIONS.filter((s) => s !== first)];
}

/** The overlay's legend of the list's badges, after the keys. */
export const BADGE_SECTION = {
  title: 'Badges in the list',
  bindings: BADGES.map((b) => ({ keys: b.glyph, description: b.meaning })),
} as const;
