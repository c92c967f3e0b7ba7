/**
 * One copy of the strings that thousands of stored summaries repeat. A
 * summary parsed from its JSON text (or cloned from a scan worker) gets
 * fresh copies of every string in it: at 100,000 sessions a browser held
 * ~42,000 copies of one workspace path, 131,000 of one project id and
 * ~24,000 of each endpoint (a heap snapshot: ~35 MB of such repeats). The
 * fields made shared here are those with few distinct values (project,
 * source, model, provider, workspace, branch, endpoints); ids, titles and
 * prompts are left as they are. Within one summary, a model's or an
 * endpoint's token counts equal to the session's (one model, one endpoint:
 * most sessions) become the session's object, and empty `metrics` one
 * shared object (~25 MB more at 100,000). Summaries are never changed in
 * place (a changed one is a copy: summary-clock.ts), so sharing is invisible.
 */
import type { SessionSummary, Tokens } from '../types.js';

/** Distinct strings kept at most: past it, new values are left unshared (the pool never grows without bound). */
const POOL_MAX = 16_384;
/** Strings longer than this are never pooled, in UTF-16 units (a workspace path is the longest shared field). */
const LONGEST = 512;

const pool = new Map<string, string>();

/** The pooled copy of `s` (pooled now when there is room). */
export function shared(s: string): string {
  if (s.length > LONGEST) return s;
  const kept = pool.get(s);
  if (kept !== undefined) return kept;
  if (pool.size < POOL_MAX) pool.set(s, s);
  return s;
}

/**
 * Points the repeated values of `summary` at one shared copy each, in
 * place: call it only on a summary nobody else holds yet (just parsed or
 * just received). `path` is the catalog row's own copy of the file's path
 * (the row is kept beside the summary), used when it is the same text.
 * Returns `summary`.
 */
export function shareRepeats(summary: SessionSummary, path?: string): SessionSummary {
  if (typeof summary !== 'object' || summary === null) return summary;
  if (path !== undefined && summary.path === path) summary.path = path;
  for (const key of SUMMARY_KEYS) share(summary, key);
  const tokens = summary.tokens;
  if (Array.isArray(summary.endpoints)) {
    for (const e of summary.endpoints) {
      if (typeof e !== 'object' || e === null) continue;
      for (const key of ENDPOINT_KEYS) share(e, key);
      if (sameTokens(e.tokens, tokens)) e.tokens = tokens;
      if (isEmptyObject(e.metrics)) e.metrics = NO_METRICS;
    }
  }
  if (Array.isArray(summary.models)) {
    for (const m of summary.models) {
      if (typeof m !== 'object' || m === null) continue;
      for (const key of MODEL_KEYS) share(m, key);
      if (sameTokens(m.tokens, tokens)) m.tokens = tokens;
    }
  }
  return summary;
}

/** The `metrics` of every endpoint that has none: frozen, as nothing may add to a shared object. */
const NO_METRICS: Record<string, number[]> = Object.freeze({}) as Record<string, number[]>;

function isEmptyObject(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  for (const _ in v) return false;
  return true;
}

/** Two token counts with the same fields, in the same order, and values: JSON writes them as the same text. */
function sameTokens(a: Tokens | undefined, b: Tokens | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) || Array.isArray(b)) return false;
  const keys = Object.keys(a);
  const others = Object.keys(b);
  if (keys.length !== others.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (others[i] !== k || (a as unknown as Record<string, unknown>)[k] !== (b as unknown as Record<string, unknown>)[k]) return false;
  }
  return true;
}

const SUMMARY_KEYS = ['projectId', 'source', 'model', 'provider', 'workspace', 'branch'] as const;
const ENDPOINT_KEYS = ['key', 'vendor', 'endpoint'] as const;
const MODEL_KEYS = ['provider', 'model'] as const;

/** `obj[key]` made the shared copy when it is a string; anything else (absent, null, a damaged row's junk) left as it is. */
function share<K extends string>(obj: { [k in K]?: unknown }, key: K): void {
  if (typeof obj !== 'object' || obj === null) return;
  const value = obj[key];
  if (typeof value === 'string') obj[key] = shared(value);
}
