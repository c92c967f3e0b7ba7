/**
 * Key presses out of what Ink reports: Ink splits escape sequences (arrows)
 * apart but hands a run of plain and control characters over as one string,
 * so a burst (fast typing, SSH batching, a paste) is taken apart here, one
 * key press per character, in order. Knows no bindings (src/app/keys.ts).
 */
import type { Key } from 'ink';

/** A Key with nothing pressed. */
export const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
  home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
  backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
};

/** One key press: what Ink reports for a single key, or one character of a burst. */
export interface KeyPress {
  input: string;
  key: Key;
  /** A line break or tab inside a burst (a paste): a space in a text box, nothing elsewhere, never Enter. */
  pasted?: boolean;
  /**
   * This pasted key is the burst's only line break and its last character
   * ("a long name" + Enter in one write): Enter in a box whose Enter cannot
   * spawn anything (the rename box, the transcript search), a space elsewhere.
   */
  closing?: boolean;
  /**
   * A character of a paste (a run longer than keys typed within one read),
   * or a BEL that ends a terminal sequence in a run (`ESC ] 0;title BEL`):
   * a binding that must not fire from pasted text (KeyBinding.alone in
   * src/app/keys.ts, Ctrl+G) ignores it. A key typed in a quick run is not
   * one: "c" then Ctrl+G within one read still opens the help.
   */
  inRun?: boolean;
}

/**
 * True when Ink delivered several characters as one input: a paste, or keys
 * typed faster than one read ("jjo"). Ink splits escape sequences (arrows)
 * apart, but a run of plain and control characters (Backspace, Ctrl+U)
 * arrives as one string with no key flags.
 */
export function isTextRun(input: string, key: Key): boolean {
  if (key.ctrl || key.meta || key.return || key.escape || key.tab || key.backspace || key.delete) return false;
  if (key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown) return false;
  let n = 0;
  for (const _ of input) if (++n > 1) return true;
  return false;
}

/** The key press one character of a run stands for (Ctrl+letter for C0 codes, Tab, Backspace, Enter). */
export function keyOfChar(c: string): KeyPress {
  const code = c.codePointAt(0) ?? 0;
  if (c === '\t') return { input: c, key: { ...NO_KEY, tab: true } };
  if (c === '\r') return { input: '', key: { ...NO_KEY, return: true } };
  if (c === '\x7f' || c === '\b') return { input: '', key: { ...NO_KEY, delete: true } };
  if (code > 0 && code < 0x20) return { input: String.fromCharCode(code + 96), key: { ...NO_KEY, ctrl: true } };
  return { input: c, key: { ...NO_KEY, shift: /^[A-Z]$/.test(c) } };
}

/** Runs up to this long are keys typed faster than one read, not a paste. */
const TYPED_RUN_MAX = 8;

/**
 * The key presses of one input from Ink, in order. A burst is taken apart
 * character by character, so Backspace, Ctrl+U or Ctrl+W inside it edit
 * rather than being typed. A line break inside a burst is never Enter (a
 * pasted newline must not spawn a resume command): only a short run that
 * ends in Enter ("j" then Enter within one read, as tmux send-keys or a
 * quick typist delivers them) ends with a real Enter. A longer run whose
 * only line break ends it is marked `closing`: the keypress owner makes it
 * Enter where Enter is harmless (saving a name), a space elsewhere.
 */
export function splitKeys(input: string, key: Key): KeyPress[] {
  // Esc twice within one read reaches us as one Esc with meta and the first ESC as input
  // (a parser's Alt+Esc; a lone Esc has input ''). No key of ours is Alt+Esc: it is two Escs.
  if (key.escape && input === '\u001b') return [{ input: '', key }, { input: '', key }];
  if (!isTextRun(input, key)) return [{ input, key }];
  const chars = Array.from(input);
  const last = chars.length - 1;
  const closing = chars[last] === '\r' && !chars.slice(0, -1).some((c) => c === '\r' || c === '\n');
  const typedEnter = closing && chars.length <= TYPED_RUN_MAX;
  const pasted = chars.length > TYPED_RUN_MAX;
  return chars.map((c, i): KeyPress => {
    if (c === '\r' || c === '\n' || c === '\t') {
      if (c === '\r' && i === last && typedEnter) return keyOfChar(c);
      if (c === '\r' && i === last && closing) return { input: ' ', key: NO_KEY, pasted: true, closing: true, inRun: true };
      if (c === '\t' && !chars.some((x) => x === '\r' || x === '\n') && !pasted) return keyOfChar(c);
      return { input: ' ', key: NO_KEY, pasted: true, inRun: true };
    }
    // A BEL that ends a terminal sequence (`ESC ] 0;title BEL`: Ink hands on `]0;title` or `0;title` and the BEL)
    // or comes in a paste is no Ctrl+G; one typed in a quick run ("c" then Ctrl+G within one read) is.
    if (c === '\u0007' && (pasted || chars.slice(0, i).some((x) => x === ']' || x === ';'))) return { ...keyOfChar(c), inRun: true };
    return pasted ? { ...keyOfChar(c), inRun: true } : keyOfChar(c);
  });
}


/** Set by the app's key handler as it starts (see {@link keyReachedHandler}); reset before each input. */
let keyReached = false;

/**
 * Called first thing by the app's key handler: whatever is thrown after it
 * is our own error and must not be taken for a key Ink could not name.
 */
export function keyReachedHandler(): void {
  keyReached = true;
}

/**
 * Keeps one key Ink cannot name from ending the app. Ink 6.8 reads a
 * modified escape sequence it has no name for (xterm's Ctrl+F1-F4
 * "\x1b[1;5P", a pasted colour code "\x1b[31m") as Ctrl plus an undefined
 * name and throws from its input listener, which the process takes as a
 * crash. Wraps the emitter Ink hands its `input` events through so such a
 * key is dropped: only a TypeError raised for an escape sequence before the
 * app's handler was reached ({@link keyReachedHandler}); anything else,
 * our own errors included, is thrown on. Returns the undo.
 */
export function dropUnnamedKeys(events: { emit(event: string | symbol, ...args: unknown[]): boolean } | undefined): () => void {
  if (!events) return () => {};
  const emit = events.emit;
  events.emit = function guarded(this: unknown, event: string | symbol, ...args: unknown[]): boolean {
    if (event !== 'input') return emit.call(this, event, ...args);
    keyReached = false;
    try {
      return emit.call(this, event, ...args);
    } catch (err) {
      const data = args[0];
      if (!keyReached && err instanceof TypeError && typeof data === 'string' && data.length > 1 && data.startsWith('\u001b')) return false;
      throw err;
    }
  };
  return () => {
    events.emit = emit;
  };
}
