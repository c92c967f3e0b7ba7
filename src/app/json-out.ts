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
    yield* jsonPieces(value, '');
    yield '\n';
  })(), inertJson);
}

/** A plain object JSON.stringify would write member by member (no toJSON of its own). */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
const omitted = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/**
 * The pieces of `JSON.stringify(value, null, 2)` for a value written at
 * indentation `pad`: an array's items one piece each, an object's members
 * one by one (so a big array anywhere in them is opened too).
 */
function* jsonPieces(value: unknown, pad: string): Generator<string> {
  const inner = `${pad}  `;
  if (Array.isArray(value) && value.length > 0) {
    yield '[\n';
    for (let i = 0; i < value.length; i++) {
      const item = value[i] as unknown;
      yield inner;
      if (omitted(item)) yield 'null';
      else yield indented(item, inner);
      yield i < value.length - 1 ? ',\n' : '\n';
    }
    yield `${pad}]`;
    return;
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value).filter((k) => !omitted(value[k]));
    if (keys.length === 0) return void (yield '{}');
    yield '{\n';
    for (let i = 0; i < keys.length; i++) {
      yield `${inner}${JSON.stringify(keys[i])}: `;
      yield* jsonPieces(value[keys[i]!], inner);
      yield i < keys.length - 1 ? ',\n' : '\n';
    }
    yield `${pad}}`;
    return;
  }
  yield indented(value, pad);
}

/**
 * `JSON.stringify(value, null, 2)` with its lines after the first indented
 * by `pad`, which {@link jsonPieces} makes two spaces a level. Made by
 * JSON.stringify itself: `value` nested in as many one-item arrays as `pad`
 * has levels comes out indented by `pad`, and the arrays' own brackets are
 * cut off (a regular expression adding `pad` after every newline of 20 MB
 * of JSON was a sixth of a warm `list --all --json` of 10,000 sessions).
 */
function indented(value: unknown, pad: string): string {
  if (pad === '') return JSON.stringify(value, null, 2) ?? 'null';
  const depth = pad.length / 2;
  let nested: unknown = value;
  for (let i = 0; i < depth; i++) nested = [nested];
  const text = JSON.stringify(nested, null, 2);
  // Opening: for level i (0-based) a line of 2i spaces and "[" ; then `pad` before the value. Closing: for
  // each level a newline, 2i spaces and "]".
  const open = depth * (depth + 1) + pad.length;
  return text.slice(open, text.length - depth * (depth + 1));
}
