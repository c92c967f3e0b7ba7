/**
 * Numbers, tokens, money and durations as people read them. Money is kept in
 * integer micro-USD everywhere (format §3) and only turned into dollars here,
 * at the edge. Unknown is never shown as zero: an unknown cost is '?'.
 */

/** Made on first use, like graphemes.ts's segmenter: `--version` and `--json` output format no number this way. */
let intFormatMade: Intl.NumberFormat | undefined;
const intFormat = (): Intl.NumberFormat => (intFormatMade ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }));

/**
 * What a sum of tokens or micro-USD that passed 2^53 - 1 prints as. The
 * store caps such sums at Number.MAX_SAFE_INTEGER (store/counts.ts); past
 * it a double no longer counts by one, so no digits are shown as if exact.
 */
export const OVERFLOW_TEXT = 'overflow';
const overflowed = (n: number): boolean => n >= Number.MAX_SAFE_INTEGER;

/** Integer with thousands separators: 12345 → "12,345". Non-finite → "–"; 2^53 - 1 and above → "overflow". */
export function formatInt(n: number): string {
  if (!Number.isFinite(n)) return '–';
  if (overflowed(n)) return OVERFLOW_TEXT;
  // Math.round first so -0.4 prints "0", not "-0".
  return intFormat().format(Math.round(n) + 0);
}

/**
 * A count and its noun, agreeing in number: (1, 'session') → "1 session",
 * (2, 'session') → "2 sessions", (1200, 'match', 'matches') → "1,200 matches".
 */
export function countNoun(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatInt(n)} ${n === 1 ? singular : plural}`;
}

const TOKEN_UNITS = [
  { size: 1e15, suffix: 'P' },
  { size: 1e12, suffix: 'T' },
  { size: 1e9, suffix: 'B' },
  { size: 1e6, suffix: 'M' },
  { size: 1e3, suffix: 'k' },
] as const;

/** One decimal below 10 units ("1.2k"), none above ("34k"); a ".0" is dropped. */
function compact(value: number): string {
  const s = value < 10 ? value.toFixed(1) : Math.round(value).toString();
  return s.endsWith('.0') ? s.slice(0, -2) : s;
}

/**
 * Any count in compact units: 950 → "950", 1234 → "1.2k", 34000 → "34k",
 * 1.5e6 → "1.5M", 2.1e9 → "2.1B" (then T, P). A capped sum (2^53 - 1 and
 * above) → "overflow".
 */
export function formatCompactCount(n: number): string {
  return formatTokens(n);
}

/**
 * Compact token count, as {@link formatCompactCount}; `estimated` prefixes
 * "~" (turns dialect).
 */
export function formatTokens(n: number, estimated = false): string {
  const prefix = estimated ? '~' : '';
  if (!Number.isFinite(n)) return '–';
  if (overflowed(n)) return OVERFLOW_TEXT;
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(Math.round(n));
  if (abs < 1000) return `${prefix}${sign}${abs}`;
  // Walk up from the smallest unit so 999,960 becomes "1M", not "1000k".
  for (let i = TOKEN_UNITS.length - 1; i >= 0; i--) {
    const unit = TOKEN_UNITS[i]!;
    const text = compact(abs / unit.size);
    if (Number(text) < 1000 || i === 0) return `${prefix}${sign}${text}${unit.suffix}`;
  }
  return `${prefix}${sign}${abs}`;
}

/** Integer micro-USD → USD. */
export function microsToUsd(micros: number): number {
  return micros / 1e6;
}

/** USD → integer micro-USD (rounded), the unit money is summed in. */
export function usdToMicros(usd: number): number {
  return Math.round(usd * 1e6);
}

/**
 * The tokens shown for a session, a model, an endpoint or a call: input +
 * output + cache read + cache write, by one definition for every source.
 * A source's own `total` differs: our formats' `total_tokens` defaults to
 * input + output (FORMAT.md §3) while Claude, Codex and Gemini count cached
 * input in, so a list that showed `total` put a native session's 9.5k
 * beside an agent's 17M of mostly cache reads. `--json` keeps `total` as
 * each source defines it. A sum past 2^53 - 1 prints as `overflow`.
 */
export function shownTokens(t: { input: number; output: number; cacheRead: number; cacheWrite: number }): number {
  return t.input + t.output + t.cacheRead + t.cacheWrite;
}

/**
 * True when a session (or a share of one) spent nothing that could cost:
 * no call and no token of any kind. Its stored cost is null (no tokens is
 * not free), yet no price is missing, so it shows `–`, not the unknown
 * cost's `?` (usage.ts row rule, store/usage/row-text.ts costText; the
 * list's cost cell, session-cells.ts).
 */
export function spentNothing(t: { input: number; output: number; cacheRead: number; cacheWrite: number; total: number }, calls: number): boolean {
  return calls === 0 && t.input === 0 && t.output === 0 && t.cacheRead === 0 && t.cacheWrite === 0 && t.total === 0;
}

/**
 * Money for display: null → "?" (unknown, never "$0"), 0 → "$0.00",
 * under a cent → "$0.0042" (4 decimals; below $0.0001 "<$0.0001" so a tiny
 * real cost never reads as zero), under $100 → "$12.34", else "$1,234";
 * a capped sum (2^53 - 1 micro-USD and above) → "overflow".
 */
export function formatUsd(micros: number | null): string {
  if (micros === null || !Number.isFinite(micros)) return '?';
  if (overflowed(micros)) return OVERFLOW_TEXT;
  if (micros === 0) return '$0.00';
  const sign = micros < 0 ? '-' : '';
  const abs = Math.abs(micros);
  const usd = abs / 1e6;
  if (abs < 100) return `${sign}<$0.0001`;
  if (abs < 10_000) return `${sign}$${usd.toFixed(4)}`;
  if (abs < 99_995_000) return `${sign}$${usd.toFixed(2)}`;
  return `${sign}$${formatInt(usd)}`;
}

/** Ratio as a percentage: 0.4567 → "46%" (digits = decimals); null → "–". */
export function formatPercent(ratio: number | null, digits = 0): string {
  if (ratio === null || !Number.isFinite(ratio)) return '–';
  return `${(ratio * 100).toFixed(digits)}%`;
}

/**
 * Duration at the precision people care about: "850ms", "4.2s", "3m 05s",
 * "2h 10m", "3d 4h". Each unit is rounded before it is split, so 59,960 ms
 * reads "1m 00s", never "60.0s". Negative (clock skew) reads "0ms".
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 0) ms = 0;
  const wholeMs = Math.round(ms);
  if (wholeMs < 1000) return `${wholeMs}ms`;
  const tenths = Math.round(ms / 100);
  if (tenths < 600) return `${(tenths / 10).toFixed(1)}s`;
  const secs = Math.round(ms / 1000);
  if (secs < 3600) return `${Math.floor(secs / 60)}m ${pad2(secs % 60)}s`;
  const mins = Math.round(ms / 60_000);
  if (mins < 1440) return `${Math.floor(mins / 60)}h ${pad2(mins % 60)}m`;
  const hours = Math.round(ms / 3_600_000);
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
