/**
 * Key bindings as data. The input handlers resolve keys through this table,
 * and the help bar and the `?` overlay are generated from it, so what the
 * screen promises and what the keys do cannot drift apart.
 */
import type { Key } from 'ink';

/**
 * Who owns the keyboard. 'list' and 'search' are the two list modes (the
 * search box owns letters in 'search'); 'session' keys are handled by the
 * session screen and listed here for the overlay; 'global' applies in all.
 */
export type KeyMode = 'list' | 'search' | 'session' | 'cost' | 'help' | 'confirm' | 'confirm-resume' | 'global';

/** What a key asks for; the App maps commands to reducer actions or side effects. */
export type KeyCommand =
  | 'up' | 'down' | 'page-up' | 'page-down' | 'top' | 'bottom'
  | 'resume' | 'open' | 'search' | 'type' | 'erase' | 'clear-query' | 'escape' | 'cost' | 'scope'
  | 'export' | 'copy' | 'delete' | 'help' | 'quit' | 'refresh'
  | 'cost-window' | 'close' | 'confirm' | 'cancel'
  | 'back' | 'switch-tab' | 'find' | 'next-match' | 'prev-match' | 'show-all' | 'reveal-secrets';

/** One binding. */
export interface KeyBinding {
  /** How the keys are shown ("↓ j"). */
  keys: string;
  description: string;
  mode: KeyMode;
  /** True when this key press triggers the binding. */
  match: (input: string, key: Key) => boolean;
  action: KeyCommand;
  /** Position in the one-line help bar (lower = more important); absent = overlay only. */
  rank?: number;
  /** Compact form for the help bar, e.g. one "↑↓ move" for both arrows. */
  short?: { keys: string; label: string };
}

/** A plain character with no Ctrl/Meta (Ink sets meta for a lone Esc). */
const char = (c: string) => (input: string, key: Key) => input === c && !key.ctrl && !key.meta;
/** Text to type: no Ctrl/Meta, no control characters (Enter, Tab, Backspace arrive as keys). */
// eslint-disable-next-line no-control-regex
const printable = (input: string, key: Key) => input !== '' && !key.ctrl && !key.meta && !/[\u0000-\u001f\u007f]/.test(input);

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
  { keys: 'Esc', description: 'clear the search filter', mode: 'list', action: 'escape', rank: 3.6,
    short: { keys: 'esc', label: 'clear filter' }, match: (_, k) => k.escape },
  { keys: 'a', description: 'this project / all projects', mode: 'list', action: 'scope', rank: 5,
    short: { keys: 'a', label: 'scope' }, match: char('a') },
  { keys: 'c', description: 'cost view', mode: 'list', action: 'cost', rank: 6, short: { keys: 'c', label: 'cost' }, match: char('c') },
  { keys: '?', description: 'help', mode: 'list', action: 'help', rank: 3.2, short: { keys: '?', label: 'help' }, match: char('?') },
  { keys: 'q', description: 'quit', mode: 'list', action: 'quit', rank: 3.4, short: { keys: 'q', label: 'quit' }, match: char('q') },
  { keys: 'e', description: 'export markdown', mode: 'list', action: 'export', rank: 9, short: { keys: 'e', label: 'export' }, match: char('e') },
  { keys: 'y', description: 'copy the session id', mode: 'list', action: 'copy', rank: 10, short: { keys: 'y', label: 'copy id' }, match: char('y') },
  { keys: 'd', description: 'delete (asks first; restorable)', mode: 'list', action: 'delete', rank: 11,
    short: { keys: 'd', label: 'delete' }, match: char('d') },
  { keys: 'r', description: 'refresh now (the list also follows changes on disk)', mode: 'list', action: 'refresh', match: char('r') },

  // The search box: letters edit the query; arrows, Enter and Esc still work.
  { keys: 'Enter', description: 'resume the selected match', mode: 'search', action: 'resume', rank: 2,
    short: { keys: 'enter', label: 'resume' }, match: (_, k) => k.return },
  { keys: 'Backspace', description: 'delete a character', mode: 'search', action: 'erase',
    match: (_, k) => k.backspace || k.delete },
  { keys: 'Ctrl+U', description: 'clear the query', mode: 'search', action: 'clear-query', match: (i, k) => k.ctrl && i === 'u' },
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

  // An opened session (handled by the session screen).
  { keys: '← Esc', description: 'back to the list', mode: 'session', action: 'back', match: (_, k) => k.leftArrow || k.escape },
  { keys: 'Tab', description: 'replay / usage / resume preview', mode: 'session', action: 'switch-tab', match: (_, k) => k.tab },
  { keys: '/', description: 'search the transcript', mode: 'session', action: 'find', match: char('/') },
  { keys: 'n', description: 'next match', mode: 'session', action: 'next-match', match: char('n') },
  { keys: 'N', description: 'previous match', mode: 'session', action: 'prev-match', match: char('N') },
  { keys: 'Enter', description: 'resume', mode: 'session', action: 'resume', match: (_, k) => k.return },
  { keys: 'v', description: 'show all of a huge entry (cut at 1,000 lines / 256 KB)', mode: 'session', action: 'show-all', match: char('v') },
  { keys: 's', description: 'show / hide secrets (keys and tokens are masked)', mode: 'session', action: 'reveal-secrets', match: char('s') },

  // The cost view.
  { keys: 'w', description: 'window: today / 7d / 30d / all', mode: 'cost', action: 'cost-window', rank: 1,
    short: { keys: 'w', label: 'window' }, match: char('w') },
  { keys: 'c Esc', description: 'back to the list', mode: 'cost', action: 'close', rank: 2,
    short: { keys: 'c/esc', label: 'close' }, match: (i, k) => k.escape || char('c')(i, k) },
  { keys: 'q', description: 'quit', mode: 'cost', action: 'quit', rank: 3, short: { keys: 'q', label: 'quit' }, match: char('q') },

  // The help overlay and the delete dialog.
  { keys: 'any key', description: 'close help', mode: 'help', action: 'close', rank: 1,
    short: { keys: 'any key', label: 'close' }, match: () => true },
  { keys: 'y Enter', description: 'delete', mode: 'confirm', action: 'confirm', rank: 1,
    short: { keys: 'y/enter', label: 'delete' }, match: (i, k) => k.return || char('y')(i, k) },
  { keys: 'n Esc', description: 'keep it', mode: 'confirm', action: 'cancel', rank: 2,
    short: { keys: 'n/esc', label: 'cancel' }, match: (i, k) => k.escape || char('n')(i, k) },
  // Asked before resuming a session that is still active.
  { keys: 'y Enter', description: 'resume anyway', mode: 'confirm-resume', action: 'confirm', rank: 1,
    short: { keys: 'y/enter', label: 'resume anyway' }, match: (i, k) => k.return || char('y')(i, k) },
  { keys: 'n Esc', description: 'do not resume', mode: 'confirm-resume', action: 'cancel', rank: 2,
    short: { keys: 'n/esc', label: 'cancel' }, match: (i, k) => k.escape || char('n')(i, k) },

  { keys: 'Ctrl+C', description: 'quit', mode: 'global', action: 'quit', match: (i, k) => k.ctrl && i === 'c' },
];

/** A Key with nothing pressed. */
export const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
  home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
  backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
};

/**
 * True when Ink delivered several characters as one input: a paste, or keys
 * typed faster than one read ("jjo"). Such a run carries no key flags.
 */
export function isTextRun(input: string, key: Key): boolean {
  if (key.ctrl || key.meta || key.return || key.escape || key.tab || key.backspace || key.delete) return false;
  if (key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown) return false;
  let n = 0;
  for (const _ of input) if (++n > 1) return true;
  return false;
}

/** The key press one character of a run stands for (Ctrl+letter for C0 codes, Tab, Delete). */
export function keyOfChar(c: string): { input: string; key: Key } {
  const code = c.codePointAt(0) ?? 0;
  if (c === '\t') return { input: c, key: { ...NO_KEY, tab: true } };
  if (c === '\x7f' || c === '\b') return { input: '', key: { ...NO_KEY, delete: true } };
  if (code > 0 && code < 0x20) return { input: String.fromCharCode(code + 96), key: { ...NO_KEY, ctrl: true } };
  return { input: c, key: { ...NO_KEY, shift: /^[A-Z]$/.test(c) } };
}

/** The command a key press means in `mode` (the mode's own bindings win over global ones). */
export function resolveKey(mode: KeyMode, input: string, key: Key): KeyCommand | null {
  for (const b of KEY_BINDINGS) if (b.mode === mode && b.match(input, key)) return b.action;
  for (const b of KEY_BINDINGS) if (b.mode === 'global' && b.match(input, key)) return b.action;
  return null;
}

/** Bindings of one mode in table order. */
export function bindingsFor(mode: KeyMode): KeyBinding[] {
  return KEY_BINDINGS.filter((b) => b.mode === mode);
}

/** Help bar entries of `mode`, most important first, minus the `omit`ted commands. */
export function helpBarEntries(mode: KeyMode, omit: readonly KeyCommand[] = []): { keys: string; label: string }[] {
  return bindingsFor(mode)
    .filter((b) => b.rank !== undefined && b.short && !omit.includes(b.action))
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
    .map((b) => b.short!);
}

/** The `?` overlay's sections: every mode's bindings, list and global keys first (the left column). Static, like the table. */
export const HELP_SECTIONS: readonly { title: string; bindings: readonly KeyBinding[] }[] = (
  [
    { mode: 'list', title: 'List' },
    { mode: 'global', title: 'Anywhere' },
    { mode: 'search', title: 'Search box (after /)' },
    { mode: 'session', title: 'Opened session' },
    { mode: 'cost', title: 'Cost view' },
    { mode: 'confirm', title: 'Delete dialog' },
    { mode: 'confirm-resume', title: 'Resume dialog' },
  ] as const
).map((s) => ({ title: s.title, bindings: bindingsFor(s.mode) }));
