/** Hand-built SessionSummary objects for unit tests. */
import type { EndpointUsage, ModelUsage, SessionSummary, Tokens } from '../../src/store/types.js';

/** Token figures; `total` defaults to input + output. */
export function makeTokens(partial: Partial<Tokens> = {}): Tokens {
  const input = partial.input ?? 0;
  const output = partial.output ?? 0;
  return {
    input,
    output,
    cacheRead: partial.cacheRead ?? 0,
    cacheWrite: partial.cacheWrite ?? 0,
    total: partial.total ?? input + output,
    estimated: partial.estimated ?? false,
  };
}

/** One model's share of a session. */
export function makeModelUsage(partial: Partial<ModelUsage> & { model: string }): ModelUsage {
  return {
    provider: partial.provider ?? 'default',
    model: partial.model,
    calls: partial.calls ?? 1,
    tokens: partial.tokens ?? makeTokens(),
    costMicros: partial.costMicros === undefined ? null : partial.costMicros,
  };
}

/** One `vendor|endpoint` share of a session. */
export function makeEndpointUsage(partial: Partial<EndpointUsage> & { vendor: string; endpoint: string }): EndpointUsage {
  return {
    key: `${partial.vendor}|${partial.endpoint}`,
    vendor: partial.vendor,
    endpoint: partial.endpoint,
    calls: partial.calls ?? 1,
    tokens: partial.tokens ?? makeTokens(),
    costMicros: partial.costMicros === undefined ? null : partial.costMicros,
    metrics: partial.metrics ?? {},
  };
}

/**
 * A complete summary with dull defaults (a `store` session updated at
 * 2026-11-20T12:00:00Z, no tokens, unknown cost); `costUsd` follows
 * `costMicros` unless given.
 */
export function makeSummary(partial: Partial<SessionSummary> = {}): SessionSummary {
  const id = partial.id ?? 'session-1';
  const costMicros = partial.costMicros === undefined ? null : partial.costMicros;
  return {
    id,
    path: `/home/test/projects/p1/${id}.jsonl`,
    dialect: 'store',
    projectId: 'p1',
    title: 'A session',
    createdAt: '2026-11-20T11:00:00.000Z',
    updatedAt: '2026-11-20T12:00:00.000Z',
    messageCount: 2,
    userMessages: 1,
    assistantMessages: 1,
    toolCalls: 0,
    model: '',
    provider: 'default',
    workspace: null,
    endpoints: [],
    models: [],
    tokens: makeTokens(),
    costUsd: costMicros === null ? null : costMicros / 1e6,
    costMicros,
    status: 'unknown',
    durationMs: 0,
    checkpoints: 0,
    lastCheckpoint: null,
    malformedLines: 0,
    unknownLines: 0,
    oversizedLines: 0,
    tornLines: 0,
    invalidNumbers: 0,
    invalidTimes: 0,
    invalidEntries: 0,
    pendingTail: false,
    empty: false,
    cacheWarmUntil: null,
    strikes: 0,
    firstPrompt: 'hello',
    lastPrompt: 'hello',
    resumeContext: { messages: 2, chars: 10 },
    ...partial,
  };
}
