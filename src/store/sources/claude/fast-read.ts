/**
 * A cold summary's reading of a Claude Code line from its bytes: the
 * WebAssembly reader (record-scan.as.ts) checks the line as JSON.parse
 * would and says where the values parse.ts reads are; this builds a record
 * of those alone. `parseClaude` of it gives the events `parseClaude` of
 * the skimmed record (skim.ts) gives, except that a tool call's `input`
 * is absent and a tool result's output is '' whatever its shape (skim.ts
 * elides an output string so): a summary that collects no text reads
 * neither. Every line it takes is one JSON.parse takes.
 *
 * Why: on a cold scan of a Claude home, JSON.parse built every key and
 * value of ~0.5 M lines (uuids, versions, stop reasons, usage's nested
 * objects) to read a dozen; that was about a third of each scan worker's
 * time. Not for the record types parse.ts reads other fields of (`system`,
 * titles, 1.0.x summaries): undefined, and the line takes the usual way.
 */
import type { RawLine } from '../format.js';
import { RECORD_SCAN_WASM } from './record-scan.wasm.js';

type Obj = Record<string, unknown>;

// The reader's result slots and bits (record-scan.as.ts).
const S_FLAGS = 1;
const S_TYPE = 2;
const S_TIMESTAMP = 5;
const S_UUID = 8;
const S_CWD = 11;
const S_BRANCH = 14;
const S_REQUEST = 17;
const S_MODEL = 20;
const S_ID = 23;
const S_CONTENT_KIND = 26;
const S_CONTENT = 27;
const S_BLOCK_COUNT = 30;
const S_TYPE_CODE = 31;
const S_BLOCKS = 32;
const BLOCK_SLOTS = 16;
const F_SIDECHAIN = 1;
const F_API_ERROR = 2;
const F_META = 4;
const F_COMPACT_SUMMARY = 8;
const F_MESSAGE = 16;
const F_USAGE = 32;
const F_CACHE_CREATION = 64;
const B_IS_ERROR = 1;
const ESCAPED = 1;
const C_INPUT = 0;
const C_OUTPUT = 1;
const C_CACHE_READ = 2;
const C_CACHE_CREATION = 3;
const C_1H = 4;
const C_5M = 5;

/** Lines longer than this are left to JSON.parse (the reader's memory would grow to hold them): 8 MB. */
const MAX_FAST_BYTES = 8 * 1024 * 1024;

/** Record types whose other fields parse.ts reads (titles, system notes, summaries): read in full. */
const READ_IN_FULL = new Set(['system', 'custom-title', 'ai-title', 'summary']);

/** What this module uses of WebAssembly (the TypeScript lib here declares none of it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

/** The instantiated reader and views of its memory (renewed when the memory grows). */
interface Reader {
  scan(length: number): number;
  memory: WasmMemory;
  input: number;
  slots: number;
  counts: number;
  bytes: Uint8Array;
  i32: Int32Array;
  f64: Float64Array;
}

/** undefined until first asked; null when WebAssembly (with SIMD) is not there: every line then takes the usual way. */
let reader: Reader | null | undefined;

function loadReader(): Reader | null {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!wasm) return null;
  try {
    const module = new wasm.Module(Buffer.from(RECORD_SCAN_WASM, 'base64'));
    const instance = new wasm.Instance(module, {
      env: {
        abort: () => {
          throw new Error('record-scan aborted');
        },
      },
    });
    const e = instance.exports as { scan(length: number): number; memory: WasmMemory; inputOffset(): number; slotsOffset(): number; countsOffset(): number };
    const r: Reader = { scan: e.scan, memory: e.memory, input: e.inputOffset(), slots: e.slotsOffset() >> 2, counts: e.countsOffset() >> 3, bytes: new Uint8Array(0), i32: new Int32Array(0), f64: new Float64Array(0) };
    renewViews(r);
    return r;
  } catch {
    return null;
  }
}

function renewViews(r: Reader): void {
  r.bytes = new Uint8Array(r.memory.buffer);
  r.i32 = new Int32Array(r.memory.buffer);
  r.f64 = new Float64Array(r.memory.buffer);
}

/** The line being read (its strings are read by {@link stringAt} from the reader's slots). */
const current: { line: string; raw: RawLine | null; aligned: boolean } = { line: '', raw: null, aligned: true };

/**
 * The string whose slots start at `k` in the reader's result, or undefined
 * (absent, or not a string). A line whose every byte is one character
 * (ASCII; the text is as long as the bytes) is cut from its text; another
 * line's string is decoded from its own bytes.
 */
function stringAt(k: number): string | undefined {
  const { i32, slots } = reader!;
  const start = i32[slots + k]!;
  if (start < 0) return undefined;
  const end = i32[slots + k + 1]!;
  const escaped = (i32[slots + k + 2]! & ESCAPED) !== 0;
  if (current.aligned) return escaped ? (JSON.parse(current.line.slice(start - 1, end + 1)) as string) : current.line.slice(start, end);
  const raw = current.raw!;
  const inside = raw.buf.toString('utf8', raw.start + start, raw.start + end);
  return escaped ? (JSON.parse(`"${inside}"`) as string) : inside;
}

/** The record's type: the two of nearly every line as constants, told by the reader (no string made, and parse.ts's switch on them compares no characters). */
function typeAt(): string | undefined {
  const code = reader!.i32[reader!.slots + S_TYPE_CODE];
  return code === 1 ? 'assistant' : code === 2 ? 'user' : stringAt(S_TYPE);
}

/**
 * `line` (whose bytes are `raw`) as the record parse.ts reads, for a fold
 * that collects no text; undefined when the reader does not take it (not
 * one JSON object, a shape it leaves to JSON.parse, a record type read in
 * full, no WebAssembly): the caller reads it the usual way. Every record
 * has the same keys in the same order (a value the line lacks is
 * undefined, as JSON.parse leaves it), so parse.ts's reads of them stay
 * monomorphic.
 */
export function readClaudeLineFast(line: string, raw: RawLine): Obj | undefined {
  const length = raw.end - raw.start;
  if (length > MAX_FAST_BYTES) return undefined;
  if (reader === undefined) reader = loadReader();
  const r = reader;
  if (r === null) return undefined;
  const need = r.input + length;
  if (need > r.bytes.length) {
    // At least doubled: a run of ever longer lines grows it a few times, not once a line. It never shrinks
    // (at most twice MAX_FAST_BYTES a thread). Memory it cannot have: this line takes the usual way.
    try {
      r.memory.grow(Math.ceil((Math.max(need, 2 * r.bytes.length) - r.bytes.length) / 65536));
    } catch {
      return undefined;
    }
    renewViews(r);
  }
  r.bytes.set(raw.buf.subarray(raw.start, raw.end), r.input);
  let taken: number;
  try {
    taken = r.scan(length);
  } catch {
    // A trap would be this reader's bug, never the line's: the line takes the usual way, as every later one does.
    reader = null;
    return undefined;
  }
  if (taken !== 1) return undefined;
  const flags = r.i32[r.slots + S_FLAGS]!;
  // A CR before the newline is in the bytes, not in the text.
  const textLength = raw.buf[raw.end - 1] === 0x0d ? length - 1 : length;
  current.line = line;
  current.raw = raw;
  current.aligned = line.length === textLength;
  const type = typeAt();
  if (type === undefined || READ_IN_FULL.has(type)) return done(undefined);
  return done({
    type,
    timestamp: stringAt(S_TIMESTAMP),
    uuid: stringAt(S_UUID),
    cwd: stringAt(S_CWD),
    gitBranch: stringAt(S_BRANCH),
    requestId: stringAt(S_REQUEST),
    isSidechain: (flags & F_SIDECHAIN) !== 0,
    isApiErrorMessage: (flags & F_API_ERROR) !== 0,
    isMeta: (flags & F_META) !== 0,
    isCompactSummary: (flags & F_COMPACT_SUMMARY) !== 0,
    message: flags & F_MESSAGE ? messageOf(r, flags) : undefined,
  });
}

/** `record`, once the line is let go (`current` holds no line nor buffer past the call). */
function done(record: Obj | undefined): Obj | undefined {
  current.line = '';
  current.raw = null;
  return record;
}

function messageOf(r: Reader, flags: number): Obj {
  const kind = r.i32[r.slots + S_CONTENT_KIND];
  return {
    model: stringAt(S_MODEL),
    id: stringAt(S_ID),
    usage: flags & F_USAGE ? usageOf(r, (flags & F_CACHE_CREATION) !== 0) : undefined,
    content: kind === 1 ? stringAt(S_CONTENT) : kind === 2 ? blocksOf(r) : undefined,
  };
}

function blocksOf(r: Reader): Obj[] {
  const count = r.i32[r.slots + S_BLOCK_COUNT]!;
  const blocks: Obj[] = new Array(count);
  for (let b = 0; b < count; b++) {
    const at = S_BLOCKS + b * BLOCK_SLOTS;
    const type = stringAt(at + 1);
    blocks[b] = {
      type,
      text: stringAt(at + 4),
      id: stringAt(at + 7),
      name: stringAt(at + 10),
      tool_use_id: stringAt(at + 13),
      // A tool's output, never kept (skim.ts elides an output string so). Another item's content is not read.
      content: type === 'tool_result' ? '' : undefined,
      is_error: (r.i32[r.slots + at]! & B_IS_ERROR) !== 0,
    };
  }
  return blocks;
}

/** `message.usage`: the counts parse.ts reads (undefined where the line has none). */
function usageOf(r: Reader, cacheCreation: boolean): Obj {
  const f = r.f64;
  const c = r.counts;
  return {
    input_tokens: count(f[c + C_INPUT]!),
    output_tokens: count(f[c + C_OUTPUT]!),
    cache_read_input_tokens: count(f[c + C_CACHE_READ]!),
    cache_creation_input_tokens: count(f[c + C_CACHE_CREATION]!),
    cache_creation: cacheCreation ? { ephemeral_1h_input_tokens: count(f[c + C_1H]!), ephemeral_5m_input_tokens: count(f[c + C_5M]!) } : undefined,
  };
}

/** A count as the reader left it: -1 = absent. */
function count(value: number): number | undefined {
  return value >= 0 ? value : undefined;
}
