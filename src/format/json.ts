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
