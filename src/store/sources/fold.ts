/**
 * The shape of a dialect's summary reader: an incremental fold over
 * complete records. `init` makes plain, JSON-serialisable state; `step`
 * folds one record the dialect recognised (mutating the state in place for
 * speed; returning false when the record fails the dialect's schema, so it is
 * counted as unknown); `finish` turns state into figures. Prices, the clock
 * and the file's mtime enter only at `finish`, so a persisted state stays
 * valid when they change.
 */
import type { PriceTable } from '../pricing.js';
import type { CheckpointInfo, Dialect, EndpointUsage, ModelUsage, SessionStatus, Tokens } from '../types.js';
import { toTokens, zeroRaw } from './common/fold-common.js';

export interface FinishContext {
  id: string;
  mtimeMs: number;
  nowMs: number;
  pricing: PriceTable;
  /** Prompt-cache TTL in seconds per provider; `default` for the rest. */
  cacheTtlSec: Record<string, number>;
}

/** The figures a dialect decides; the envelope adds line counts, ids and paths. */
export interface DialectFigures {
  title: string;
  firstMs: number | null;
  lastMs: number | null;
  userMessages: number;
  assistantMessages: number;
  messageCount: number;
  toolCalls: number;
  model: string;
  provider: string;
  workspace: string | null;
  endpoints: EndpointUsage[];
  models: ModelUsage[];
  tokens: Tokens;
  costMicros: number | null;
  status: SessionStatus;
  durationMs: number | null;
  checkpoints: number;
  lastCheckpoint: CheckpointInfo | null;
  empty: boolean;
  /** Time (ms) and provider of the last LLM call, for cache warmth. */
  lastCallMs: number | null;
  lastCallProvider: string;
  strikes: number;
  firstPrompt: string;
  lastPrompt: string;
  searchText: string;
  /** The resume context's message count and text characters after the last checkpoint. */
  contextMessages: number;
  contextChars: number;
}

export interface DialectFold<S> {
  dialect: Dialect;
  init(): S;
  step(state: S, record: Record<string, unknown>): boolean;
  finish(state: S, ctx: FinishContext): DialectFigures;
}

/** Default prompt-cache TTLs (format §3), seconds. */
export const DEFAULT_CACHE_TTL_SEC: Record<string, number> = { anthropic: 300, openai: 600, default: 300 };

export function cacheWarmUntil(f: DialectFigures, ctx: FinishContext): string | null {
  if (f.lastCallMs === null) return null;
  const ttl = ctx.cacheTtlSec[f.lastCallProvider] ?? ctx.cacheTtlSec.default ?? 300;
  const until = f.lastCallMs + ttl * 1000;
  return until > ctx.nowMs ? new Date(until).toISOString() : null;
}

/**
 * The figures of a file in which no record was recognised (format §2.1: a
 * zero-byte file or a partial first line is an empty session, never a
 * corrupt file): nothing said, nothing spent, times left to the mtime.
 */
export function noRecordFigures(): DialectFigures {
  return {
    title: '',
    firstMs: null,
    lastMs: null,
    userMessages: 0,
    assistantMessages: 0,
    messageCount: 0,
    toolCalls: 0,
    model: '',
    provider: 'default',
    workspace: null,
    endpoints: [],
    models: [],
    tokens: toTokens(zeroRaw()),
    costMicros: null,
    status: 'unknown',
    durationMs: null,
    checkpoints: 0,
    lastCheckpoint: null,
    empty: true,
    lastCallMs: null,
    lastCallProvider: 'default',
    strikes: 0,
    firstPrompt: '',
    lastPrompt: '',
    searchText: '',
    contextMessages: 0,
    contextChars: 0,
  };
}
