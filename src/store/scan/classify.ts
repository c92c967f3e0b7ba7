/**
 * Line classification (FORMAT.md §2): blank, malformed (not a JSON object)
 * or a JSON object. Which format an object belongs to is the registry's
 * question (sources/registry.ts). Nesting is capped here, once for every
 * reader (format/json.ts capDepth): no recursion over log data downstream
 * (JSON.stringify, structuredClone, schemas) can run out of stack.
 */
import { parseJsonObject } from '../../format/json.js';

/**
 * `torn`: the line was not JSON, but it ends in a complete JSON object (a
 * record cut by a crash, or a run of NUL bytes, with the next record
 * appended on the same line): `value` is that record, the torn part before
 * it is lost and counted.
 */
export type ClassifiedLine =
  | { kind: 'blank' }
  | { kind: 'malformed' }
  | { kind: 'object'; value: Record<string, unknown>; torn?: true; repaired?: true };

/**
 * A format's lenient reading of a line `JSON.parse` refused (LogFormat.repairLine):
 * the record when the damage is where the format can read around it, else undefined.
 */
export type LineRepair = (text: string) => Record<string, unknown> | undefined;

/** How many places a torn line is tried at for the start of its complete record (each try parses the rest once). */
const TORN_TRIES = 32;

/**
 * Blank lines count as nothing; anything that is not a JSON object is
 * malformed, unless the file's format reads it leniently (`repair`: a line
 * damaged only inside a tool's output, `repaired`), or it ends in a
 * complete JSON object (`torn`, see ClassifiedLine): the record is then
 * recovered from the first `{` after which the rest of the line parses as
 * an object.
 */
export function classifyLine(text: string, repair?: LineRepair): ClassifiedLine {
  if (text.trim() === '') return { kind: 'blank' };
  const value = parseJsonObject(text);
  if (value !== null) return { kind: 'object', value };
  const repaired = repair?.(text);
  if (repaired !== undefined) return { kind: 'object', value: repaired, repaired: true };
  let at = text.indexOf('{', 1);
  for (let tries = 0; at !== -1 && tries < TORN_TRIES; tries++, at = text.indexOf('{', at + 1)) {
    const suffix = text.slice(at);
    const rest = parseJsonObject(suffix);
    if (rest !== null) return { kind: 'object', value: rest, torn: true };
    // The record after the tear may itself be damaged only where its format reads around it.
    const mended = repair?.(suffix);
    if (mended !== undefined) return { kind: 'object', value: mended, torn: true, repaired: true };
  }
  return { kind: 'malformed' };
}
