/**
 * What the cost view shows, computed without React: the window's totals and
 * per-model rows (both from `aggregateUsage`, so the view and `usage --json`
 * always agree), and the cost chart's buckets.
 */
import { addTokens } from '../store/counts.js';
import type { SessionSummary } from '../store/types.js';
import { aggregateUsage, type UsageRow } from '../store/usage/usage.js';
import { dayKeyOf, inWindow, parseSince, type TimeWindow } from '../store/usage/window.js';

/** The windows `w` cycles through, relative to "now", in whole days of the browser's zone. */
export type CostWindowName = 'today' | '7d' | '30d' | 'all';

/** One bar of the chart: a calendar day of the zone, or a week starting on Monday. */
export interface CostBucket {
  /** `YYYY-MM-DD` of the day (or of the week's Monday). */
  key: string;
  /** Known cost in micro-USD; null when no session in it had a known cost. */
  costMicros: number | null;
  sessions: number;
  unknownCostSessions: number;
}

/** Everything the cost view draws. */
export interface CostModel {
  window: TimeWindow | null;
  totals: UsageRow;
  /** Per-model rows, highest known cost first. */
  models: UsageRow[];
  /** Per-endpoint rows (`usage --by endpoint`), highest known cost first. */
  endpoints: UsageRow[];
  /** 'day' for today/7d/30d and for 'all' spanning ≤ 30 days, else 'week'. */
  unit: 'day' | 'week';
  /** Oldest first, with empty days/weeks filled in. */
  buckets: CostBucket[];
  /**
   * Sessions of the window with no prompt of their own (format §4 `empty`):
   * counted in `totals.sessions` (usage counts every session, format §2.1)
   * though the list hides them, so the view says how many.
   */
  emptySessions: number;
}

const DAY_MS = 86_400_000;
/** Beyond this many days, 'all' is drawn one bar per week. */
export const MAX_DAILY_BARS = 30;

/**
 * The time window of a cost-view window name (null = all time): whole days
 * of the IANA zone `tz`, the same window as `usage --since NAME --tz TZ`
 * (FORMAT.md §3).
 */
export function costWindow(name: CostWindowName, nowMs: number, tz = 'UTC'): TimeWindow | null {
  return name === 'all' ? null : parseSince(name, nowMs, tz);
}

/** The windows of the cost view, narrowest first: the order `w` cycles through them (browser-reducer.ts). */
export const COST_WINDOWS: readonly CostWindowName[] = ['today', '7d', '30d', 'all'];

/**
 * The first window, from `from` on in the order today, 7d, 30d, all, that
 * holds a session of `sessions` (by last activity, as {@link buildCostModel}
 * counts them); `from` when none does.
 */
export function firstWindowWithSessions(sessions: readonly SessionSummary[], from: CostWindowName, nowMs: number, tz = 'UTC'): CostWindowName {
  for (const name of COST_WINDOWS.slice(Math.max(0, COST_WINDOWS.indexOf(from)))) {
    const window = costWindow(name, nowMs, tz);
    if (!window || sessions.some((s) => inWindow(s.updatedAt, window))) return name;
  }
  return from;
}

function dayMs(key: string): number {
  return Date.parse(`${key}T00:00:00Z`);
}

/** The key of a UTC-midnight `ms` from dayMs: calendar arithmetic on day keys, whatever the zone. */
function dayKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Monday of the week holding the calendar day `key`. */
function mondayOf(key: string): string {
  const ms = dayMs(key);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday = 0
  return dayKey(ms - weekday * DAY_MS);
}

/** Day rows (from aggregateUsage by day) → contiguous buckets from `first` through `last`. */
function fillBuckets(dayRows: UsageRow[], first: string, last: string, unit: 'day' | 'week'): CostBucket[] {
  const byKey = new Map<string, CostBucket>();
  const step = unit === 'day' ? DAY_MS : 7 * DAY_MS;
  const start = unit === 'day' ? first : mondayOf(first);
  for (let t = dayMs(start); t <= dayMs(last); t += step) {
    const key = dayKey(t);
    byKey.set(key, { key, costMicros: null, sessions: 0, unknownCostSessions: 0 });
  }
  for (const row of dayRows) {
    if (Number.isNaN(dayMs(row.key))) continue; // "(no date)"
    const b = byKey.get(unit === 'day' ? row.key : mondayOf(row.key));
    if (!b) continue;
    b.sessions += row.sessions;
    b.unknownCostSessions += row.unknownCostSessions;
    if (row.knownCostMicros !== null) b.costMicros = addTokens(b.costMicros ?? 0, row.knownCostMicros);
  }
  return [...byKey.values()];
}

/**
 * Totals, per-model rows and chart buckets of `sessions` whose last activity
 * (`updatedAt`) falls in `name`'s window. For 'all', the chart runs from the
 * first day with a session to today: daily up to 30 days, weekly beyond.
 * Days (window, buckets, today) are calendar days of the IANA zone `tz`.
 */
export function buildCostModel(sessions: SessionSummary[], name: CostWindowName, nowMs: number, tz = 'UTC'): CostModel {
  const window = costWindow(name, nowMs, tz);
  const byModel = aggregateUsage(sessions, { by: 'model', window, tz });
  const byDay = aggregateUsage(sessions, { by: 'day', window, tz }).rows;
  const endpoints = aggregateUsage(sessions, { by: 'endpoint', window, tz }).rows;
  const today = dayKeyOf(new Date(nowMs).toISOString(), tz);
  let first: string;
  let unit: 'day' | 'week' = 'day';
  if (window) {
    first = dayKeyOf(window.start, tz);
  } else {
    const days = byDay.map((r) => r.key).filter((k) => !Number.isNaN(dayMs(k)));
    first = days.length > 0 ? days.reduce((a, b) => (a < b ? a : b)) : today;
    if (first > today) first = today;
    if ((dayMs(today) - dayMs(first)) / DAY_MS + 1 > MAX_DAILY_BARS) unit = 'week';
  }
  const last = window ? dayKeyOf(new Date(Date.parse(window.end) - 1).toISOString(), tz) : today;
  const buckets = byModel.totals.sessions === 0 ? [] : fillBuckets(byDay, first, last, unit);
  const emptySessions = sessions.filter((s) => s.empty && inWindow(s.updatedAt, window)).length;
  return { window, totals: byModel.totals, models: byModel.rows, endpoints, unit, buckets, emptySessions };
}
