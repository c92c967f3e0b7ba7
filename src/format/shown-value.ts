/**
 * A value the user gave (a session id, an argument, an option's or an
 * environment variable's value) as a message shows it back. Messages echo
 * what they refuse, so the user sees which word was wrong; echoed whole, a
 * 5,000-character paste given as an id buried the message and the help
 * hint under a wall of text (a new user's report), and a control character
 * in it could act on the terminal. Every message that quotes such a value
 * goes through {@link shownValue}, so they all cut it the same way.
 */
import { sanitize } from './sanitize.js';
import { graphemes } from './graphemes.js';
import { countNoun } from './numbers.js';
import { displayWidth } from './width.js';

/** How many display columns of a value a message shows: a uuid (36) and a typical option value whole, a paste cut. */
export const SHOWN_VALUE_COLUMNS = 40;

/** A line break (a CRLF is one grapheme): shown as ⏎, so `1⏎2` does not read as the value `1 2` it is not. */
const LINE_BREAK = /^(?:\r\n|[\n\r\u2028\u2029])$/;

/** Printable ASCII within the columns: shown as it is (the common case, no segmentation). */
const SHORT_PLAIN = new RegExp(`^[\\x20-\\x7e]{0,${SHOWN_VALUE_COLUMNS}}$`);

/**
 * `value` ready for a one-line message: sanitized (control, bidi and
 * invisible characters as visible markers, a line break ⏎, a tab ⇥), and
 * when wider than {@link SHOWN_VALUE_COLUMNS} columns its first columns
 * (whole characters, never half a marker), `…`, then how long it was:
 * `"aaaa…" (5,000 characters)`. `quote`: in double quotes (JSON-style, so
 * a `"` inside is `\"`), the count after the closing quote. Only as much of
 * a long value as is shown is segmented.
 */
export function shownValue(value: string, opts: { quote?: boolean } = {}): string {
  const quote = (text: string): string => (opts.quote ? JSON.stringify(text) : text);
  if (SHORT_PLAIN.test(value)) return quote(value);
  let shown = '';
  let width = 0;
  let cut = false;
  for (const g of graphemes(value)) {
    // A character at a time, so a cut never falls inside the marker of one (⟦U+202E⟧); a line break is ⏎ and a
    // tab ⇥, kept where they are (sanitize's single-line mode made them spaces, or trimmed them away).
    const piece = LINE_BREAK.test(g) ? '⏎' : g === '\t' ? '⇥' : sanitize(g);
    const w = displayWidth(piece);
    if (width + w > SHOWN_VALUE_COLUMNS) {
      cut = true;
      break;
    }
    shown += piece;
    width += w;
  }
  if (!cut) return quote(shown);
  let length = 0;
  for (const _ of value) length++;
  return `${quote(`${shown}…`)} (${countNoun(length, 'character')})`;
}
