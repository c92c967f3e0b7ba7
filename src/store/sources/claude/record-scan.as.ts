/**
 * AssemblyScript, compiled to WebAssembly by scripts/build-wasm.mjs (not by
 * tsc: this file is excluded from the TypeScript project). The cold
 * summary's reading of a Claude Code line (ADAPTERS.md "Claude Code"):
 * checks that the line is one JSON object exactly as JSON.parse would
 * accept it (every string's escapes and control characters, every number,
 * literal, bracket and separator), and notes where the few values parse.ts
 * reads are, so that JavaScript builds a record of those alone
 * (fast-read.ts) instead of `JSON.parse` building all of it: most of a
 * cold scan's parsing cost went on keys and values nobody reads (uuids,
 * versions, `stop_reason`, tool inputs and outputs).
 *
 * Anything outside what it reads exactly gives up (returns 0) and the line
 * takes the usual way (skim.ts, then JSON.parse): a key with an escape in
 * it, a count that is not a plain integer of at most 15 digits, a content
 * item that is not an object or whose type is not a string, an item other
 * than a tool result whose `content` is not a string, a second `message`,
 * more than MAX_BLOCKS items, nesting deeper than MAX_DEPTH. A key written
 * twice is read as JSON.parse reads it: the last value wins. Every line it
 * takes is one JSON.parse takes.
 *
 * Memory: the line's bytes at IN (the caller grows memory for long lines),
 * the results as i32 slots at OUT and counts as f64 at COUNTS; static data
 * stays below OUT. A string is three slots: start and end byte offsets
 * (from IN; start -1 = absent or not a string) and flags (ESCAPED: holds a
 * backslash escape).
 */

const OUT: usize = 65536;
const COUNTS: usize = OUT + 8192;
const IN: usize = OUT + 16384;

/** Where the caller writes the line. */
export function inputOffset(): i32 {
  return <i32>IN;
}
/** Where the i32 result slots start. */
export function slotsOffset(): i32 {
  return <i32>OUT;
}
/** Where the f64 counts start. */
export function countsOffset(): i32 {
  return <i32>COUNTS;
}

// Result slots (i32 index from OUT); fast-read.ts holds the same numbers.
const S_FLAGS = 1;
const S_TYPE = 2;
const S_TIMESTAMP = 5;
const S_UUID = 8;
const S_CWD = 11;
const S_BRANCH = 14;
const S_REQUEST = 17;
const S_MODEL = 20;
const S_ID = 23;
const S_CONTENT_KIND = 26; // 0 none or not a string/array, 1 string (S_CONTENT), 2 array (S_BLOCKS)
const S_CONTENT = 27;
const S_BLOCK_COUNT = 30;
const S_TYPE_CODE = 31; // the record type when unescaped: 1 "assistant", 2 "user", else 0
const S_BLOCKS = 32;
const BLOCK_SLOTS = 16; // per item: [0] flags, then type, text, id, name, tool_use_id (3 each)
const MAX_BLOCKS = 64;
const MAX_DEPTH = 60;

// S_FLAGS bits.
const F_SIDECHAIN = 1;
const F_API_ERROR = 2;
const F_META = 4;
const F_COMPACT_SUMMARY = 8;
const F_MESSAGE = 16;
const F_USAGE = 32;
const F_CACHE_CREATION = 64;
// A block's flags bit.
const B_IS_ERROR = 1;

// String flags.
const ESCAPED = 1;

// Counts (f64 index from COUNTS): -1 = absent.
const C_INPUT = 0;
const C_OUTPUT = 1;
const C_CACHE_READ = 2;
const C_CACHE_CREATION = 3;
const C_1H = 4;
const C_5M = 5;

let pos: usize = 0;
let end: usize = 0;
/** The line is not one this reader reads exactly: the caller parses it. */
let giveUp = false;
/** Flags of the string {@link str} read last. */
let strFlags: i32 = 0;
/** A `message` key was read: a second one is left to JSON.parse (what the first held was read by other rules). */
let messageSeen = false;

@inline function setSlot(i: i32, v: i32): void {
  store<i32>(OUT + (<usize>i << 2), v);
}
@inline function getSlot(i: i32): i32 {
  return load<i32>(OUT + (<usize>i << 2));
}
@inline function setCount(i: i32, v: f64): void {
  store<f64>(COUNTS + (<usize>i << 3), v);
}
/** Sets or clears `bit` of the flags in slot `at` (S_FLAGS, or an item's flags). */
@inline function setBit(at: i32, bit: i32, on: bool): void {
  const f = getSlot(at) & ~bit;
  setSlot(at, on ? f | bit : f);
}
@inline function setFlag(bit: i32, on: bool): void {
  setBit(S_FLAGS, bit, on);
}
@inline function peek(): u32 {
  return pos < end ? <u32>load<u8>(pos) : 0;
}
@inline function isDigit(c: u32): bool {
  return c - 0x30 < 10;
}

/** JSON whitespace (JSON.parse accepts it between tokens; machine-written lines have none). */
function ws(): void {
  while (pos < end) {
    const c = load<u8>(pos);
    if (c != 0x20 && c != 0x09 && c != 0x0d && c != 0x0a) return;
    pos++;
  }
}

@inline function isHex(c: u32): bool {
  return c - 0x30 < 10 || (c | 0x20) - 0x61 < 6;
}

/**
 * Reads the string whose opening quote is at `pos`; returns where its
 * content starts and leaves `pos` after the closing quote, `strFlags` set.
 * A raw control character, a bad escape or a missing end gives up.
 */
function str(): usize {
  pos++;
  const start = pos;
  let flags = 0;
  const quote = i8x16.splat(0x22);
  const backslash = i8x16.splat(0x5c);
  const space = i8x16.splat(0x20);
  while (true) {
    // Sixteen bytes at a time past everything that needs no look: not a quote, backslash or control.
    while (pos + 16 <= end) {
      const v = v128.load(pos);
      const stop = i8x16.bitmask(v128.or(v128.or(i8x16.eq(v, quote), i8x16.eq(v, backslash)), i8x16.lt_u(v, space)));
      if (stop != 0) {
        pos += <usize>ctz(stop);
        break;
      }
      pos += 16;
    }
    if (pos >= end) {
      giveUp = true;
      return start;
    }
    const c = <u32>load<u8>(pos);
    if (c == 0x22) break;
    if (c == 0x5c) {
      flags |= ESCAPED;
      const e = pos + 1 < end ? <u32>load<u8>(pos + 1) : 0;
      if (e == 0x75) {
        if (pos + 6 > end || !isHex(load<u8>(pos + 2)) || !isHex(load<u8>(pos + 3)) || !isHex(load<u8>(pos + 4)) || !isHex(load<u8>(pos + 5))) {
          giveUp = true;
          return start;
        }
        pos += 6;
      } else if (e == 0x22 || e == 0x5c || e == 0x2f || e == 0x62 || e == 0x66 || e == 0x6e || e == 0x72 || e == 0x74) pos += 2;
      else {
        giveUp = true;
        return start;
      }
    } else if (c < 0x20) {
      giveUp = true;
      return start;
    } else pos++;
  }
  pos++;
  strFlags = flags;
  return start;
}

/** Skips a number; returns its value when it is a plain count (digits only, at most 15), else -2. Gives up on bad grammar. */
function num(): f64 {
  const start = pos;
  let plain = true;
  if (peek() == 0x2d) {
    pos++;
    plain = false;
  }
  const first = peek();
  if (first == 0x30) pos++;
  else if (first - 0x31 < 9) {
    while (isDigit(peek())) pos++;
  } else {
    giveUp = true;
    return -2;
  }
  if (peek() == 0x2e) {
    pos++;
    plain = false;
    if (!isDigit(peek())) {
      giveUp = true;
      return -2;
    }
    while (isDigit(peek())) pos++;
  }
  const e = peek();
  if (e == 0x65 || e == 0x45) {
    pos++;
    plain = false;
    const sign = peek();
    if (sign == 0x2b || sign == 0x2d) pos++;
    if (!isDigit(peek())) {
      giveUp = true;
      return -2;
    }
    while (isDigit(peek())) pos++;
  }
  if (!plain || pos - start > 15) return -2;
  let v: f64 = 0;
  for (let i = start; i < pos; i++) v = v * 10 + <f64>(<u32>load<u8>(i) - 0x30);
  return v;
}

/** Skips `true`, `false` or `null`: 1, 0 or 2; gives up on anything else. */
function literal(): i32 {
  if (pos + 4 <= end && load<u32>(pos) == 0x65757274) {
    pos += 4;
    return 1;
  }
  if (pos + 5 <= end && load<u32>(pos + 1) == 0x65736c61 && load<u8>(pos) == 0x66) {
    pos += 5;
    return 0;
  }
  if (pos + 4 <= end && load<u32>(pos) == 0x6c6c756e) {
    pos += 4;
    return 2;
  }
  giveUp = true;
  return -1;
}

/** Skips any value, checking it as JSON.parse would; nesting past MAX_DEPTH gives up. */
function skip(depth: i32): void {
  if (depth > MAX_DEPTH) {
    giveUp = true;
    return;
  }
  const c = peek();
  if (c == 0x22) {
    str();
  } else if (c == 0x7b) {
    if (!enter(0x7d)) return;
    while (true) {
      if (!key()) return;
      skip(depth + 1);
      if (giveUp || !next(0x7d)) return;
    }
  } else if (c == 0x5b) {
    if (!enter(0x5d)) return;
    while (true) {
      ws();
      skip(depth + 1);
      if (giveUp || !next(0x5d)) return;
    }
  } else if (c == 0x2d || isDigit(c)) {
    num();
  } else literal();
}

/** Key start and end (from the last {@link key}). */
let keyStart: usize = 0;
let keyEnd: usize = 0;

/** Reads `"key":` (whitespace around); false (given up) when it is not there or the key holds an escape. */
function key(): bool {
  ws();
  if (peek() != 0x22) {
    giveUp = true;
    return false;
  }
  keyStart = str();
  keyEnd = pos - 1;
  if (giveUp) return false;
  if (strFlags & ESCAPED) {
    // "typ\u0065" is "type" to JSON.parse: not compared here.
    giveUp = true;
    return false;
  }
  ws();
  if (peek() != 0x3a) {
    giveUp = true;
    return false;
  }
  pos++;
  ws();
  return true;
}

/**
 * Steps into the object or array whose `{` or `[` is at `pos`: true when a
 * member or item follows, false when it is empty (`pos` after its
 * `close`, `}` or `]`).
 */
function enter(close: u32): bool {
  pos++;
  ws();
  if (peek() != close) return true;
  pos++;
  return false;
}

/** After a member or item: true on ',' (another follows), false after `close` (done) or on anything else (given up). */
function next(close: u32): bool {
  ws();
  const c = peek();
  if (c == 0x2c) {
    pos++;
    return true;
  }
  if (c != close) giveUp = true;
  else pos++;
  return false;
}

/** The key just read is `name` (ASCII). */
function keyIs(name: string): bool {
  return bytesAre(keyStart, keyEnd, name);
}

/** The bytes [from, to) are `name` (ASCII). */
function bytesAre(from: usize, to: usize, name: string): bool {
  const n = <usize>name.length;
  if (to - from != n) return false;
  for (let i: usize = 0; i < n; i++) if (<u32>load<u8>(from + i) != <u32>name.charCodeAt(<i32>i)) return false;
  return true;
}

/** The record type into S_TYPE and its code into S_TYPE_CODE (the two of nearly every line, so that JavaScript makes no string of them). */
function typeInto(): void {
  stringInto(S_TYPE, 1);
  let code = 0;
  const start = getSlot(S_TYPE);
  if (start >= 0 && (getSlot(S_TYPE + 2) & ESCAPED) == 0) {
    const from = IN + <usize>start;
    const to = IN + <usize>getSlot(S_TYPE + 1);
    if (bytesAre(from, to, 'assistant')) code = 1;
    else if (bytesAre(from, to, 'user')) code = 2;
  }
  setSlot(S_TYPE_CODE, code);
}

/** The value at `pos` into the string slots at `at` when it is a string; else skipped, absent. */
function stringInto(at: i32, depth: i32): void {
  if (peek() == 0x22) {
    const s = str();
    setSlot(at, <i32>(s - IN));
    setSlot(at + 1, <i32>(pos - 1 - IN));
    setSlot(at + 2, strFlags);
  } else {
    setSlot(at, -1);
    skip(depth);
  }
}

/** A true/false/null or other value into `bit` of the flags in slot `at`: set only by `true` (parse.ts asks `=== true`). */
function flagInto(at: i32, bit: i32, depth: i32): void {
  const c = peek();
  if (c == 0x74 || c == 0x66 || c == 0x6e) setBit(at, bit, literal() == 1);
  else {
    setBit(at, bit, false);
    skip(depth);
  }
}

/** A usage count: a plain integer, else given up (a negative, fractional or huge count is parse.ts's to reject). */
function countInto(i: i32, depth: i32): void {
  const c = peek();
  if (c == 0x2d || isDigit(c)) {
    const v = num();
    if (v < 0) giveUp = true;
    setCount(i, v);
  } else {
    giveUp = true;
    skip(depth);
  }
}

function cacheCreation(depth: i32): void {
  setCount(C_1H, -1);
  setCount(C_5M, -1);
  setFlag(F_CACHE_CREATION, false);
  if (peek() != 0x7b) {
    skip(depth);
    return;
  }
  setFlag(F_CACHE_CREATION, true);
  if (!enter(0x7d)) return;
  while (true) {
    if (!key()) return;
    if (keyIs('ephemeral_1h_input_tokens')) countInto(C_1H, depth + 1);
    else if (keyIs('ephemeral_5m_input_tokens')) countInto(C_5M, depth + 1);
    else skip(depth + 1);
    if (giveUp || !next(0x7d)) return;
  }
}

function usage(depth: i32): void {
  for (let i = 0; i < 6; i++) setCount(i, -1);
  setFlag(F_CACHE_CREATION, false);
  setFlag(F_USAGE, false);
  if (peek() != 0x7b) {
    skip(depth);
    return;
  }
  setFlag(F_USAGE, true);
  if (!enter(0x7d)) return;
  while (true) {
    if (!key()) return;
    if (keyIs('input_tokens')) countInto(C_INPUT, depth + 1);
    else if (keyIs('output_tokens')) countInto(C_OUTPUT, depth + 1);
    else if (keyIs('cache_read_input_tokens')) countInto(C_CACHE_READ, depth + 1);
    else if (keyIs('cache_creation_input_tokens')) countInto(C_CACHE_CREATION, depth + 1);
    else if (keyIs('cache_creation')) cacheCreation(depth + 1);
    else skip(depth + 1);
    if (giveUp || !next(0x7d)) return;
  }
}

/**
 * One content item at slots `at`: an object (else given up), its type (a
 * string, else given up: parse.ts tells an item without one from one with
 * another value), text, id, name, tool_use_id and is_error. A tool
 * result's `content` is its output: checked, never kept (no summary reads
 * it; skim.ts elides it too), whatever its shape; another item's `content`
 * must be a string (parse.ts would read the text of other shapes).
 */
function block(at: i32, depth: i32): void {
  for (let k = 1; k < BLOCK_SLOTS; k += 3) setSlot(at + k, -1);
  setSlot(at, 0);
  if (peek() != 0x7b) {
    giveUp = true;
    return;
  }
  if (!enter(0x7d)) return;
  // A content that is not a string, allowed only once the item is known to be a tool result (its type may come after).
  let otherContent = false;
  while (true) {
    if (!key()) return;
    if (keyIs('type')) {
      if (peek() != 0x22) {
        giveUp = true;
        return;
      }
      stringInto(at + 1, depth + 1);
    } else if (keyIs('text')) stringInto(at + 4, depth + 1);
    else if (keyIs('id')) stringInto(at + 7, depth + 1);
    else if (keyIs('name')) stringInto(at + 10, depth + 1);
    else if (keyIs('tool_use_id')) stringInto(at + 13, depth + 1);
    else if (keyIs('is_error')) flagInto(at, B_IS_ERROR, depth + 1);
    else if (keyIs('content')) {
      otherContent = peek() != 0x22;
      skip(depth + 1);
    } else skip(depth + 1);
    if (giveUp || !next(0x7d)) break;
  }
  if (!giveUp && otherContent && !isToolResult(at)) giveUp = true;
}

/** The item at slots `at` has the (unescaped) type `tool_result`. */
function isToolResult(at: i32): bool {
  const start = getSlot(at + 1);
  if (start < 0 || (getSlot(at + 3) & ESCAPED) != 0) return false;
  return bytesAre(IN + <usize>start, IN + <usize>getSlot(at + 2), 'tool_result');
}

function content(depth: i32): void {
  setSlot(S_BLOCK_COUNT, 0);
  setSlot(S_CONTENT_KIND, 0);
  const c = peek();
  if (c == 0x22) {
    setSlot(S_CONTENT_KIND, 1);
    stringInto(S_CONTENT, depth);
    return;
  }
  if (c != 0x5b) {
    skip(depth);
    return;
  }
  setSlot(S_CONTENT_KIND, 2);
  if (!enter(0x5d)) return;
  let n = 0;
  while (true) {
    ws();
    if (n >= MAX_BLOCKS) {
      giveUp = true;
      return;
    }
    block(S_BLOCKS + n * BLOCK_SLOTS, depth + 1);
    n++;
    setSlot(S_BLOCK_COUNT, n);
    if (giveUp || !next(0x5d)) return;
  }
}

/** The line's one `message` (a second gives up: scan), its slots as scan() cleared them. */
function message(depth: i32): void {
  if (peek() != 0x7b) {
    skip(depth);
    return;
  }
  setFlag(F_MESSAGE, true);
  if (!enter(0x7d)) return;
  while (true) {
    if (!key()) return;
    if (keyIs('model')) stringInto(S_MODEL, depth + 1);
    else if (keyIs('id')) stringInto(S_ID, depth + 1);
    else if (keyIs('usage')) usage(depth + 1);
    else if (keyIs('content')) content(depth + 1);
    else skip(depth + 1);
    if (giveUp || !next(0x7d)) return;
  }
}

/**
 * Reads the line of `length` bytes at IN. Returns 1 when it is one JSON
 * object read exactly (the slots hold what parse.ts reads), 0 when the
 * caller must parse it (not valid JSON, or a shape read only by JSON.parse).
 */
export function scan(length: i32): i32 {
  pos = IN;
  end = IN + <usize>length;
  giveUp = false;
  setSlot(S_FLAGS, 0);
  for (let i = S_TYPE; i <= S_ID; i += 3) setSlot(i, -1);
  setSlot(S_CONTENT_KIND, 0);
  setSlot(S_BLOCK_COUNT, 0);
  setSlot(S_TYPE_CODE, 0);
  messageSeen = false;
  for (let i = 0; i < 6; i++) setCount(i, -1);
  ws();
  // Not an object, or an empty one (nothing parse.ts reads): JSON.parse's.
  if (peek() != 0x7b || !enter(0x7d)) return 0;
  while (true) {
    if (!key()) return 0;
    if (keyIs('type')) typeInto();
    else if (keyIs('timestamp')) stringInto(S_TIMESTAMP, 1);
    else if (keyIs('uuid')) stringInto(S_UUID, 1);
    else if (keyIs('cwd')) stringInto(S_CWD, 1);
    else if (keyIs('gitBranch')) stringInto(S_BRANCH, 1);
    else if (keyIs('requestId')) stringInto(S_REQUEST, 1);
    else if (keyIs('isSidechain')) flagInto(S_FLAGS, F_SIDECHAIN, 1);
    else if (keyIs('isApiErrorMessage')) flagInto(S_FLAGS, F_API_ERROR, 1);
    else if (keyIs('isMeta')) flagInto(S_FLAGS, F_META, 1);
    else if (keyIs('isCompactSummary')) flagInto(S_FLAGS, F_COMPACT_SUMMARY, 1);
    else if (keyIs('message')) {
      if (messageSeen) return 0;
      messageSeen = true;
      message(1);
    }
    else skip(1);
    if (giveUp) return 0;
    if (!next(0x7d)) break;
  }
  if (giveUp) return 0;
  ws();
  if (pos != end) return 0;
  return 1;
}
