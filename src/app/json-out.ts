/**
 * JSON on stdout written piece by piece: `list --json` of 100,000 sessions
 * is some 200 MB of pretty JSON, which as one string costs that much memory
 * at once and nears V8's string limit. The text is the same as
 * {@link toJson}'s (`JSON.stringify(value, null, 2)`, inert in a terminal)
 * plus its newline; arrays and plain objects are opened here, everything
 * inside an array's item is stringified with the item.
 */
import { inertJson } from '../format/json.js';
import { writeBatched, type Io } from './io.js';

/** Writes `value` as {@link toJson} would, then a newline, without building the whole text. */
export async function writeJson(io: Io, value: unknown): Promise<void> {
  await writeBatched(io, (function* () {
    yield* jsonPieces(resolved(value, ''), '');
    yield '\n';
  })(), inertJson);
}

/** A plain object: JSON.stringify writes it member by member. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
const omitted = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/**
 * What JSON.stringify writes for `value` found under `key` (a member's
 * name, an item's index as a string, '' at the top): the result of its
 * `toJSON(key)` when it has one (a Date's ISO string; a value whose toJSON
 * gives undefined is then left out, or written as null in an array).
 */
function resolved(value: unknown, key: string): unknown {
  if (value !== null && (typeof value === 'object' || typeof value === 'bigint')) {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return (toJSON as (key: string) => unknown).call(value, key);
  }
  return value;
}

/**
 * The pieces of `JSON.stringify(value, null, 2)` for a value written at
 * indentation `pad`: an array's items one piece each, an object's members
 * one by one (so a big array anywhere in them is opened too). `value` is
 * already {@link resolved} (its toJSON, if any, applied once, as
 * JSON.stringify applies it).
 */
function* jsonPieces(value: unknown, pad: string): Generator<string> {
  const inner = `${pad}  `;
  if (Array.isArray(value) && value.length > 0) {
    yield '[\n';
    for (let i = 0; i < value.length; i++) {
      const item = resolved(value[i], String(i));
      yield inner;
      if (omitted(item)) yield 'null';
      else yield indented(item, inner);
      yield i < value.length - 1 ? ',\n' : '\n';
    }
    yield `${pad}]`;
    return;
  }
  if (isPlainObject(value)) {
    // Each member resolved as it is written (JSON.stringify calls toJSON in that order), so a separator
    // goes before every member but the first.
    let written = 0;
    for (const key of Object.keys(value)) {
      const member = resolved(value[key], key);
      if (omitted(member)) continue;
      yield `${written++ === 0 ? '{\n' : ',\n'}${inner}${JSON.stringify(key)}: `;
      yield* jsonPieces(member, inner);
    }
    yield written === 0 ? '{}' : `\n${pad}}`;
    return;
  }
  yield indented(value, pad);
}

/**
 * `JSON.stringify(value, null, 2)` with its lines after the first indented
 * by `pad`, which {@link jsonPieces} makes two spaces a level; `value` is
 * already {@link resolved}. Made by JSON.stringify itself: `value` nested in
 * as many one-item arrays as `pad` has levels comes out indented by `pad`,
 * and the arrays' own brackets are cut off (a regular expression adding
 * `pad` after every newline of 20 MB of JSON was a sixth of a warm
 * `list --all --json` of 10,000 sessions). A value that still has a toJSON
 * (one toJSON gave another) is wrapped so that JSON.stringify does not call
 * it a second time.
 */
function indented(value: unknown, pad: string): string {
  const once = value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function' ? new AppliedToJson(value) : value;
  if (pad === '') return JSON.stringify(once, null, 2) ?? 'null';
  const depth = pad.length / 2;
  let nested: unknown = once;
  for (let i = 0; i < depth; i++) nested = [nested];
  const text = JSON.stringify(nested, null, 2);
  // Opening: for level i (0-based) a line of 2i spaces and "[" ; then `pad` before the value. Closing: for
  // each level a newline, 2i spaces and "]".
  const open = depth * (depth + 1) + pad.length;
  return text.slice(open, text.length - depth * (depth + 1));
}

/**
 * A value whose toJSON was applied already, as JSON.stringify writes it: its
 * own members (an array's items) with their own toJSON applied as usual.
 */
class AppliedToJson {
  constructor(private readonly value: object) {}
  toJSON(): unknown {
    if (Array.isArray(this.value)) return [...(this.value as unknown[])];
    // Its own toJSON member, a function, is one JSON.stringify leaves out anyway.
    const members: Record<string, unknown> = { ...this.value };
    delete members.toJSON;
    return members;
  }
}
