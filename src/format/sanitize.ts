/**
 * Terminal-safe text. Everything a log holds is attacker-controlled: an
 * assistant message or a tool result can carry escape sequences that clear
 * the screen, retitle the window, write the clipboard (OSC 52) or reorder
 * what the user reads (bidi overrides, "Trojan Source"). Rather than delete
 * such characters silently, we replace each with a visible marker so the
 * user can see that something was there:
 *
 * - C0 controls (U+0000–U+001F except \n and \t): the Unicode Control
 *   Picture U+2400 + code (ESC → '␛', BEL → '␇', CR → '␍').
 * - DEL (U+007F): '␡'.
 * - C1 controls (U+0080–U+009F), bidi controls (U+061C, U+200E, U+200F,
 *   U+202A–U+202E, U+2066–U+2069) and the line/paragraph separators
 *   U+2028/U+2029: '⟦U+XXXX⟧' with the code point in 4 hex digits.
 * - Invisible characters that can hide or glue text: zero-width space,
 *   non-joiner and joiner (U+200B–U+200D), word joiner and invisible
 *   operators (U+2060–U+2064), a BOM inside text (U+FEFF) and Unicode tag
 *   characters (U+E0000–U+E007F, used to smuggle instructions past a
 *   reader): '⟦U+XXXX⟧' too (5 hex digits for tags). Two uses are kept
 *   because they draw something: a ZWJ between two pictographs (emoji
 *   sequences such as 👩‍💻) and the tag run of a subdivision flag (🏴 + 2–7
 *   lowercase letter/digit tags + CANCEL TAG, e.g. England's flag).
 * - Lone surrogates (invalid UTF-16): U+FFFD '�'.
 *
 * A CR that directly precedes LF is a Windows line ending, not an attack,
 * so "\r\n" becomes "\n" instead of "␍\n" on every line.
 *
 * Everything else (CJK, emoji with ZWJ and variation selectors, combining
 * accents) is left untouched: the pattern never matches a valid surrogate
 * pair, an emoji ZWJ or a variation selector. The output holds no ESC, BEL,
 * C1 (0x9B CSI, 0x9D OSC) or invisible character, and sanitize is
 * idempotent: markers are plain printable text.
 */

/** A pictograph, optionally with its emoji presentation or skin tone: what an emoji ZWJ joins. */
const PICT = String.raw`\p{Extended_Pictographic}[\u{FE0F}\u{1F3FB}-\u{1F3FF}]?`;
/** A subdivision flag: black flag, lowercase tag letters/digits, CANCEL TAG (kept whole). */
const TAG_FLAG = String.raw`\u{1F3F4}[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{2,7}\u{E007F}`;
/** A ZWJ that does not join two pictographs. */
const LOOSE_ZWJ = String.raw`(?<!${PICT})\u200D|\u200D(?!\p{Extended_Pictographic})`;
/** Invisible characters other than ZWJ (see the module comment). */
const INVISIBLE = String.raw`\u200B\u200C\u2060-\u2064\uFEFF\u{E0000}-\u{E007F}`;
/** Bidi controls and the line/paragraph separators. */
const BIDI = String.raw`\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069`;

/**
 * The invisible characters sanitize marks, as a pattern other modules share
 * (format/json.ts escapes the same ones); subdivision flags match whole and
 * are kept by the caller (see isKept).
 */
export const INVISIBLE_PATTERN = String.raw`${TAG_FLAG}|${LOOSE_ZWJ}|[${INVISIBLE}]`;

/** Characters that are unsafe in either mode, plus CRLF as one unit. */
const UNSAFE = new RegExp(String.raw`\r\n|${TAG_FLAG}|${LOOSE_ZWJ}|[\u0000-\u0008\u000B-\u001F\u007F-\u009F${BIDI}${INVISIBLE}]|\p{Surrogate}`, 'gu');

/** The same plus \t and \n, which single-line mode turns into spaces. */
const UNSAFE_SINGLE = new RegExp(String.raw`\r\n|${TAG_FLAG}|${LOOSE_ZWJ}|[\u0000-\u001F\u007F-\u009F${BIDI}${INVISIBLE}]|\p{Surrogate}`, 'gu');

/** A match of the patterns above that is drawn as it is: a subdivision flag. */
export const isKept = (match: string): boolean => match.length > 2 && match.codePointAt(0) === 0x1f3f4;

/** Plain printable ASCII needs no work; checked first because it is the common case. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;
/** Printable ASCII plus \n and \t: already safe in multi-line mode. */
const PLAIN_ASCII_LINES = /^[\x20-\x7e\n\t]*$/;

/** The visible marker for one unsafe character (see the module comment). */
function marker(ch: string): string {
  if (ch === '\r\n') return '\n';
  if (isKept(ch)) return ch;
  const code = ch.codePointAt(0)!;
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  if (code >= 0xd800 && code <= 0xdfff) return '\uFFFD';
  return `⟦U+${code.toString(16).toUpperCase().padStart(4, '0')}⟧`;
}

/** Single-line mode: line breaks and tabs are whitespace, not markers. */
function singleLineMarker(ch: string): string {
  switch (ch) {
    case '\r\n':
    case '\n':
    case '\t':
    case '\r':
    case '\u2028':
    case '\u2029':
      return ' ';
    default:
      return marker(ch);
  }
}

/**
 * Make text from a log safe to print to a terminal (one regex pass).
 *
 * @param opts.singleLine when true, newlines, CR, tabs and U+2028/U+2029
 *   become spaces and whitespace runs collapse to one space, trimmed — for
 *   list rows, titles and table cells. Otherwise \n and \t are kept.
 */
export function sanitize(text: string, opts?: { singleLine?: boolean }): string {
  if (opts?.singleLine) {
    if (PLAIN_ASCII.test(text)) return collapseWhitespace(text);
    return collapseWhitespace(text.replace(UNSAFE_SINGLE, singleLineMarker));
  }
  if (PLAIN_ASCII_LINES.test(text)) return text;
  return text.replace(UNSAFE, marker);
}

/** Collapse every run of whitespace (any Unicode space) to one space and trim. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
