/**
 * Times for people. Recorded times are ISO-8601 strings; "now" is always
 * passed in so that views and tests agree on one clock. Every calendar time
 * is shown in one IANA zone (FORMAT.md §3 "Time windows": the user's zone,
 * `--tz` or the config `timeZone`); the app resolves it once and passes it
 * down. The `'UTC'` defaults here serve library callers and unit tests only.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "just now" (under 45 s either way), "5m ago", "2h ago", "3d ago",
 * "5w ago" (7 to 59 days), "4mo ago" (whole calendar months, 2 at least),
 * "2y ago" (whole calendar years); a future time reads "in 5m". Units are
 * floored, with a floor of 1 ("1m ago" from 45 s). An unparsable time
 * gives "?".
 */
export function relativeTime(iso: string, nowMs: number): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t) || !Number.isFinite(nowMs)) return '?';
  const diff = nowMs - t;
  const abs = Math.abs(diff);
  if (abs < 45_000) return 'just now';
  const span = spanText(Math.min(t, nowMs), Math.max(t, nowMs));
  return diff < 0 ? `in ${span}` : `${span} ago`;
}

function spanText(from: number, to: number): string {
  const abs = to - from;
  if (abs < HOUR) return `${Math.max(1, Math.floor(abs / MINUTE))}m`;
  if (abs < DAY) return `${Math.floor(abs / HOUR)}h`;
  const days = Math.floor(abs / DAY);
  if (days < 7) return `${days}d`;
  if (days < 60) return `${Math.floor(days / 7)}w`;
  // Months and years by the calendar (UTC), not by an average length: two years to the day read "2y"
  // whatever the leap days between, and the months go on from "8w" at "2mo".
  const months = calendarMonths(from, to);
  if (months < 12) return `${Math.max(2, months)}mo`;
  return `${Math.floor(months / 12)}y`;
}

/** Whole calendar months (UTC) from `from` to `to` (ms, `from` <= `to`): 2026-01-31 → 2026-02-28 is 0, → 2026-03-31 is 2. */
function calendarMonths(from: number, to: number): number {
  const a = new Date(from);
  const b = new Date(to);
  const months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  // Not yet the same day and time of the month: one month fewer.
  const within = (d: Date): number => ((d.getUTCDate() * 24 + d.getUTCHours()) * 60 + d.getUTCMinutes()) * 60_000 + d.getUTCSeconds() * 1000 + d.getUTCMilliseconds();
  return within(b) < within(a) ? months - 1 : months;
}

/** One formatter per zone: building an Intl.DateTimeFormat is the slow part. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The shared Intl formatter of zone `tz` (24-hour, every field numeric),
 * built once per zone. Throws RangeError for a zone Intl does not know:
 * the CLI validates --tz with it.
 */
export function zoneFormatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(tz, f);
  }
  return f;
}

function partsIn(ms: number, tz: string): Record<string, string> {
  const f = zoneFormatter(tz);
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(ms)) out[p.type] = p.value;
  return out;
}

/** UTC needs no Intl lookup: toISOString is exact and much faster. */
function isUtc(tz: string): boolean {
  return tz === 'UTC' || tz === 'Etc/UTC';
}

/**
 * "2026-11-20 09:42" — minutes precision, in UTC by default or in the IANA
 * zone `tz`. An unparsable time gives "?".
 */
export function formatDateTime(iso: string, tz = 'UTC'): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '?';
  if (isUtc(tz)) {
    const s = new Date(ms).toISOString();
    return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
  }
  const p = partsIn(ms, tz);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** Calendar day "2026-11-20" of `iso` in `tz` (UTC default); unparsable → "?". */
export function dayKey(iso: string, tz = 'UTC'): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '?';
  if (isUtc(tz)) return new Date(ms).toISOString().slice(0, 10);
  const p = partsIn(ms, tz);
  return `${p.year}-${p.month}-${p.day}`;
}

/**
 * "09:30:05" (or "09:30" without seconds) of an ISO time in the IANA zone
 * `tz` (UTC default); '' when unknown.
 */
export function clock(iso: string | null, seconds = true, tz = 'UTC'): string {
  const ms = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(ms)) return '';
  if (isUtc(tz)) return new Date(ms).toISOString().slice(11, seconds ? 19 : 16);
  const p = partsIn(ms, tz);
  return seconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
}

/**
 * The zone the user's clock shows: `$TZ` when it names an IANA zone Intl
 * knows (a leading ':' as in `TZ=:Asia/Tokyo` is allowed), else the system
 * zone Intl resolves, else 'UTC'. A `TZ` Intl cannot use is not an error:
 * the user did not ask us for it, so the system zone stands in.
 */
export function userTimeZone(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.TZ?.replace(/^:/, '').trim();
  if (fromEnv && isKnownZone(fromEnv)) return canonicalZone(fromEnv);
  const system = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return system && isKnownZone(system) ? system : 'UTC';
}

function isKnownZone(tz: string): boolean {
  try {
    zoneFormatter(tz);
    return true;
  } catch {
    return false;
  }
}

/**
 * Intl's spelling of a zone ('asia/tokyo' → 'Asia/Tokyo'), for headings.
 * Throws RangeError for a zone Intl does not know.
 */
export function canonicalZone(tz: string): string {
  return zoneFormatter(tz).resolvedOptions().timeZone ?? tz;
}
