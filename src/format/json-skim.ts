/**
 * Reading machine-written JSON lines without building what is not needed:
 * where a string or a value ends, found by hopping from quote to quote
 * (`indexOf`, which V8 runs at memchr speed) instead of decoding every
 * character. A summary that collects no text has no use for a tool's
 * multi-KB output, and `JSON.parse` spends most of a line's time scanning
 * and copying it (issue 7: "byte-level scanning ... when only summary fields
 * are needed, validation only where a record fails cheap checks").
 *
 * Cheap checks, not validation: the structure walked (keys, colons, commas,
 * brackets, closed strings) is checked, the inside of a string that is
 * skipped is not (a raw control character or a bad escape there passes). A
 * reader built on these gives up (returns undefined) at anything it does not
 * expect, and the caller parses the line in full instead.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
/** Deeper nesting than this is left to JSON.parse (and format/json.ts capDepth). */
const MAX_SKIP_DEPTH = 64;

/**
 * The index of the quote that closes the JSON string whose first character
 * is at `at` (just after its opening quote), or -1 when the line ends first.
 * A quote preceded by an odd run of backslashes is escaped.
 */
export function stringEnd(s: string, at: number): number {
  for (;;) {
    const q = s.indexOf('"', at);
    if (q === -1) return -1;
    let b = q - 1;
    while (s.charCodeAt(b) === BACKSLASH) b--;
    if (((q - 1 - b) & 1) === 0) return q;
    at = q + 1;
  }
}

/**
 * The index just after the JSON value that starts at `at` (no whitespace
 * before it), or -1 when cheap checks fail: a string that does not close,
 * brackets that do not pair, nesting past 64 levels, a bare word with
 * characters no number or literal has.
 */
export function valueEnd(s: string, at: number): number {
  const c = s.charCodeAt(at);
  if (c === QUOTE) {
    const end = stringEnd(s, at + 1);
    return end === -1 ? -1 : end + 1;
  }
  if (c === OPEN_BRACE || c === OPEN_BRACKET) return nestedEnd(s, at);
  let i = at;
  while (i < s.length && isBareChar(s.charCodeAt(i))) i++;
  return i === at ? -1 : i;
}

/** A character of a number or of `true`, `false`, `null`. */
function isBareChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x45;
}

/** Openers of the nesting being skipped (one buffer: skims never nest). */
const openers = new Uint8Array(MAX_SKIP_DEPTH);

/** {@link valueEnd} of an object or array at `at`: strings hopped, brackets paired. */
function nestedEnd(s: string, at: number): number {
  let depth = 0;
  for (let i = at; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(s, i + 1);
      if (i === -1) return -1;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (depth === MAX_SKIP_DEPTH) return -1;
      openers[depth++] = c;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth === 0 || openers[--depth] !== (c === CLOSE_BRACE ? OPEN_BRACE : OPEN_BRACKET)) return -1;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}
