/**
 * Time windows of `--since` (format §3) and calendar-day arithmetic in an IANA
 * time zone, with Intl only (no date library).
 */
import { parseDuration } from '../duration.js';
import { zoneFormatter } from '../../format/time.js';
import { shownValue } from '../../format/shown-value.js';

/** A span of time: ISO-8601 UTC strings, start inclusive, end exclusive. */
export interface TimeWindow {
  start: string;
  end: string;
}

/** The accepted `--since` forms, for error messages. */
export const SINCE_FORMS = 'today, Nd (e.g. 7d), a duration (e.g. 2w, 12h), YYYY-MM-DD, YYYY-MM-DD..YYYY-MM-DD';

/** A `--since` spec or `--tz` zone that cannot be understood (a usage error, exit 2). */
export class WindowSpecError extends Error {
  override name = 'WindowSpecError';
}

const DAY_MS = 86_400_000;
const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The zone's formatter (src/format/time.ts), with an unknown zone as a WindowSpecError. */
function formatter(tz: string): Intl.DateTimeFormat {
  try {
    return zoneFormatter(tz);
  } catch {
    throw new WindowSpecError(`unknown time zone ${shownValue(tz, { quote: true })}: use an IANA name such as UTC or Europe/Berlin`);
  }
}

/** Throws WindowSpecError when Intl does not know the zone `tz`. */
export function assertTimeZone(tz: string): void {
  formatter(tz);
}

/** Wall-clock time of `ms` in `tz`, as if that wall clock were UTC (ms, whole seconds). */
function wallMs(ms: number, tz: string): number {
  const v: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(ms)) {
    if (part.type !== 'literal') v[part.type] = Number(part.value);
  }
  return Date.UTC(v.year ?? 1970, (v.month ?? 1) - 1, v.day ?? 1, v.hour ?? 0, v.minute ?? 0, v.second ?? 0);
}

function isUtc(tz: string): boolean {
  return tz === 'UTC' || tz === 'Etc/UTC';
}

function dayKeyOfMs(ms: number, tz: string): string {
  const wall = isUtc(tz) ? ms : wallMs(ms, tz);
  return new Date(wall).toISOString().slice(0, 10);
}

/**
 * The calendar day (`YYYY-MM-DD`) of an ISO time in `tz`; '' when `iso` is not
 * a time.
 */
export function dayKeyOf(iso: string, tz = 'UTC'): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '' : dayKeyOfMs(ms, tz);
}

/** UTC midnight of a valid day key, or null for a malformed or impossible date (2026-02-30). */
function dayKeyUtcMs(dayKey: string): number | null {
  const m = DAY_KEY.exec(dayKey);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? ms : null;
}

function addDays(dayKey: string, n: number): string {
  const base = dayKeyUtcMs(dayKey);
  if (base === null) throw new RangeError(`not a day: ${dayKey}`);
  return new Date(base + n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The first instant (epoch ms) of the calendar day `dayKey` in `tz`. Usually
 * local midnight; where a DST change skips midnight (America/Santiago in
 * September) it is the first wall time that exists, e.g. 01:00.
 */
export function startOfDayMs(dayKey: string, tz: string): number {
  const guess = dayKeyUtcMs(dayKey);
  if (guess === null) throw new WindowSpecError(`${shownValue(dayKey, { quote: true })} is not a date (YYYY-MM-DD)`);
  if (isUtc(tz)) return guess;
  // Fast path: shift by the zone's offset, twice so an offset change near midnight settles.
  let t = guess - (wallMs(guess, tz) - guess);
  t = guess - (wallMs(t, tz) - t);
  if (dayKeyOfMs(t, tz) === dayKey && dayKeyOfMs(t - 1000, tz) < dayKey) return t;
  // Midnight does not exist that day: search for the first second that belongs to it.
  // Zone offsets stay within ±14 h, so the day starts between these bounds.
  let lo = guess - 36 * 3_600_000;
  let hi = guess + 36 * 3_600_000;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (dayKeyOfMs(mid, tz) >= dayKey) hi = mid;
    else lo = mid;
  }
  return hi;
}

function bad(spec: string, why: string): WindowSpecError {
  return new WindowSpecError(`bad --since ${shownValue(spec, { quote: true })}: ${why}; accepted forms: ${SINCE_FORMS}`);
}

function window(startMs: number, endMs: number): TimeWindow {
  return { start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString() };
}

/**
 * Parses a `--since` spec into a window of whole calendar days in `tz`:
 * - `today`: today;
 * - `Nd`: the last N calendar days including today (`1d` = today, `7d` = today and the 6 days before);
 * - a duration of `parseDuration` (`2w`, `36h`, `1h30m`): whole days (`2w`, `1w3d`)
 *   count like `Nd` (`2w` = `14d`); anything finer is the last span of that
 *   length, from `nowMs` minus the duration;
 * - `YYYY-MM-DD`: from that day through today;
 * - `YYYY-MM-DD..YYYY-MM-DD`: both days included.
 * Open-ended forms end at the start of tomorrow rather than at `nowMs`, so activity
 * written while the command runs still counts and the window is stable through the day.
 * `all` is not a window: see `parseWindowOption`.
 * Throws WindowSpecError (message lists SINCE_FORMS) on a bad spec, an impossible
 * date, a reversed range, a day after today, or an unknown zone.
 */
export function parseSince(spec: string, nowMs: number, tz = 'UTC'): TimeWindow {
  assertTimeZone(tz);
  const s = spec.trim().toLowerCase();
  const today = dayKeyOfMs(nowMs, tz);
  const tomorrowStart = startOfDayMs(addDays(today, 1), tz);
  if (s === 'today') return window(startOfDayMs(today, tz), tomorrowStart);

  const days = /^(\d+)d$/.exec(s);
  if (days) {
    const n = Number(days[1]);
    if (n < 1) throw bad(spec, 'the number of days must be at least 1');
    if (n > 100_000) throw bad(spec, 'too many days');
    return window(startOfDayMs(addDays(today, -(n - 1)), tz), tomorrowStart);
  }

  const range = /^(\d{4}-\d{2}-\d{2})(?:\.\.(\d{4}-\d{2}-\d{2}))?$/.exec(s);
  if (range) {
    const from = range[1] ?? '';
    const to = range[2];
    if (dayKeyUtcMs(from) === null) throw bad(spec, `${from} is not a date`);
    if (to === undefined) {
      if (from > today) throw bad(spec, `${from} is after today (${today})`);
      return window(startOfDayMs(from, tz), tomorrowStart);
    }
    if (dayKeyUtcMs(to) === null) throw bad(spec, `${to} is not a date`);
    if (to < from) throw bad(spec, `the range ends (${to}) before it starts (${from})`);
    return window(startOfDayMs(from, tz), startOfDayMs(addDays(to, 1), tz));
  }

  const duration = parseDuration(s);
  if (duration !== null) {
    if (duration <= 0) throw bad(spec, 'the duration must be more than 0');
    if (duration > 100_000 * DAY_MS) throw bad(spec, 'too long');
    if (duration % DAY_MS === 0) return parseSince(`${duration / DAY_MS}d`, nowMs, tz);
    return window(nowMs - duration, tomorrowStart);
  }

  throw bad(spec, s === '' ? 'it is empty' : s === 'all' ? '"all" means no --since at all' : 'unknown form');
}

/**
 * The window of an optional `--since` value: null (no filter) when absent or
 * `all`; otherwise `parseSince`, so a value given blank (`--since ''`, a
 * script's unset variable) is refused rather than read as "all time".
 */
export function parseWindowOption(spec: string | null | undefined, nowMs: number, tz = 'UTC'): TimeWindow | null {
  if (spec === undefined || spec === null || spec.trim().toLowerCase() === 'all') {
    assertTimeZone(tz);
    return null;
  }
  return parseSince(spec, nowMs, tz);
}

/** True when `iso` falls in `w` (start inclusive, end exclusive); always true for a null window. */
export function inWindow(iso: string, w: TimeWindow | null): boolean {
  if (!w) return true;
  const t = Date.parse(iso);
  return !Number.isNaN(t) && t >= Date.parse(w.start) && t < Date.parse(w.end);
}
