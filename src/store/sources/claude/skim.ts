/**
 * The summary's cheap reading of Claude Code's heaviest lines: a user line
 * returning tool results (ADAPTERS.md "Claude Code"), whose `tool_result`
 * blocks and `toolUseResult` hold the tool's whole output, most of a
 * transcript's bytes. A summary that collects no text reads nothing of
 * them (parse.ts keeps a result's output only as search text, and never
 * reads `toolUseResult`), yet `JSON.parse` spends most of such a line's
 * time scanning and copying them.
 *
 * So each output is cut out before the line is parsed, found by hopping
 * from quote to quote (format/json-skim.ts), and `JSON.parse` reads the
 * rest, a few hundred bytes. A stand-in string takes each output's place;
 * the parsed record must hold every stand-in exactly where parse.ts looks
 * (a result block's `content` in `message.content`, the top-level
 * `toolUseResult`), else the line is parsed in full: a pattern found in an
 * odd place (another key order, duplicate keys, a torn line) never
 * changes what is read. The record given back is `JSON.parse(line)` with
 * those outputs "" and `toolUseResult` null; what was skipped passed cheap
 * checks only (its structure, not the inside of its strings: a raw control
 * character or a bad escape there is not seen; issue 7: "validation only
 * where a record fails cheap checks"). So that no reader sees such a line
 * otherwise, the full reads take it too ({@link repairClaudeLine}).
 *
 * Given the line's bytes, {@link skimClaudeLine} asks the WebAssembly reader
 * first (fast-read.ts), for every record type but those parse.ts reads in
 * full: it checks the whole line as JSON.parse would and builds only what
 * parse.ts reads. A line it gives up on (a damaged output among them)
 * comes here as before.
 */
import { parseJsonObject } from '../../../format/json.js';
import { stringEnd, valueEnd } from '../../../format/json-skim.js';
import type { RawLine } from '../format.js';
import { readClaudeLineFast } from './fast-read.js';

type Obj = Record<string, unknown>;

/** Where the line's type is written (after the header's first fields). */
const LINE_TYPE = ',"type":"';
/** A tool result's output string starts after this (Claude writes a block's `type` before its `content`). */
const RESULT_OUTPUT = '"type":"tool_result","content":"';
/** The top-level copy of the output starts after this (never read by parse.ts). */
const TOOL_USE_RESULT = ',"toolUseResult":';
/** What stands in for a cut output until the parsed record shows where it landed (a NUL starts it: no output is this). */
const STAND_IN = '\u0000session-browser: output not read';
const STAND_IN_JSON = JSON.stringify(STAND_IN);

/**
 * `line` parsed with its tool outputs elided (results' `content` "" and
 * `toolUseResult` null); undefined when it holds none (nothing to gain), or
 * when the rest does not parse as a JSON object with the outputs where
 * parse.ts reads them: the caller then parses and classifies the whole line
 * (malformed, torn) as usual. For a summary that collects no text only: the
 * outputs are the search text. With the line's bytes (`raw`), the
 * WebAssembly reader is asked first (fast-read.ts): it builds only what
 * parse.ts reads, of any record type but those read in full.
 */
export function skimClaudeLine(line: string, raw?: RawLine | null): Obj | undefined {
  // From the bytes when the read loop has them (fast-read.ts): every field but the few parse.ts reads left unbuilt.
  if (raw) {
    const record = readClaudeLineFast(line, raw);
    if (record !== undefined) return record;
  }
  return cutOutputs(line, false);
}

/**
 * A line `JSON.parse` refused, read as {@link skimClaudeLine} reads it, with
 * each result's output decoded leniently (a bad escape kept as written, a
 * raw control character as itself) instead of elided; `toolUseResult` null.
 * So a line damaged only inside a tool's output reads the same in a cold
 * summary (which never looks inside outputs) as in every full read, and
 * loses nothing; undefined when the damage is anywhere else (malformed, or
 * torn: classify.ts).
 */
export function repairClaudeLine(line: string): Obj | undefined {
  return cutOutputs(line, true);
}

/** The work of both: outputs cut out (kept leniently decoded when `keep`), the rest parsed and checked for where they landed. */
function cutOutputs(line: string, keep: boolean): Obj | undefined {
  // Only user lines hold results; the first `"type"` is the line's own (its header comes first), so any
  // other line is told apart within a few hundred bytes, not after a search through all of it.
  const type = line.indexOf(LINE_TYPE);
  if (type === -1 || !line.startsWith('user"', type + LINE_TYPE.length)) return undefined;
  let at = line.indexOf(RESULT_OUTPUT, type);
  if (at === -1) return undefined;
  let reduced = '';
  let from = 0;
  const outputs: string[] = [];
  do {
    const open = at + RESULT_OUTPUT.length - 1;
    const close = stringEnd(line, open + 1);
    if (close === -1) return undefined;
    reduced += line.slice(from, open) + STAND_IN_JSON;
    if (keep) outputs.push(lenientString(line.slice(open + 1, close)));
    else outputs.push('');
    from = close + 1;
    at = line.indexOf(RESULT_OUTPUT, from);
  } while (at !== -1);
  const copy = line.indexOf(TOOL_USE_RESULT, from);
  let copied = false;
  if (copy !== -1) {
    const value = copy + TOOL_USE_RESULT.length;
    const end = valueEnd(line, value);
    if (end === -1) return undefined;
    reduced += line.slice(from, value) + STAND_IN_JSON;
    from = end;
    copied = true;
  }
  reduced += line.slice(from);
  const r = parseJsonObject(reduced);
  if (r === null) return undefined;
  if (copied) {
    if (r.toolUseResult !== STAND_IN) return undefined;
    r.toolUseResult = null;
  }
  return placeOutputs(r, outputs) === outputs.length ? r : undefined;
}

/** Puts `outputs`, in order, in place of the stand-ins of the result blocks in `message.content`; how many it placed. */
function placeOutputs(record: Obj, outputs: readonly string[]): number {
  const message = record.message;
  if (message === null || typeof message !== 'object' || Array.isArray(message)) return 0;
  const blocks = (message as Obj).content;
  if (!Array.isArray(blocks)) return 0;
  let placed = 0;
  for (const block of blocks) {
    if (block === null || typeof block !== 'object' || Array.isArray(block)) continue;
    const b = block as Obj;
    if (b.type === 'tool_result' && b.content === STAND_IN) b.content = outputs[placed++] ?? '';
  }
  return placed;
}

/** Escapes JSON accepts, and what a damaged string holds instead: a backslash before anything else, a raw control character. */
const ESCAPES = /\\(?:u[0-9a-fA-F]{4}|["\\/bfnrt])|\\|[\u0000-\u001f]/g;

/**
 * The text of a JSON string's inside `raw` as JSON.parse would give it, where
 * it parses; a backslash that starts no escape stands for itself, a raw
 * control character for itself.
 */
function lenientString(raw: string): string {
  const fixed = raw.replace(ESCAPES, (m) => (m.length > 1 ? m : m === '\\' ? '\\\\' : `\\u${m.charCodeAt(0).toString(16).padStart(4, '0')}`));
  try {
    return JSON.parse(`"${fixed}"`) as string;
  } catch {
    return raw;
  }
}
