/**
 * Stored summaries share one copy of their repeated strings (project,
 * model, workspace, endpoints: shared-values.ts), to hold 100,000 of them
 * in less memory. Sharing must change nothing a reader sees, and a damaged
 * row's JSON, whatever its shape, must not make it throw.
 */
import { describe, expect, it } from 'vitest';
import { shareRepeats } from '../src/store/catalog/shared-values.js';
import type { SessionSummary } from '../src/store/types.js';

const summaryJson = JSON.stringify({
  id: 's1',
  source: 'claude',
  path: '/home/a/.claude/projects/-home-a-app/s1.jsonl',
  projectId: 'ddb76bd8f809b66f',
  title: 'Fix the flaky test',
  model: 'claude-sonnet-4.6',
  provider: 'anthropic',
  workspace: '/home/a/app',
  branch: 'main',
  tokens: { input: 1, output: 2, cacheRead: 3, cacheWrite: 4, total: 10, estimated: false },
  endpoints: [{ key: 'anthropic|https://api.anthropic.com/v1', vendor: 'anthropic', endpoint: 'https://api.anthropic.com/v1', calls: 2, tokens: { input: 1, output: 2, cacheRead: 3, cacheWrite: 4, total: 10, estimated: false }, costMicros: 12, metrics: {} }],
  models: [{ provider: 'anthropic', model: 'claude-sonnet-4.6', calls: 2, tokens: { input: 1, output: 2, cacheRead: 3, cacheWrite: 4, total: 10, estimated: false }, costMicros: 12 }],
});

describe('shared strings of stored summaries', () => {
  it('leave every field of a summary as it was (the JSON a list prints is the same text)', () => {
    const a = shareRepeats(JSON.parse(summaryJson) as SessionSummary, '/home/a/.claude/projects/-home-a-app/s1.jsonl');
    const b = shareRepeats(JSON.parse(summaryJson) as SessionSummary);
    expect(JSON.stringify(a)).toBe(summaryJson);
    expect(JSON.stringify(b)).toBe(summaryJson);
    // A row path of other text is never put in the summary's place.
    const c = shareRepeats(JSON.parse(summaryJson) as SessionSummary, '/elsewhere/s1.jsonl');
    expect(c.path).toBe('/home/a/.claude/projects/-home-a-app/s1.jsonl');
  });

  it('share a model\'s or endpoint\'s token counts with the session only when JSON writes them alike', () => {
    const base = JSON.parse(summaryJson) as SessionSummary;
    // Same figures, other key order; other figures; one more field: each kept as it was.
    base.endpoints[0]!.tokens = { output: 2, input: 1, cacheRead: 3, cacheWrite: 4, total: 10, estimated: false };
    base.models[0]!.tokens = { ...base.tokens, reasoning: 0 };
    const text = JSON.stringify(base);
    const shared = shareRepeats(JSON.parse(text) as SessionSummary);
    expect(JSON.stringify(shared)).toBe(text);
    expect(shared.endpoints[0]!.tokens).not.toBe(shared.tokens);
    expect(shared.models[0]!.tokens).not.toBe(shared.tokens);
    // Equal and in the same order: one object, read-only in effect (nothing writes a summary's counts).
    const same = shareRepeats(JSON.parse(summaryJson) as SessionSummary);
    expect(same.models[0]!.tokens).toBe(same.tokens);
    expect(same.endpoints[0]!.tokens).toBe(same.tokens);
    // An endpoint with no metrics gets a shared empty record that nothing can add to.
    expect(() => {
      (same.endpoints[0]!.metrics as Record<string, number[]>).ttft_ms = [1];
    }).toThrow(TypeError);
  });

  it.each(['{}', '[]', '5', '"text"', 'null', '{"endpoints":[null,3,"x"],"models":"x","workspace":7}', '{"models":[{"model":5}],"projectId":null}', '{"tokens":[1],"models":[{"tokens":[1]}],"endpoints":[{"tokens":null,"metrics":[]}]}'])(
    'take a damaged row of JSON %s as it is, without throwing',
    (text) => {
      const parsed = JSON.parse(text) as SessionSummary;
      expect(JSON.stringify(shareRepeats(parsed, '/p'))).toBe(JSON.stringify(JSON.parse(text)));
    },
  );

  it('keep very long values and past the pool size, as they were', () => {
    const long = 'w'.repeat(10_000);
    for (let i = 0; i < 20_000; i++) expect(shareRepeats({ workspace: `/home/a/${i}`, model: long } as SessionSummary)).toEqual({ workspace: `/home/a/${i}`, model: long });
  });
});
