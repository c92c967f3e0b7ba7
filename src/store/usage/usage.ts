/**
 * Usage aggregation over session summaries (the `usage` command and the cost
 * view): pure, money in integer micro-USD, unknown cost kept apart from zero.
 * A session's copies of calls another session counts (SessionSummary.copies:
 * a fork, an old-style resume; ADAPTERS.md counts such a call once across
 * files) are taken out of its figures first, in every grouping and in the
 * totals, so each billed call is counted once.
 */
import { addTokens, anyOverflowed, isOverflowed, SUM_CAP, subTokens } from '../counts.js';
import type { CopiedUsage, SessionSummary, Tokens } from '../types.js';
import { NO_ENDPOINT_LABEL, NO_MODEL_LABEL } from './row-text.js';
import { spentNothing } from '../../format/numbers.js';
import { sessionCalls } from '../../format/session-cells.js';
import { dayKeyOf, inWindow, type TimeWindow } from './window.js';

/** One row of a usage table (DESIGN.md, `usage --json`). */
export interface UsageRow {
  /**
   * Group key: `provider/model` or `(no model)` (by model), `vendor|endpoint`
   * or `(no endpoint)` (by endpoint: neither recorded, row-text.ts), `YYYY-MM-DD` (by day), the session id (by session), `total`.
   */
  key: string;
  /** Provider (by model, by session), vendor (by endpoint); '' for day rows and totals. */
  provider: string;
  /** Model (by model, by session); '' for endpoint and day rows and totals. */
  model: string;
  /** By session only: the session's project (an id may be in two projects: two rows, told apart by this). */
  projectId?: string;
  sessions: number;
  successSessions: number;
  failedSessions: number;
  inputTokens: number;
  outputTokens: number;
  /**
   * input + output + cache read + cache write of the row's shares (tokens):
   * one definition for every source, as every view shows tokens
   * (format/numbers.ts shownTokens). A session's own `tokens.total` is its
   * source's (our formats' leaves cache out, FORMAT.md §3; the agents' count
   * it in), so a sum of those mixed unlike figures in one row.
   */
  totalTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** Sum of the sessions' durations (a session in several model rows adds to each). */
  durationMs: number;
  /**
   * Sum of the known costs; null when no session in the row had a known
   * cost: unknown when `unknownCostSessions` > 0 (tokens with no price),
   * else nothing was spent on tokens (sessions with none; printed '–',
   * row-text.ts costText).
   */
  knownCostUsd: number | null;
  /** Same figure in integer micro-USD. */
  knownCostMicros: number | null;
  /** Sessions with tokens or calls but no price: their cost is not in knownCost. */
  unknownCostSessions: number;
  /** Sessions whose tokens are estimates (turns logs: characters / 3): the row's tokens are then approximate. */
  estimatedTokenSessions: number;
  /**
   * Calls of this row's sessions left out because another session counts
   * them (SessionSummary.copies: a fork or resume copied them into this
   * session's file); the row's tokens and cost are net of them. 0 for most rows.
   */
  copiedCalls: number;
  /** Cost of those copies in micro-USD (counted where the calls are counted, not here); null when unpriced or none. */
  copiedCostMicros: number | null;
  /** success / (success + failed); null when neither. */
  successRate: number | null;
  /**
   * The share of prompt tokens read from a cache: cacheRead / (input +
   * cacheRead + cacheWrite), `input` being what was neither read from nor
   * written to a cache (issue 8's token fields). A cache write is a miss (the
   * prefix was not cached, and was written at a premium): left out of the
   * denominator, a Claude session that wrote 14k and read 12k read 100%
   * (Anthropic's prompt-caching docs count hits over all three). Null when
   * all three are 0, and null (unknown, see {@link cacheHitUnknown}) when a
   * sum is capped: a ratio of a capped sum would print an exact-looking
   * wrong figure.
   */
  cacheHitRate: number | null;
  /**
   * What one success costs: the known cost of the runs with an outcome
   * (success or failed, so failures count against it) / their successes.
   * Sessions without an outcome (a store or turns log) stay out of both, so
   * their spend does not inflate it. null with no success of known cost.
   * When that cost is capped (past 2^53 - 1 micro-USD), so is this: the cap
   * in USD, shown as "overflow", never the cap divided as if it were exact.
   */
  costPerSuccess: number | null;
  /** outputTokens / seconds of duration; null when the duration is 0, or when outputTokens is capped (unknown). */
  outputTokensPerSecond: number | null;
  /**
   * Present (true) when a token or cost sum of this row passed 2^53 - 1:
   * that figure is capped at Number.MAX_SAFE_INTEGER (counts.ts) and is not
   * exact; printers show it as "overflow".
   */
  overflowed?: true;
}

/** How rows are grouped. */
export type UsageGrouping = 'model' | 'endpoint' | 'day' | 'session';

export interface UsageOptions {
  by: UsageGrouping;
  /** Only sessions whose `updatedAt` falls in this window; null/absent = all. */
  window?: TimeWindow | null;
  /** Zone of the day keys (by day). Default UTC. */
  tz?: string;
}

export interface UsageReport {
  window: TimeWindow | null;
  rows: UsageRow[];
  /** Every filtered session counted once, with its whole-session figures; key `total`. */
  totals: UsageRow;
}

/** One session's share of one row. */
interface Part {
  key: string;
  provider: string;
  model: string;
  tokens: Tokens;
  calls: number;
  costMicros: number | null;
  /** Copies taken out of this share (calls, cost). */
  copied?: { calls: number; costMicros: number | null };
}

interface Acc {
  key: string;
  projectId?: string;
  provider: string;
  model: string;
  sessions: number;
  success: number;
  failed: number;
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  durationMs: number;
  micros: number;
  anyKnown: boolean;
  unknown: number;
  estimated: number;
  successKnown: number;
  /** Known cost of the sessions with an outcome (success or failed). */
  outcomeMicros: number;
  copiedCalls: number;
  copiedMicros: number;
  anyCopiedKnown: boolean;
}

function newAcc(key: string, provider: string, model: string): Acc {
  return {
    key, provider, model, sessions: 0, success: 0, failed: 0, input: 0, output: 0,
    cacheRead: 0, cacheWrite: 0, durationMs: 0, micros: 0, anyKnown: false, unknown: 0, estimated: 0, successKnown: 0, outcomeMicros: 0,
    copiedCalls: 0, copiedMicros: 0, anyCopiedKnown: false,
  };
}

function sessionMicros(s: SessionSummary): number | null {
  if (s.costMicros !== null && Number.isFinite(s.costMicros)) return s.costMicros;
  if (s.costUsd !== null && Number.isFinite(s.costUsd)) return Math.round(s.costUsd * 1e6);
  return null;
}

function modelKey(provider: string, model: string): string {
  if (!model) return NO_MODEL_LABEL;
  if (model.startsWith(`${provider}/`)) return model;
  return `${provider}/${model}`;
}

/** A session's whole-session figures, net of its copies. */
function wholeOf(s: SessionSummary): Part {
  const whole: Part = {
    key: '',
    provider: s.provider,
    model: s.model,
    tokens: s.tokens,
    calls: sessionCalls(s),
    costMicros: sessionMicros(s),
  };
  const c = s.copies;
  return c ? net(whole, { calls: c.calls, tokens: c.tokens, costMicros: c.costMicros }) : whole;
}

/**
 * True when every call of `s` is a copy another session counts (a fork that
 * only copied): it adds to no model or endpoint row, yet it is one of the
 * totals' sessions and its time is in the totals' duration.
 */
export function isFullyCopied(s: SessionSummary): boolean {
  return s.copies !== undefined && isIdle(wholeOf(s));
}

/** `a - b`, never below 0 (a copy's figures are part of the session's). */
/** a - b, at least 0; a capped sum stays capped (counts.ts: what was in it is no longer known). */
const minus = (a: number, b: number): number => Math.max(0, subTokens(a, b));

/**
 * A share less the copies in it: tokens, calls and cost. An unknown cost
 * stays unknown; a known one less copies of unknown price is left as is
 * (those copies were priced nowhere in it).
 */
function net(p: Part, copied: { calls: number; tokens: Tokens; costMicros: number | null }): Part {
  const a = p.tokens;
  const b = copied.tokens;
  const tokens: Tokens = {
    input: minus(a.input, b.input),
    output: minus(a.output, b.output),
    cacheRead: minus(a.cacheRead, b.cacheRead),
    cacheWrite: minus(a.cacheWrite, b.cacheWrite),
    total: minus(a.total, b.total),
    estimated: a.estimated,
  };
  for (const k of ['reasoning', 'cacheWrite5m', 'cacheWrite1h'] as const) if (a[k] !== undefined) tokens[k] = minus(a[k], b[k] ?? 0);
  return {
    ...p,
    tokens,
    calls: minus(p.calls, copied.calls),
    costMicros: p.costMicros === null ? null : minus(p.costMicros, copied.costMicros ?? 0),
    copied: { calls: copied.calls, costMicros: copied.costMicros },
  };
}

/** The copies of `c` that fall in the share keyed `key` (a model key `provider/model`, or an endpoint key `vendor|endpoint`). */
function copiedIn(c: CopiedUsage | undefined, by: 'model' | 'endpoint', key: string): { calls: number; tokens: Tokens; costMicros: number | null } | undefined {
  if (!c) return undefined;
  if (by === 'model') return c.models.find((m) => modelKey(m.provider, m.model) === key);
  return c.endpoints.find((e) => e.key === key);
}

/** The copies of two shares together. */
function addCopied(a: Part['copied'], b: Part['copied']): NonNullable<Part['copied']> {
  const none = { calls: 0, costMicros: null };
  const x = a ?? none;
  const y = b ?? none;
  return { calls: x.calls + y.calls, costMicros: x.costMicros === null ? y.costMicros : addTokens(x.costMicros, y.costMicros ?? 0) };
}

/** Two shares of one session that land in the same row (e.g. a model listed twice) become one. */
function mergeParts(parts: Part[]): Part[] {
  if (parts.length < 2) return parts;
  const byKey = new Map<string, Part>();
  for (const p of parts) {
    const seen = byKey.get(p.key);
    if (!seen) {
      byKey.set(p.key, p);
      continue;
    }
    const a = seen.tokens;
    const b = p.tokens;
    byKey.set(p.key, {
      ...seen,
      tokens: {
        input: addTokens(a.input, b.input),
        output: addTokens(a.output, b.output),
        cacheRead: addTokens(a.cacheRead, b.cacheRead),
        cacheWrite: addTokens(a.cacheWrite, b.cacheWrite),
        total: addTokens(a.total, b.total),
        estimated: a.estimated || b.estimated,
      },
      calls: seen.calls + p.calls,
      costMicros: seen.costMicros === null || p.costMicros === null ? null : addTokens(seen.costMicros, p.costMicros),
      ...(seen.copied || p.copied ? { copied: addCopied(seen.copied, p.copied) } : {}),
    });
  }
  return [...byKey.values()];
}

/** The rows a session contributes to, with the figures it brings to each. */
function partsOf(s: SessionSummary, by: UsageGrouping, tz: string): Part[] {
  const whole = wholeOf(s);
  switch (by) {
    case 'session':
      return [{ ...whole, key: s.id }];
    case 'day':
      return [{ ...whole, key: dayKeyOf(s.updatedAt, tz) || '(no date)', provider: '', model: '' }];
    case 'model':
      if (s.models.length === 0) return [{ ...whole, key: modelKey(s.provider, s.model) }];
      return s.models.map((m) => {
        const key = modelKey(m.provider, m.model);
        const part: Part = {
          key,
          provider: m.provider,
          model: m.model,
          tokens: m.tokens,
          calls: m.calls,
          // A single-model session's recorded cost (events `session.end` cost_usd) is that model's cost.
          costMicros: m.costMicros ?? (s.models.length === 1 ? sessionMicros(s) : null),
        };
        const copied = copiedIn(s.copies, 'model', key);
        return copied ? net(part, copied) : part;
      });
    case 'endpoint':
      if (s.endpoints.length === 0) return [{ ...whole, key: NO_ENDPOINT_LABEL, provider: '', model: '' }];
      return s.endpoints.map((e) => {
        const part: Part = {
          // Usage keyed `|` names no endpoint either: the same row as a session with no endpoint usage at all.
          key: e.vendor === '' && e.endpoint === '' ? NO_ENDPOINT_LABEL : e.key,
          provider: e.vendor,
          model: '',
          tokens: e.tokens,
          calls: e.calls,
          costMicros: e.costMicros ?? (s.endpoints.length === 1 ? sessionMicros(s) : null),
        };
        const copied = copiedIn(s.copies, 'endpoint', e.key);
        return copied ? net(part, copied) : part;
      });
    default:
      return by satisfies never;
  }
}

function isIdle(p: Part): boolean {
  return spentNothing(p.tokens, p.calls);
}

/** The share's copies (calls counted in another session) into the row's copied figures. */
function addCopies(acc: Acc, p: Part): void {
  if (!p.copied) return;
  acc.copiedCalls += p.copied.calls;
  if (p.copied.costMicros !== null) {
    acc.copiedMicros = addTokens(acc.copiedMicros, p.copied.costMicros);
    acc.anyCopiedKnown = true;
  }
}

function add(acc: Acc, s: SessionSummary, p: Part): void {
  addCopies(acc, p);
  const ok = s.status === 'success';
  acc.sessions += 1;
  if (ok) acc.success += 1;
  if (s.status === 'failed') acc.failed += 1;
  acc.input = addTokens(acc.input, p.tokens.input);
  acc.output = addTokens(acc.output, p.tokens.output);
  acc.cacheRead = addTokens(acc.cacheRead, p.tokens.cacheRead);
  acc.cacheWrite = addTokens(acc.cacheWrite, p.tokens.cacheWrite);
  if (Number.isFinite(s.durationMs) && s.durationMs > 0) acc.durationMs += s.durationMs;
  if (p.tokens.estimated && p.tokens.total > 0) acc.estimated += 1;
  if (p.costMicros !== null) {
    acc.micros = addTokens(acc.micros, p.costMicros);
    acc.anyKnown = true;
    if (ok) acc.successKnown += 1;
    if (ok || s.status === 'failed') acc.outcomeMicros = addTokens(acc.outcomeMicros, p.costMicros);
  } else if (!isIdle(p)) {
    acc.unknown += 1;
  }
}

function ratio(num: number, den: number): number | null {
  return den > 0 ? num / den : null;
}

function toRow(a: Acc): UsageRow {
  const knownCostMicros = a.anyKnown ? a.micros : null;
  // The four kinds summed (UsageRow.totalTokens), capped as each sum is (counts.ts).
  const total = addTokens(addTokens(a.input, a.output), addTokens(a.cacheRead, a.cacheWrite));
  const overflowed = [a.input, a.output, total, a.cacheRead, a.cacheWrite, a.micros].some(isOverflowed);
  const knownCostUsd = knownCostMicros === null ? null : knownCostMicros / 1e6;
  return {
    key: a.key,
    provider: a.provider,
    model: a.model,
    ...(a.projectId !== undefined ? { projectId: a.projectId } : {}),
    sessions: a.sessions,
    successSessions: a.success,
    failedSessions: a.failed,
    inputTokens: a.input,
    outputTokens: a.output,
    totalTokens: total,
    cacheReadTokens: a.cacheRead,
    cacheWriteTokens: a.cacheWrite,
    durationMs: a.durationMs,
    knownCostUsd,
    knownCostMicros,
    unknownCostSessions: a.unknown,
    estimatedTokenSessions: a.estimated,
    copiedCalls: a.copiedCalls,
    copiedCostMicros: a.anyCopiedKnown ? a.copiedMicros : null,
    successRate: ratio(a.success, a.success + a.failed),
    // A capped sum is no count: a ratio of it is unknown, not a figure (counts.ts).
    cacheHitRate: anyOverflowed(a.cacheRead, a.input, a.cacheWrite) ? null : ratio(a.cacheRead, a.input + a.cacheRead + a.cacheWrite),
    costPerSuccess: a.successKnown === 0 ? null : isOverflowed(a.outcomeMicros) ? SUM_CAP / 1e6 : ratio(a.outcomeMicros / 1e6, a.successKnown),
    outputTokensPerSecond: isOverflowed(a.output) ? null : ratio(a.output, a.durationMs / 1000),
    ...(overflowed ? { overflowed: true as const } : {}),
  };
}

/** Highest known cost first (unknown below zero), then most tokens, then key. */
function byCost(a: UsageRow, b: UsageRow): number {
  return (
    (b.knownCostMicros ?? -1) - (a.knownCostMicros ?? -1) ||
    b.totalTokens - a.totalTokens ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/**
 * True when a row's cache hit rate is unknown rather than absent: its input,
 * cache-read or cache-write sum passed 2^53 - 1 and is capped (counts.ts), so
 * `cacheHitRate` is null though there are tokens. Printers show it as
 * unknown ('?'), where a null from no tokens at all is '–'.
 */
export function cacheHitUnknown(r: Pick<UsageRow, 'inputTokens' | 'cacheReadTokens' | 'cacheWriteTokens'>): boolean {
  return anyOverflowed(r.inputTokens, r.cacheReadTokens, r.cacheWriteTokens);
}

/**
 * Groups sessions into usage rows. A session belongs to the window (and to
 * the day) of its last activity, `updatedAt`. By model, a session with a
 * per-model split counts once in each model row it used, with that model's
 * tokens and cost; without a split it counts under its main provider/model.
 * By endpoint, sessions with no endpoint usage, and usage that names neither
 * vendor nor endpoint, go to the one `(no endpoint)` row. Rows
 * are sorted by known cost, then tokens; day rows by day ascending.
 */
export function aggregateUsage(sessions: SessionSummary[], opts: UsageOptions): UsageReport {
  const window = opts.window ?? null;
  const tz = opts.tz ?? 'UTC';
  const groups = new Map<string, Acc>();
  const total = newAcc('total', '', '');
  for (const s of sessions) {
    if (!inWindow(s.updatedAt, window)) continue;
    add(total, s, wholeOf(s));
    for (const p of mergeParts(partsOf(s, opts.by, tz))) {
      // By session each summary is its own row, even when two projects share an id.
      const mapKey = opts.by === 'session' ? `${s.path}\0${s.id}` : p.key;
      let acc = groups.get(mapKey);
      if (!acc) {
        groups.set(mapKey, (acc = newAcc(p.key, p.provider, p.model)));
        if (opts.by === 'session') acc.projectId = s.projectId;
      }
      // A model (endpoint) share that was nothing but copies is counted in another session's row: this
      // session is not in that row, but its copies are named there, so the rows' copies add up to the totals'.
      if (p.copied && isIdle(p) && (opts.by === 'model' || opts.by === 'endpoint')) addCopies(acc, p);
      else add(acc, s, p);
    }
  }
  const rows = [...groups.values()].map(toRow);
  rows.sort(opts.by === 'day' ? (a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : byCost);
  return { window, rows, totals: toRow(total) };
}
