/**
 * The summary's cheap reading of Claude Code's heaviest lines: a user line
 * returning tool results (ADAPTERS.md "Claude Code"), whose `tool_result`
 * blocks and `toolUseResult` hold the tool's whole output, most of a
 * transcript's bytes. A summary that collects no text reads nothing of
 * them (parse.ts keeps a result's output only as search text, and never
 * reads `toolUseResult`), yet `JSON.parse` spends most of such a line's
 * time scanning and copying them.
 *
 * So each output is cut out before the line is parsed: a result's output
 * string becomes "" and `toolUseResult` becomes null, found by hopping
 * from quote to quote (format/json-skim.ts), and `JSON.parse` reads the
 * rest, a few hundred bytes. The record is `JSON.parse(line)` with those
 * values replaced; everything outside them is checked as strictly as ever.
 * What is skipped passes cheap checks only (a string closes; brackets
 * pair): a raw control character or a bad escape inside an output is not
 * seen (issue 7: "validation only where a record fails cheap checks").
 */
import { capDepth, fewOpeners, MAX_JSON_DEPTH } from '../../../format/json.js';
import { stringEnd, valueEnd } from '../../../format/json-skim.js';

type Obj = Record<string, unknown>;

/** Where the line's type is written (after the header's first fields). */
const LINE_TYPE = ',"type":"';
/** A tool result's output string starts after this (Claude writes a block's `type` before its `content`). */
const RESULT_OUTPUT = '"type":"tool_result","content":"';
/** The top-level copy of the output starts after this (never read by parse.ts). */
const TOOL_USE_RESULT = ',"toolUseResult":';

/**
 * `line` parsed with its tool outputs elided (results' `content` "" and
 * `toolUseResult` null); undefined when it holds none (nothing to gain), or
 * when the rest does not parse as a JSON object: the caller then parses
 * and classifies the whole line (malformed, torn) as usual. For a summary
 * that collects no text only: the outputs are the search text.
 */
export function skimClaudeLine(line: string): Obj | undefined {
  // Only user lines hold results; the first `"type"` is the line's own (its header comes first), so any
  // other line is told apart within a few hundred bytes, not after a search through all of it.
  const type = line.indexOf(LINE_TYPE);
  if (type === -1 || !line.startsWith('user"', type + LINE_TYPE.length)) return undefined;
  let at = line.indexOf(RESULT_OUTPUT, type);
  if (at === -1) return undefined;
  let reduced = '';
  let from = 0;
  do {
    const open = at + RESULT_OUTPUT.length;
    const close = stringEnd(line, open);
    if (close === -1) return undefined;
    // Keeps both quotes: the output becomes "".
    reduced += line.slice(from, open);
    from = close;
    at = line.indexOf(RESULT_OUTPUT, close + 1);
  } while (at !== -1);
  const copy = line.indexOf(TOOL_USE_RESULT, from);
  if (copy !== -1) {
    const value = copy + TOOL_USE_RESULT.length;
    const end = valueEnd(line, value);
    if (end === -1) return undefined;
    reduced += `${line.slice(from, value)}null`;
    from = end;
  }
  reduced += line.slice(from);
  let record: unknown;
  try {
    record = JSON.parse(reduced);
  } catch {
    return undefined;
  }
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return undefined;
  if (!fewOpeners(reduced, MAX_JSON_DEPTH)) capDepth(record);
  return record as Obj;
}
