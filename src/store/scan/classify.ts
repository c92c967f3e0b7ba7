/**
 * Line classification (FORMAT.md §2): blank, malformed (not a JSON object)
 * or a JSON object. Which format an object belongs to is the registry's
 * question (sources/registry.ts). Nesting is capped here, once for every
 * reader (format/json.ts capDepth): no recursion over log data downstream
 * (JSON.stringify, structuredClone, schemas) can run out of stack.
 */
import { capDepth, fewOpeners, MAX_JSON_DEPTH } from '../../format/json.js';

export type ClassifiedLine =
  | { kind: 'blank' }
  | { kind: 'malformed' }
  | { kind: 'object'; value: Record<string, unknown> };

/** Blank lines count as nothing; anything that is not a JSON object is malformed. */
export function classifyLine(text: string): ClassifiedLine {
  if (text.trim() === '') return { kind: 'blank' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'malformed' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { kind: 'malformed' };
  if (!fewOpeners(text, MAX_JSON_DEPTH)) capDepth(value);
  return { kind: 'object', value: value as Record<string, unknown> };
}
