import { describe, expect, it } from 'vitest';
import { aggregateUsage } from '../src/store/usage/usage.js';
import { parseSince } from '../src/store/usage/window.js';
import { makeEndpointUsage, makeModelUsage, makeSummary, makeTokens } from './helpers/summary.js';

describe('aggregateUsage: money', () => {
  it('sums integer micro-USD without float drift', () => {
    // 0.1 + 0.2 in floats is 0.30000000000000004; in micro-USD it is exactly 300000.
    const sessions = [
      makeSummary({ id: 'a', model: 'm', costMicros: 100_000, tokens: makeTokens({ input: 1 }) }),
      makeSummary({ id: 'b', model: 'm', costMicros: 200_000, tokens: makeTokens({ input: 1 }) }),
    ];
    const { rows, totals } = aggregateUsage(sessions, { by: 'model' });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.knownCostMicros).toBe(300_000);
    expect(rows[0]!.knownCostUsd).toBe(0.3);
    expect(totals.knownCostUsd).toBe(0.3);
  });

  it('keeps many small costs exact', () => {
    const sessions = Array.from({ length: 1000 }, (_, i) =>
      makeSummary({ id: `s${i}`, model: 'm', costMicros: 7, tokens: makeTokens({ output: 1 }) }),
    );
    expect(aggregateUsage(sessions, { by: 'day' }).totals.knownCostUsd).toBe(0.007);
  });

  it('keeps unknown cost unknown, never 0', () => {
    const sessions = [makeSummary({ id: 'a', model: 'mystery', tokens: makeTokens({ input: 500, output: 50 }) })];
    const { rows, totals } = aggregateUsage(sessions, { by: 'model' });
    expect(rows[0]!.knownCostUsd).toBeNull();
    expect(rows[0]!.knownCostMicros).toBeNull();
    expect(rows[0]!.unknownCostSessions).toBe(1);
    expect(rows[0]!.costPerSuccess).toBeNull();
    expect(totals.knownCostUsd).toBeNull();
    expect(totals.unknownCostSessions).toBe(1);
  });

  it('reports known cost and unknown sessions side by side', () => {
    const sessions = [
      makeSummary({ id: 'a', costMicros: 1_500_000, tokens: makeTokens({ input: 10 }) }),
      makeSummary({ id: 'b', costMicros: null, tokens: makeTokens({ input: 10 }) }),
    ];
    const { totals } = aggregateUsage(sessions, { by: 'session' });
    expect(totals.knownCostUsd).toBe(1.5);
    expect(totals.unknownCostSessions).toBe(1);
  });

  it('does not count an idle session (no tokens, no calls) as unknown cost', () => {
    const { totals } = aggregateUsage([makeSummary({ id: 'idle' })], { by: 'session' });
    expect(totals.sessions).toBe(1);
    expect(totals.unknownCostSessions).toBe(0);
    expect(totals.knownCostUsd).toBeNull();
  });

  it('keeps a zero cost that was recorded as zero', () => {
    const { totals } = aggregateUsage([makeSummary({ costMicros: 0, tokens: makeTokens({ input: 3 }) })], { by: 'day' });
    expect(totals.knownCostUsd).toBe(0);
    expect(totals.unknownCostSessions).toBe(0);
  });
});

describe('aggregateUsage: by model', () => {
  const mixed = makeSummary({
    id: 'mixed',
    status: 'success',
    provider: 'anthropic',
    model: 'claude-sonnet-4.6',
    durationMs: 10_000,
    tokens: makeTokens({ input: 1100, output: 300, cacheRead: 400 }),
    costMicros: 9_000,
    models: [
      makeModelUsage({
        provider: 'anthropic',
        model: 'claude-sonnet-4.6',
        tokens: makeTokens({ input: 1000, output: 200, cacheRead: 400 }),
        costMicros: 9_000,
      }),
      makeModelUsage({ provider: 'local', model: 'qwen3-coder-30b', tokens: makeTokens({ input: 100, output: 100 }) }),
    ],
  });
  const plain = makeSummary({
    id: 'plain',
    status: 'failed',
    provider: 'openai',
    model: 'gpt-5',
    durationMs: 4_000,
    tokens: makeTokens({ input: 2000, output: 400 }),
    costMicros: 6_500,
  });

  it('splits a session over the models it used and counts it once in each', () => {
    const { rows, totals } = aggregateUsage([mixed, plain], { by: 'model' });
    expect(rows.map((r) => r.key)).toEqual(['anthropic/claude-sonnet-4.6', 'openai/gpt-5', 'local/qwen3-coder-30b']);
    const sonnet = rows[0]!;
    expect(sonnet).toMatchObject({
      provider: 'anthropic',
      model: 'claude-sonnet-4.6',
      sessions: 1,
      successSessions: 1,
      inputTokens: 1000,
      outputTokens: 200,
      cacheReadTokens: 400,
      knownCostMicros: 9_000,
      unknownCostSessions: 0,
    });
    const qwen = rows[2]!;
    expect(qwen.sessions).toBe(1);
    expect(qwen.knownCostUsd).toBeNull();
    expect(qwen.unknownCostSessions).toBe(1);
    // Totals count each session once, with its whole figures.
    expect(totals).toMatchObject({
      key: 'total',
      sessions: 2,
      successSessions: 1,
      failedSessions: 1,
      inputTokens: 3100,
      outputTokens: 700,
      knownCostMicros: 15_500,
      unknownCostSessions: 0,
      durationMs: 14_000,
    });
  });

  it('uses a single-model session\'s recorded cost when its split has no price', () => {
    const s = makeSummary({
      provider: 'openai',
      model: 'gpt-5',
      tokens: makeTokens({ input: 10 }),
      costMicros: 21_300,
      models: [makeModelUsage({ provider: 'openai', model: 'gpt-5', tokens: makeTokens({ input: 10 }) })],
    });
    expect(aggregateUsage([s], { by: 'model' }).rows[0]!.knownCostMicros).toBe(21_300);
  });

  it('does not double the model prefix in the key', () => {
    const s = makeSummary({ provider: 'anthropic', model: 'anthropic/claude-sonnet-4.6', tokens: makeTokens({ input: 1 }) });
    expect(aggregateUsage([s], { by: 'model' }).rows[0]!.key).toBe('anthropic/claude-sonnet-4.6');
  });

  it('derives rates', () => {
    const { rows, totals } = aggregateUsage([mixed, plain], { by: 'model' });
    expect(rows[0]!.cacheHitRate).toBeCloseTo(400 / 1400, 12);
    expect(rows[0]!.outputTokensPerSecond).toBe(20);
    expect(rows[0]!.successRate).toBe(1);
    expect(rows[0]!.costPerSuccess).toBe(0.009);
    expect(rows[1]!.successRate).toBe(0);
    expect(rows[1]!.costPerSuccess).toBeNull();
    expect(totals.successRate).toBe(0.5);
    expect(totals.costPerSuccess).toBe(0.0155);
    expect(totals.cacheHitRate).toBeCloseTo(400 / 3500, 12);
    expect(totals.outputTokensPerSecond).toBe(50);
  });

  it('counts cache writes as misses in the hit rate (a prefix written was not read)', () => {
    const claude = makeSummary({ id: 'c', provider: 'anthropic', model: 'claude-sonnet-4.6', tokens: makeTokens({ input: 3, cacheRead: 11_515, cacheWrite: 13_835 }) });
    expect(aggregateUsage([claude], { by: 'model' }).totals.cacheHitRate).toBeCloseTo(11_515 / 25_353, 12);
  });

  it('leaves rates empty where they have nothing to divide by', () => {
    const { totals } = aggregateUsage([makeSummary({ status: 'running' })], { by: 'model' });
    expect(totals.successRate).toBeNull();
    expect(totals.cacheHitRate).toBeNull();
    expect(totals.outputTokensPerSecond).toBeNull();
    expect(totals.costPerSuccess).toBeNull();
  });
});

describe('aggregateUsage: by endpoint', () => {
  const ANTHROPIC = { vendor: 'anthropic', endpoint: 'https://api.anthropic.com/v1' };
  const OPENAI = { vendor: 'openai', endpoint: 'https://api.openai.com/v1' };
  it('groups endpoint usage and puts sessions without any under (no endpoint)', () => {
    const a = makeSummary({
      id: 'a',
      tokens: makeTokens({ input: 300, output: 30 }),
      costMicros: 3_000,
      endpoints: [
        makeEndpointUsage({ ...ANTHROPIC, tokens: makeTokens({ input: 200, output: 20 }), costMicros: 2_000 }),
        makeEndpointUsage({ ...OPENAI, tokens: makeTokens({ input: 100, output: 10 }), costMicros: 1_000 }),
      ],
    });
    const b = makeSummary({
      id: 'b',
      tokens: makeTokens({ input: 50 }),
      endpoints: [makeEndpointUsage({ ...ANTHROPIC, tokens: makeTokens({ input: 50 }), costMicros: 500 })],
    });
    const c = makeSummary({ id: 'c', dialect: 'turns', tokens: makeTokens({ input: 9, estimated: true }) });
    const { rows } = aggregateUsage([a, b, c], { by: 'endpoint' });
    const seen = rows.map((r) => [r.key, r.provider, r.sessions, r.inputTokens, r.knownCostMicros, r.unknownCostSessions]);
    expect(seen).toEqual([
      ['anthropic|https://api.anthropic.com/v1', 'anthropic', 2, 250, 2_500, 0],
      ['openai|https://api.openai.com/v1', 'openai', 1, 100, 1_000, 0],
      ['(no endpoint)', '', 1, 9, null, 1],
    ]);
  });
});

describe('aggregateUsage: by day and window', () => {
  const at = (id: string, updatedAt: string, costMicros: number) =>
    makeSummary({ id, updatedAt, costMicros, tokens: makeTokens({ input: 1 }) });
  const sessions = [
    at('late-20th', '2026-11-20T23:30:00Z', 1),
    at('early-21st', '2026-11-21T00:30:00Z', 10),
    at('mid-21st', '2026-11-21T12:00:00Z', 100),
    at('old', '2026-11-01T12:00:00Z', 1000),
  ];

  it('puts a session on the day of its last activity, days ascending', () => {
    const { rows } = aggregateUsage(sessions, { by: 'day' });
    expect(rows.map((r) => [r.key, r.sessions, r.knownCostMicros])).toEqual([
      ['2026-11-01', 1, 1000],
      ['2026-11-20', 1, 1],
      ['2026-11-21', 2, 110],
    ]);
  });

  it('uses the zone for day keys', () => {
    const { rows } = aggregateUsage(sessions, { by: 'day', tz: 'Europe/Berlin' });
    expect(rows.map((r) => [r.key, r.sessions])).toEqual([
      ['2026-11-01', 1],
      ['2026-11-21', 3],
    ]);
  });

  it('filters by updatedAt in the window, at the zone\'s day boundary', () => {
    const now = Date.parse('2026-11-21T20:00:00Z');
    const utc = aggregateUsage(sessions, { by: 'session', window: parseSince('today', now) });
    expect(utc.rows.map((r) => r.key).sort()).toEqual(['early-21st', 'mid-21st']);
    expect(utc.window).toEqual(parseSince('today', now));
    const berlin = aggregateUsage(sessions, { by: 'session', window: parseSince('today', now, 'Europe/Berlin') });
    expect(berlin.rows.map((r) => r.key).sort()).toEqual(['early-21st', 'late-20th', 'mid-21st']);
    expect(berlin.totals.knownCostMicros).toBe(111);
  });

  it('reports a null window and every session without one', () => {
    const r = aggregateUsage(sessions, { by: 'session' });
    expect(r.window).toBeNull();
    expect(r.totals.sessions).toBe(4);
  });
});

describe('aggregateUsage: by session', () => {
  it('gives one row per session sorted by cost, then tokens', () => {
    const sessions = [
      makeSummary({ id: 'cheap', costMicros: 5, tokens: makeTokens({ input: 10 }) }),
      makeSummary({ id: 'unknown-big', tokens: makeTokens({ input: 100_000 }) }),
      makeSummary({ id: 'dear', costMicros: 50, tokens: makeTokens({ input: 1 }) }),
      makeSummary({ id: 'unknown-small', tokens: makeTokens({ input: 5 }) }),
    ];
    const { rows } = aggregateUsage(sessions, { by: 'session' });
    expect(rows.map((r) => r.key)).toEqual(['dear', 'cheap', 'unknown-big', 'unknown-small']);
  });

  it('keeps sessions of two projects that share an id apart', () => {
    const a = makeSummary({ id: 'same', path: '/h/projects/p1/same.jsonl', costMicros: 1, tokens: makeTokens({ input: 1 }) });
    const b = makeSummary({ id: 'same', path: '/h/projects/p2/same.jsonl', costMicros: 2, tokens: makeTokens({ input: 1 }) });
    expect(aggregateUsage([a, b], { by: 'session' }).rows).toHaveLength(2);
  });
});

describe('rowLabel', () => {
  it('shows an endpoint row with no recorded endpoint by its vendor alone, and every other key as it is', async () => {
    const { rowLabel } = await import('../src/store/usage/row-text.js');
    expect(rowLabel('openai|')).toBe('openai');
    expect(rowLabel('google|')).toBe('google');
    expect(rowLabel('anthropic|claude-code')).toBe('anthropic|claude-code');
    expect(rowLabel('anthropic/claude-sonnet-4-5')).toBe('anthropic/claude-sonnet-4-5');
  });
});
