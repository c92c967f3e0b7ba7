/**
 * Reading machine-written JSON lines without building what is not needed:
 * where a string or a value ends, found by hopping from quote to quote
 * (`indexOf`, which V8 runs at memchr speed) instead of decoding every
 * character. A summary that collects no text has no use for a tool's
 * multi-KB output, and `JSON.parse` spends most of a line's time scanning
 * and copying it (issue 7: "byte-level scanning ... when only summary fields
 * are needed, validation only where a record fails cheap checks").
 *
 * Cheap checks, not validation: the structure skipped (keys, colons, commas,
 * brackets, bare values, closed strings) is checked, the inside of a string
 * is not (a raw control character or a bad escape there passes). A reader
 * built on these gives up (returns undefined) at anything it does not
 * expect, and the caller parses the line in full instead.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
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
 * before it), or -1 when cheap checks fail. Everything outside strings is
 * checked as JSON has it: an object's members are a key, ':' and a value,
 * separated by ',', an array's items are values separated by ',', brackets
 * pair, a bare value is a number, `true`, `false` or `null`; nesting past 64
 * levels is refused. Only the inside of a string is not checked (its
 * escapes and control characters). Whitespace between tokens is refused
 * too (machine-written lines have none): the caller then parses in full.
 */
export function valueEnd(s: string, at: number): number {
  const c = s.charCodeAt(at);
  if (c === QUOTE) {
    const end = stringEnd(s, at + 1);
    return end === -1 ? -1 : end + 1;
  }
  if (c === OPEN_BRACE || c === OPEN_BRACKET) return nestedEnd(s, at);
  return bareEnd(s, at);
}

/** A JSON number, `true`, `false` or `null`, whole. */
const BARE = /^(?:true|false|null|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)$/;

/** The index just after the number or literal at `at`, or -1 when it is not one. */
function bareEnd(s: string, at: number): number {
  let i = at;
  while (i < s.length && isBareChar(s.charCodeAt(i))) i++;
  return i > at && BARE.test(s.slice(at, i)) ? i : -1;
}

/** A character of a number or of `true`, `false`, `null`. */
function isBareChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x45;
}

/** Openers of the nesting being skipped (one buffer: skims never nest). */
const openers = new Uint8Array(MAX_SKIP_DEPTH);

/**
 * {@link valueEnd} of an object or array at `at`: strings hopped, the tokens
 * between them checked in order (a key and ':' in an object; ',' between
 * members and items; brackets paired). A torn line, whose quotes pair out
 * of step from the tear on, fails here rather than passing by chance.
 */
function nestedEnd(s: string, at: number): number {
  let depth = 0;
  let i = at;
  for (;;) {
    // A value starts at i (or a container opens).
    const c = s.charCodeAt(i);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (depth === MAX_SKIP_DEPTH) return -1;
      openers[depth++] = c;
      i++;
      const close = c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
      if (s.charCodeAt(i) === close) {
        depth--;
        i++;
      } else {
        if (c === OPEN_BRACE && (i = memberKey(s, i)) === -1) return -1;
        continue;
      }
    } else {
      i = c === QUOTE ? stringEnd(s, i + 1) + 1 : bareEnd(s, i);
      if (i <= 0) return -1;
    }
    // After a value: ',' and the next one, or the closers of the containers that end here.
    for (;;) {
      if (depth === 0) return i;
      const d = s.charCodeAt(i);
      if (d === COMMA) {
        i++;
        if (openers[depth - 1] === OPEN_BRACE && (i = memberKey(s, i)) === -1) return -1;
        break;
      }
      if (d !== (openers[depth - 1] === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET)) return -1;
      depth--;
      i++;
    }
  }
}

/** A member's key and its ':' at `at`: the index where its value starts, or -1. */
function memberKey(s: string, at: number): number {
  if (s.charCodeAt(at) !== QUOTE) return -1;
  const end = stringEnd(s, at + 1);
  return end !== -1 && s.charCodeAt(end + 1) === COLON ? end + 2 : -1;
}
