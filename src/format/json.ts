import { INVISIBLE_PATTERN, isKept } from './sanitize.js';

/**
 * JSON text that stays inert wherever it is shown or split: characters that
 * JSON.stringify leaves raw but that a terminal acts on (C1 controls, bidi
 * overrides and isolates, LRM/RLM/ALM), that end a line for JavaScript and
 * many line splitters (U+2028/U+2029) or that hide text (the invisible
 * characters sanitize marks) become \uXXXX escapes. The result still parses
 * to exactly the same value.
 */
const UNSAFE = new RegExp(String.raw`${INVISIBLE_PATTERN}|[\u0080-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]`, 'gu');

const escapeUnits = (c: string): string => {
  let out = '';
  for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
};

export function inertJson(json: string): string {
  return json.replace(UNSAFE, (c) => (isKept(c) ? c : escapeUnits(c)));
}

/**
 * One record as one JSONL line, newline included. Throws (before anything is
 * written) when the value cannot be serialised as a JSON object.
 */
export function serializeRecord(obj: object): string {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw new TypeError('a record must be a JSON object');
  // U+2028/9 end a line for many splitters; bidi controls could hide text from a reviewer.
  return `${inertJson(JSON.stringify(obj))}\n`;
}

/** How deep a value from a log may nest: deeper parts are cut (JSON.stringify, structuredClone and zod recurse). */
export const MAX_JSON_DEPTH = 64;
/** What a cut part becomes. */
export const TOO_DEEP = `[nested deeper than ${MAX_JSON_DEPTH} levels]`;

/**
 * Cuts, in place, every object or array nested deeper than `maxDepth`
 * levels (the value itself is level 1) to the string TOO_DEEP, so no
 * recursion over the value can run out of stack. Iterative: a value nested
 * 100,000 levels deep is walked without recursion. Returns how many parts
 * were cut (0: the value is unchanged).
 */
export function capDepth(value: unknown, maxDepth = MAX_JSON_DEPTH): number {
  if (value === null || typeof value !== 'object') return 0;
  let cut = 0;
  const stack: [Record<string, unknown> | unknown[], number][] = [[value as Record<string, unknown>, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const child: unknown = node[i];
        if (child === null || typeof child !== 'object') continue;
        if (depth >= maxDepth) {
          node[i] = TOO_DEEP;
          cut++;
        } else stack.push([child as Record<string, unknown>, depth + 1]);
      }
    } else {
      for (const key in node) {
        const child = node[key];
        if (child === null || typeof child !== 'object') continue;
        if (depth >= maxDepth) {
          node[key] = TOO_DEEP;
          cut++;
        } else stack.push([child as Record<string, unknown>, depth + 1]);
      }
    }
  }
  return cut;
}

/** JSON.parse with nesting capped (capDepth): for JSON text from a log that is then printed or walked. Throws what JSON.parse throws. */
export function parseJsonCapped(text: string): unknown {
  const value: unknown = JSON.parse(text);
  capDepth(value);
  return value;
}

/**
 * `text` as a JSON object (a log's record) with its nesting capped
 * (capDepth, skipped when `text` has too few brackets to nest that deep),
 * or null when it does not parse or is not an object. Never throws.
 */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  if (!fewOpeners(text, MAX_JSON_DEPTH)) capDepth(value);
  return value as Record<string, unknown>;
}

/** At most `n` opening brackets in `text`: then no value parsed from it nests deeper than `n` (a cheap pre-check for capDepth). */
export function fewOpeners(text: string, n: number): boolean {
  let count = 0;
  for (let i = text.indexOf('{'); i !== -1; i = text.indexOf('{', i + 1)) if (++count > n) return false;
  for (let i = text.indexOf('['); i !== -1; i = text.indexOf('[', i + 1)) if (++count > n) return false;
  return true;
}

/** The most characters of a file a JSON syntax error quotes, escapes counted as written. */
export const JSON_ERROR_EXCERPT_MAX = 24;

/** C0 and C1 controls, DEL and the line/paragraph separators: what must not reach a one-line message raw. */
// eslint-disable-next-line no-control-regex
const MESSAGE_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** `text` with every control character written as its JSON escape (`\n`, `\u001b`): one line, nothing a terminal acts on. */
export function escapeControls(text: string): string {
  return text.replace(MESSAGE_CONTROLS, (c) => SHORT_ESCAPES[c] ?? escapeUnits(c));
}

/** V8's "Unexpected token 'o', "not json\n" is not valid JSON": the token, the quoted text around it, and whether V8 cut it. */
const QUOTED_SYNTAX_ERROR = /^(.*?', )"([\s\S]*)"(\.\.\.)?( is not valid JSON)$/;

/**
 * What JSON.parse said about a file, on one line, for an error message. V8
 * quotes the file's text around the mistake as it is (`Unexpected token
 * 'o', "not json⏎" is not valid JSON`), so a line break in a short file
 * broke the message in two and its control characters reached stderr (as
 * markers). The quote is written with escapes (`"not json\n"`) and cut to
 * {@link JSON_ERROR_EXCERPT_MAX} characters, `...` after it when cut, as
 * V8 marks its own cut; any other message is escaped the same way.
 */
export function jsonErrorMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const quoted = QUOTED_SYNTAX_ERROR.exec(message);
  if (!quoted) return escapeControls(message);
  const [, before, excerpt, cut, after] = quoted as unknown as [string, string, string, string | undefined, string];
  let shown = '';
  let more = cut !== undefined;
  for (const c of excerpt) {
    const piece = escapeControls(c);
    if (shown.length + piece.length > JSON_ERROR_EXCERPT_MAX) {
      more = true;
      break;
    }
    shown += piece;
  }
  return `${escapeControls(before)}"${shown}"${more ? '...' : ''}${after}`;
}
