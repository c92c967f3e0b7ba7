/**
 * Usage buckets: token counts per vendor|endpoint|model as kept in fold
 * state, and their conversion to priced EndpointUsage / ModelUsage at
 * finish time (so a cached fold state stays valid when prices change).
 */
import { ownOrSet, setOwn } from './own-keys.js';
import { addTokens, SUM_CAP } from '../../counts.js';
import { addRaw, isOverflowedRaw, isZeroRaw, subRaw, toTokens, zeroRaw, type RawTokens } from './fold-common.js';
import { lookupPrice, priceMicros, providerOf, type PriceTable } from '../../pricing.js';
import type { EndpointUsage, ModelUsage } from '../../types.js';

export interface UsageBucket {
  vendor: string;
  endpoint: string;
  /** '' when the call recorded no model: the session's model prices it. */
  model: string;
  calls: number;
  tokens: RawTokens;
  /** Cost recorded by the log itself (events `cost_usd`), micro-USD. */
  recordedMicros: number;
  /** Tokens of calls that recorded no cost: these are priced from the table. */
  unpricedTokens: RawTokens;
}

export type Buckets = Record<string, UsageBucket>;

/**
 * Adds one call (or `call.calls` calls) to its bucket and returns the
 * bucket's key. `recordedUsd` is the call's own cost when the log has one.
 */
export function addCall(
  buckets: Buckets,
  call: { vendor: string; endpoint: string; model: string; tokens: RawTokens; recordedUsd?: number; calls?: number },
): string {
  const key = bucketKey(call.vendor, call.endpoint, call.model);
  let b = buckets[key];
  if (!b) {
    b = { vendor: call.vendor, endpoint: call.endpoint, model: call.model, calls: 0, tokens: zeroRaw(), recordedMicros: 0, unpricedTokens: zeroRaw() };
    buckets[key] = b;
  }
  b.calls += call.calls ?? 1;
  addRaw(b.tokens, call.tokens);
  if (call.recordedUsd !== undefined) b.recordedMicros = addTokens(b.recordedMicros, Math.round(call.recordedUsd * 1e6));
  else addRaw(b.unpricedTokens, call.tokens);
  return key;
}

/** The last bucket key made, and of what: a session's calls nearly all go to one bucket. */
let lastKey = { vendor: '', endpoint: '', model: '', key: '||' };

/**
 * `vendor|endpoint|model`, the same string object while the parts repeat:
 * a new one a call was a concatenation to flatten, hash and look up in the
 * session's buckets (V8 internalises a string used as a property key once).
 */
function bucketKey(vendor: string, endpoint: string, model: string): string {
  const last = lastKey;
  if (vendor === last.vendor && endpoint === last.endpoint && model === last.model) return last.key;
  lastKey = { vendor, endpoint, model, key: `${vendor}|${endpoint}|${model}` };
  return lastKey.key;
}

/** Takes a call added by {@link addCall} without a recorded cost back out of bucket `key` (a copy replaced by a later one). */
export function removeCall(buckets: Buckets, key: string, tokens: RawTokens, calls: number): void {
  const b = buckets[key];
  if (!b) return;
  b.calls -= calls;
  subRaw(b.tokens, tokens);
  subRaw(b.unpricedTokens, tokens);
  if (b.calls <= 0 && isZeroRaw(b.tokens)) delete buckets[key];
}

/** Cost of a bucket in micro-USD, or null when some of its tokens have no price. */
export function bucketCost(b: UsageBucket, sessionModel: string, pricing: PriceTable): number | null {
  if (isZeroRaw(b.unpricedTokens)) return b.recordedMicros;
  const price = lookupPrice(pricing, b.model || sessionModel);
  if (!price) return null;
  return addTokens(b.recordedMicros, priceMicros(price, b.unpricedTokens));
}

const addCost = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : addTokens(a, b));

/**
 * True when the session's token total (every bucket added up) has a figure
 * past 2^53 - 1, capped (counts.ts): the summarizer flags the record that
 * took it there. O(buckets), a handful per session.
 */
/**
 * True when no figure summed over `buckets` plus `extra` can reach SUM_CAP
 * (counts.ts): the five counters of each, added up, stay below it. The
 * fold asks this before each usage record and only near the cap asks
 * {@link bucketsOverflowed}, which builds the sums (it was 5 % of a cold
 * scan's fold when asked twice for every record).
 */
export function bucketsHaveRoom(buckets: Buckets, extra: RawTokens | undefined): boolean {
  const add = extra ? extra.input + extra.output + extra.cacheRead + extra.cacheWrite + extra.total : 0;
  const known = BOUNDS.get(buckets);
  if (known !== undefined && known + add < SUM_CAP) {
    BOUNDS.set(buckets, known + add);
    return true;
  }
  // First asked for these buckets, or near the cap: the sums themselves.
  let bound = add;
  for (const key in buckets) {
    const t = buckets[key]!.tokens;
    bound += t.input + t.output + t.cacheRead + t.cacheWrite + t.total;
  }
  if (bound >= SUM_CAP) {
    BOUNDS.delete(buckets);
    return false;
  }
  BOUNDS.set(buckets, bound);
  return true;
}

/**
 * An upper bound of the five counters of a fold's buckets added up, kept
 * per buckets object by {@link bucketsHaveRoom} (only the fold, which asks
 * it before every usage record, adds to or takes from them): each answer
 * adds what it let in, taking out never lowers it, so it stays above the
 * sums, and the sums are added up only near the cap (a loop over the
 * buckets for every usage record was 2.5 % of a scan worker's time).
 */
const BOUNDS = new WeakMap<Buckets, number>();

export function bucketsOverflowed(buckets: Buckets): boolean {
  const sum = zeroRaw();
  for (const b of Object.values(buckets)) addRaw(sum, b.tokens);
  return isOverflowedRaw(sum);
}

export interface PricedUsage {
  endpoints: EndpointUsage[];
  models: ModelUsage[];
  tokens: RawTokens;
  /** null when any bucket is unpriced or there are no buckets. */
  costMicros: number | null;
}

/** Groups buckets by endpoint and by model and prices them. */
export function priceBuckets(
  buckets: Buckets,
  sessionModel: string,
  sessionProvider: string,
  pricing: PriceTable,
  metrics: Record<string, Record<string, number[]>>,
): PricedUsage {
  const endpoints = new Map<string, EndpointUsage>();
  const models = new Map<string, ModelUsage>();
  const tokens = zeroRaw();
  let cost: number | null = 0;
  let any = false;
  for (const b of Object.values(buckets)) {
    any = true;
    const c = bucketCost(b, sessionModel, pricing);
    cost = addCost(cost, c);
    addRaw(tokens, b.tokens);

    const eKey = `${b.vendor}|${b.endpoint}`;
    let e = endpoints.get(eKey);
    if (!e) {
      e = { key: eKey, vendor: b.vendor, endpoint: b.endpoint, calls: 0, tokens: toTokens(zeroRaw()), costMicros: 0, metrics: copyMetrics(metrics[eKey]) };
      endpoints.set(eKey, e);
    }
    e.calls += b.calls;
    addRaw(e.tokens, b.tokens);
    e.costMicros = addCost(e.costMicros, c);

    const model = b.model || sessionModel;
    const provider = providerOf(model, b.vendor || sessionProvider);
    const mKey = `${provider}/${model}`;
    let m = models.get(mKey);
    if (!m) {
      m = { provider, model, calls: 0, tokens: toTokens(zeroRaw()), costMicros: 0 };
      models.set(mKey, m);
    }
    m.calls += b.calls;
    addRaw(m.tokens, b.tokens);
    m.costMicros = addCost(m.costMicros, c);
  }
  // Metrics recorded for endpoints that had no usage entries still show up.
  for (const [eKey, named] of Object.entries(metrics)) {
    if (endpoints.has(eKey)) continue;
    const [vendor = '', endpoint = ''] = splitKey(eKey);
    endpoints.set(eKey, { key: eKey, vendor, endpoint, calls: 0, tokens: toTokens(zeroRaw()), costMicros: null, metrics: copyMetrics(named) });
  }
  return {
    endpoints: [...endpoints.values()],
    models: [...models.values()],
    tokens,
    costMicros: any ? cost : null,
  };
}

/** Summaries must not share arrays with a fold state that keeps growing. */
function copyMetrics(named: Record<string, number[]> | undefined): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [name, values] of Object.entries(named ?? {})) setOwn(out, name, values.slice());
  return out;
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf('|');
  return i === -1 ? [key, ''] : [key.slice(0, i), key.slice(i + 1)];
}

/** Keeps at most this many values per metric so state stays small. */
const METRIC_VALUES_MAX = 2000;

export function addMetric(metrics: Record<string, Record<string, number[]>>, key: string, name: string, value: number): void {
  // The metric's name is the log's: own keys only (own-keys.ts).
  const named = ownOrSet(metrics, key, () => ({}));
  const values = ownOrSet(named, name, (): number[] => []);
  if (values.length < METRIC_VALUES_MAX) values.push(value);
}
