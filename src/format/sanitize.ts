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
 * - Lone surrogates (invalid UTF-16): U+FFFD '�'.
 *
 * A CR that directly precedes LF is a Windows line ending, not an attack,
 * so "\r\n" becomes "\n" instead of "␍\n" on every line.
 *
 * Everything else (CJK, emoji with ZWJ and variation selectors, combining
 * accents) is left untouched: the pattern never matches a valid surrogate
 * pair, ZWJ (U+200D) or a variation selector.
 */

/** Characters that are unsafe in either mode, plus CRLF as one unit. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /\r\n|[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]|\p{Surrogate}/gu;

/** The same plus \t and \n, which single-line mode turns into spaces. */
// eslint-disable-next-line no-control-regex
const UNSAFE_SINGLE = /\r\n|[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]|\p{Surrogate}/gu;

/** Plain printable ASCII needs no work; checked first because it is the common case. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;
/** Printable ASCII plus \n and \t: already safe in multi-line mode. */
const PLAIN_ASCII_LINES = /^[\x20-\x7e\n\t]*$/;

/** The visible marker for one unsafe character (see the module comment). */
function marker(ch: string): string {
  if (ch === '\r\n') return '\n';
  const code = ch.charCodeAt(0);
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
