/**
 * Pieces every dialect fold shares. Fold state must stay plain JSON data
 * (it is persisted by the summary cache), so these work on plain objects.
 */
import { secretSafeCut } from '../../../format/secrets.js';
import { addTokens, isOverflowed, subTokens } from '../../counts.js';
import type { Tokens } from '../../types.js';

/**
 * A token usage object's counts (FORMAT.md §3 field names); any may be
 * missing. Values are as recorded: anything but a non-negative safe integer
 * is rejected by rawFromUsage (see isCount).
 */
export interface UsageCounts {
  input_tokens?: unknown;
  output_tokens?: unknown;
  cache_read_tokens?: unknown;
  cache_write_tokens?: unknown;
  total_tokens?: unknown;
}

/** Raw token counters kept in fold state. */
export interface RawTokens {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  /** Sum of recorded `total_tokens`, or input + output where none was recorded. */
  total: number;
  /** Part of `output` that was reasoning (other agents' sources only; absent: not recorded). */
  reasoning?: number;
  /** Parts of `cacheWrite` by cache lifetime (Claude only; absent: not recorded). */
  cacheWrite5m?: number;
  cacheWrite1h?: number;
  /**
   * How many recorded counts were rejected (not a non-negative safe integer:
   * 1e300, -5000, "12", true, 2^53+1) and read as 0. Set by rawFromUsage
   * only when non-zero; the summarizer counts it and addRaw never sums it.
   */
  rejected?: number;
}

/** The optional parts of {@link RawTokens}, added and subtracted like the rest when either side has them. */
const PARTS = ['reasoning', 'cacheWrite5m', 'cacheWrite1h'] as const;

/** A token count as it may be summed: a non-negative safe integer (1e300, -5, 1.5, "3", true and 2^53+1 are not). */
export const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/**
 * A money or duration figure as it may be summed: a finite, non-negative
 * number that stays a safe integer once multiplied by `scale` (1e6 for USD,
 * summed as micro-USD).
 */
export const isAmount = (v: unknown, scale = 1): v is number =>
  typeof v === 'number' && v >= 0 && v * scale <= Number.MAX_SAFE_INTEGER;

export const zeroRaw = (): RawTokens => ({ input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 });

/**
 * Reads a usage object (format §3): missing counts are 0, total defaults to
 * input + output. A count that is not a non-negative safe integer is read as
 * 0 and counted in `rejected` (absent and null are just missing).
 */
export function rawFromUsage(u: UsageCounts | undefined): RawTokens {
  const tally = { rejected: 0 };
  const input = readCount(u?.input_tokens, tally);
  const output = readCount(u?.output_tokens, tally);
  const raw: RawTokens = {
    input,
    output,
    cacheRead: readCount(u?.cache_read_tokens, tally),
    cacheWrite: readCount(u?.cache_write_tokens, tally),
    total: u?.total_tokens != null ? readCount(u.total_tokens, tally) : addTokens(input, output),
  };
  if (tally.rejected > 0) raw.rejected = tally.rejected;
  return raw;
}

/** How many recorded counts a reader rejected (see {@link readCount}). */
export interface CountTally {
  rejected: number;
}

/**
 * One recorded token count by the rule of {@link rawFromUsage}: absent and
 * null are 0; a non-negative safe integer is itself; anything else (1e17,
 * -5, "lots", 1.5) is 0 and counted in `tally.rejected`. Other agents'
 * readers (Claude, Codex, Gemini) read their usage objects with it too, so
 * an absurd count is flagged and left out of every total, never priced.
 */
export function readCount(v: unknown, tally: CountTally): number {
  if (v == null) return 0;
  if (isCount(v)) return v;
  tally.rejected++;
  return 0;
}

/** Adds `t` into `into`, each figure through addTokens (a sum past 2^53 - 1 is capped: counts.ts). */
export function addRaw(into: RawTokens, t: RawTokens): void {
  into.input = addTokens(into.input, t.input);
  into.output = addTokens(into.output, t.output);
  into.cacheRead = addTokens(into.cacheRead, t.cacheRead);
  into.cacheWrite = addTokens(into.cacheWrite, t.cacheWrite);
  into.total = addTokens(into.total, t.total);
  // The parts one by one, not a loop over their names: a keyed access by a varying name was a fifth of this fold's time.
  if (t.reasoning !== undefined) into.reasoning = addTokens(into.reasoning ?? 0, t.reasoning);
  if (t.cacheWrite5m !== undefined) into.cacheWrite5m = addTokens(into.cacheWrite5m ?? 0, t.cacheWrite5m);
  if (t.cacheWrite1h !== undefined) into.cacheWrite1h = addTokens(into.cacheWrite1h ?? 0, t.cacheWrite1h);
}

/** True when a figure of `t` is a capped sum (counts.ts isOverflowed). */
export const isOverflowedRaw = (t: RawTokens): boolean =>
  isOverflowed(t.input) || isOverflowed(t.output) || isOverflowed(t.cacheRead) || isOverflowed(t.cacheWrite) || isOverflowed(t.total);

/** Takes `t` back out of `from` (a usage copy replaced by a later one). */
export function subRaw(from: RawTokens, t: RawTokens): void {
  from.input = subTokens(from.input, t.input);
  from.output = subTokens(from.output, t.output);
  from.cacheRead = subTokens(from.cacheRead, t.cacheRead);
  from.cacheWrite = subTokens(from.cacheWrite, t.cacheWrite);
  from.total = subTokens(from.total, t.total);
  if (t.reasoning !== undefined) from.reasoning = subTokens(from.reasoning ?? 0, t.reasoning);
  if (t.cacheWrite5m !== undefined) from.cacheWrite5m = subTokens(from.cacheWrite5m ?? 0, t.cacheWrite5m);
  if (t.cacheWrite1h !== undefined) from.cacheWrite1h = subTokens(from.cacheWrite1h ?? 0, t.cacheWrite1h);
}

export const isZeroRaw = (t: RawTokens): boolean =>
  t.input === 0 && t.output === 0 && t.cacheRead === 0 && t.cacheWrite === 0 && t.total === 0;

/** The figures of `t` as a summary shows them: the counters and the parts recorded (never `rejected`, a count of flags). */
export function toTokens(t: RawTokens, estimated = false): Tokens {
  const tokens: Tokens = { input: t.input, output: t.output, cacheRead: t.cacheRead, cacheWrite: t.cacheWrite, total: t.total, estimated };
  for (const k of PARTS) if (t[k] !== undefined) tokens[k] = t[k];
  return tokens;
}

/**
 * The text of a message's `content`: a string as is; an array of parts has
 * its `text` parts joined and other part types shown by their type.
 */
export function textOfContent(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const out: string[] = [];
  for (const part of content) {
    if (typeof part === 'string') out.push(part);
    else if (part && typeof part === 'object') {
      const p = part as { type?: unknown; text?: unknown };
      if (typeof p.text === 'string' && (p.type === 'text' || p.type === undefined)) out.push(p.text);
      else out.push(`[${typeof p.type === 'string' ? p.type : 'part'}]`);
    }
  }
  return out.join('\n');
}

/** Only real text counts for "non-blank" (not the `[image]` placeholders). */
export function hasText(content: unknown): boolean {
  if (typeof content === 'string') return content.trim() !== '';
  if (!Array.isArray(content)) return false;
  return content.some((p) => {
    if (typeof p === 'string') return p.trim() !== '';
    const t = (p as { text?: unknown } | null)?.text;
    return typeof t === 'string' && t.trim() !== '';
  });
}

export const TITLE_MAX = 100;

/**
 * Whitespace collapsed, cut to 100 characters (code points, never half a
 * pair), and never through a secret-shaped value (format/secrets.ts
 * secretSafeCut: one that ends soon after the cut is kept whole, to be
 * masked where the title is shown, else the cut moves before it; either
 * way its first characters, too few to be known as a secret, are never
 * kept alone).
 */
export function cleanTitle(text: string): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  if (collapsed.length <= TITLE_MAX) return collapsed;
  const at = Array.from(collapsed).slice(0, TITLE_MAX).join('').length;
  return collapsed.slice(0, secretSafeCut(collapsed, at)).trimEnd();
}

/** How far past a cut a secret is looked for (a PEM private key, the longest shape, is a few KB). */
const SECRET_LOOKAHEAD = 8192;

/**
 * The first non-blank line of a text, uncleaned, at most a few titles long
 * (never splits the whole text), never cut through a secret (see
 * {@link cleanTitle}).
 */
export function rawFirstLine(text: string): string {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const max = start + TITLE_MAX * 8;
    const line = end <= max ? text.slice(start, end) : cutLine(text.slice(start, Math.min(end, max + SECRET_LOOKAHEAD)), max - start);
    if (line.trim() !== '') return line;
    start = end + 1;
  }
  return '';
}

/** `line` cut at `at`, or where secretSafeCut moves that cut (past or before a secret across it). */
const cutLine = (line: string, at: number): string => line.slice(0, secretSafeCut(line, at));

/** The first non-blank line of a text, cleaned as a title. */
export const firstLine = (text: string): string => cleanTitle(rawFirstLine(text));

/**
 * Notes a user prompt: the first one is cleaned once; the latest is kept raw
 * and cleaned only when the summary is made (most prompts are overwritten).
 */
export function notePrompt(s: { firstPrompt: string; lastPrompt: string }, text: string): void {
  if (!s.firstPrompt) s.firstPrompt = firstLine(text);
  s.lastPrompt = rawFirstLine(text);
}

/** Earliest and latest valid timestamps seen (ms), kept as numbers in state. */
export interface TimeSpan {
  first: number | null;
  last: number | null;
}

/** No session log predates this (2000-01-01T00:00:00Z): an earlier record time is impossible. */
export const EARLIEST_RECORD_MS = Date.UTC(2000, 0, 1);
/** Clock skew tolerated between a log's writer and its reader: a record time later than now + this is impossible. */
export const CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

/** A record time that could be true: from 2000 on and not after `notAfterMs` (the reader's clock plus the skew). */
export const isPossibleTime = (ms: number, notAfterMs: number): boolean => ms >= EARLIEST_RECORD_MS && ms <= notAfterMs;

/**
 * Widens the span by the time `iso`. Returns false when the time is
 * impossible: not a time at all ("not a time"), before 2000, or after
 * `notAfterMs`: it is left out of the span (so of ordering and ages), for
 * the caller to flag. An absent time is skipped and returns true.
 */
export function noteTime(span: TimeSpan, iso: string | undefined, notAfterMs = Infinity): boolean {
  if (!iso) return true;
  const ms = parseIso(iso);
  if (Number.isNaN(ms)) return false;
  if (!isPossibleTime(ms, notAfterMs)) return false;
  if (span.first === null || ms < span.first) span.first = ms;
  if (span.last === null || ms > span.last) span.last = ms;
  return true;
}

export function parseTime(iso: string | undefined | null): number | null {
  if (!iso) return null;
  const ms = parseIso(iso);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * `Date.parse(iso)` (ms since the epoch, NaN when not a time), with the
 * form nearly every record carries (`2026-11-20T09:00:05Z`, or with `.123`
 * before the Z) read digit by digit: Date.parse is a record's dearest
 * field. Only values that cannot differ take the short way (year 1000 on,
 * a day the month has, hours 0-23); the rest go to Date.parse.
 */
export function parseIso(iso: string): number {
  // A record's time is read twice (its span, then its call's time), and a streamed response's lines share one.
  if (iso === lastIso) return lastMs;
  lastMs = parseIsoOnce(iso);
  lastIso = iso;
  return lastMs;
}

/** The last time {@link parseIso} read, and what it gave. */
let lastIso = '';
let lastMs = Number.NaN;

function parseIsoOnce(iso: string): number {
  const n = iso.length;
  if ((n !== 20 && n !== 24) || iso.charCodeAt(n - 1) !== 0x5a /* Z */) return Date.parse(iso);
  if (iso.charCodeAt(4) !== 0x2d || iso.charCodeAt(7) !== 0x2d || iso.charCodeAt(10) !== 0x54 || iso.charCodeAt(13) !== 0x3a || iso.charCodeAt(16) !== 0x3a) return Date.parse(iso);
  if (n === 24 && iso.charCodeAt(19) !== 0x2e) return Date.parse(iso);
  const year = digits(iso, 0, 4);
  const month = digits(iso, 5, 2);
  const day = digits(iso, 8, 2);
  const hour = digits(iso, 11, 2);
  const minute = digits(iso, 14, 2);
  const second = digits(iso, 17, 2);
  const ms = n === 24 ? digits(iso, 20, 3) : 0;
  // -1 (not digits) fails every test below.
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0) {
    return Date.parse(iso);
  }
  return daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's days_from_civil): Date.UTC's day number, without its call. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The decimal number of `count` ASCII digits at `at`, or -1 when any is not a digit. */
function digits(s: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Counts code points: the "characters" of the turns token estimate. */
export function countChars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Short stable hash (FNV-1a, 32 bit) as hex: cheap, serialisable identity. */
export function hash32(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
