/**
 * The one input model of every text box (the list's search box, the
 * transcript search, the rename box): a line of text and a cursor, edited
 * by readline's keys, and for a prefill a selection of the whole line. Pure, so a burst of keys (fast typing, SSH batching, a paste) is a
 * fold of `applyEdit` over the keys in order: nothing is lost or reordered.
 * The cursor counts code points, so a surrogate pair is never cut in half.
 *
 * Why not ink-text-input (named by the project's card, issue 10 item 7):
 * wired into the rename box it failed the burst tests. It subscribes its own
 * useInput (a second keypress owner beside use-browser-input.ts), takes
 * Ink's whole input string as text, and has no Ctrl+U/W/A/E/K: the burst
 * Ctrl+U "Auth flaw" ⌫⌫ "ow" showed "Fix login bug Auth flaw ow"
 * (rename-pin-sort.test.tsx, "R renames (one burst…)"), Ctrl+U alone typed
 * a "u", three writes in one tick kept only the last letter (its handler
 * reads the cursor from the last render), and "ab" + Enter in one write
 * saved nothing. So it is not a dependency (nor ink-select-input, see
 * use-browser-input.ts): nothing ships that no screen uses.
 */

/** A line being edited; `cursor` is in code points, 0..length. */
export interface LineState {
  text: string;
  cursor: number;
  /**
   * The whole text is selected (a prefill not touched yet, cursor at its
   * end): the next typed text or paste replaces it, any other edit first
   * drops the selection and then acts on the text as usual. Absent: none.
   */
  selected?: true;
}

/** What a key does to a line. */
export type LineEdit =
  | { type: 'insert'; text: string }
  /** Backspace: the code point before the cursor. */
  | { type: 'backspace' }
  /** Ctrl+U: everything before the cursor. */
  | { type: 'kill-before' }
  /** Ctrl+K: everything after the cursor. */
  | { type: 'kill-after' }
  /** Ctrl+W: the word before the cursor (and the spaces after it). */
  | { type: 'kill-word' }
  | { type: 'left' }
  | { type: 'right' }
  /** Ctrl+A, Home. */
  | { type: 'start' }
  /** Ctrl+E, End. */
  | { type: 'end' };

/** Line breaks and tabs a paste could carry into a line separate words: a run of them is one space. */
const BREAKS = /[\t\n\r]+/g;
/**
 * Any other control character (a C0 such as BEL, DEL, a C1 such as CSI)
 * separates nothing: it is dropped, so "ar\u009b2J" keeps "ar2J" whole
 * rather than gaining a space. Nothing of the kind reaches the screen.
 */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/** Text to insert: line breaks and tabs as spaces, the other control characters dropped. */
const insertable = (text: string): string => text.replace(BREAKS, ' ').replace(CONTROLS, '');

/** A line with the cursor at its end. */
export function lineAtEnd(text: string): LineState {
  return { text, cursor: Array.from(text).length };
}

/**
 * A prefill the user most likely replaces (the rename box's old name, the
 * transcript search's last query as `/` reopens it), as
 * lazygit's and VS Code's rename boxes open: all of it selected, the cursor
 * at its end. An empty text has nothing to select.
 */
export function lineSelected(text: string): LineState {
  return text === '' ? lineAtEnd(text) : { ...lineAtEnd(text), selected: true };
}

/** The state after one edit; the same object when nothing changes. */
export function applyEdit(state: LineState, edit: LineEdit): LineState {
  if (state.selected) {
    if (edit.type === 'insert') {
      const add = insertable(edit.text);
      return add === '' ? state : lineAtEnd(add);
    }
    // A cursor key or Backspace says "edit the old text": it stays, unselected, and the key acts on it
    // (Backspace takes its last character, as the user would expect of a cursor drawn at the end).
    return applyEdit({ text: state.text, cursor: state.cursor }, edit);
  }
  const chars = Array.from(state.text);
  const cursor = Math.max(0, Math.min(chars.length, state.cursor));
  const at = (text: string[], c: number): LineState => {
    const next = text.join('');
    return next === state.text && c === state.cursor ? state : { text: next, cursor: c };
  };
  switch (edit.type) {
    case 'insert': {
      const add = Array.from(insertable(edit.text));
      if (add.length === 0) return state;
      return at([...chars.slice(0, cursor), ...add, ...chars.slice(cursor)], cursor + add.length);
    }
    case 'backspace':
      return cursor === 0 ? at(chars, 0) : at([...chars.slice(0, cursor - 1), ...chars.slice(cursor)], cursor - 1);
    case 'kill-before':
      return at(chars.slice(cursor), 0);
    case 'kill-after':
      return at(chars.slice(0, cursor), cursor);
    case 'kill-word': {
      // readline's unix-word-rubout: spaces before the cursor, then the word before them.
      let i = cursor;
      while (i > 0 && /\s/u.test(chars[i - 1] ?? '')) i--;
      while (i > 0 && !/\s/u.test(chars[i - 1] ?? '')) i--;
      return at([...chars.slice(0, i), ...chars.slice(cursor)], i);
    }
    case 'left':
      return at(chars, Math.max(0, cursor - 1));
    case 'right':
      return at(chars, Math.min(chars.length, cursor + 1));
    case 'start':
      return at(chars, 0);
    case 'end':
      return at(chars, chars.length);
    default:
      return edit satisfies never;
  }
}

/** True when the cursor sits after the last character (→ then has nothing to move over). */
export function cursorAtEnd(state: LineState): boolean {
  return state.cursor >= Array.from(state.text).length;
}

/** The text before and after the cursor, for drawing it. */
export function splitAtCursor(state: LineState): [string, string] {
  const chars = Array.from(state.text);
  const c = Math.max(0, Math.min(chars.length, state.cursor));
  return [chars.slice(0, c).join(''), chars.slice(c).join('')];
}

/** The key table's names for the edits (src/app/keys.ts binds keys to them). */
export type EditCommand =
  | 'type' | 'erase' | 'kill-before' | 'kill-after' | 'kill-word' | 'line-start' | 'line-end' | 'cursor-left' | 'cursor-right';

const EDITS: Record<Exclude<EditCommand, 'type'>, LineEdit> = {
  erase: { type: 'backspace' },
  'kill-before': { type: 'kill-before' },
  'kill-after': { type: 'kill-after' },
  'kill-word': { type: 'kill-word' },
  'line-start': { type: 'start' },
  'line-end': { type: 'end' },
  'cursor-left': { type: 'left' },
  'cursor-right': { type: 'right' },
};

/** The edit a key-table command stands for (`input`: the typed text), or null when it is no edit. */
export function editOf(cmd: string, input: string): LineEdit | null {
  if (cmd === 'type') return { type: 'insert', text: input };
  return (EDITS as Record<string, LineEdit | undefined>)[cmd] ?? null;
}
