/**
 * Stored summaries share one copy of their repeated strings (project,
 * model, workspace, endpoints: shared-strings.ts), to hold 100,000 of them
 * in less memory. Sharing must change nothing a reader sees, and a damaged
 * row's JSON, whatever its shape, must not make it throw.
 */
import { describe, expect, it } from 'vitest';
import { shareStrings } from '../src/store/catalog/shared-strings.js';
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
  endpoints: [{ key: 'anthropic|https://api.anthropic.com/v1', vendor: 'anthropic', endpoint: 'https://api.anthropic.com/v1', calls: 2, tokens: { input: 1, output: 2, cacheRead: 3, cacheWrite: 4, total: 10, estimated: false }, costMicros: 12, metrics: {} }],
  models: [{ provider: 'anthropic', model: 'claude-sonnet-4.6', calls: 2, tokens: { input: 1, output: 2, cacheRead: 3, cacheWrite: 4, total: 10, estimated: false }, costMicros: 12 }],
});

describe('shared strings of stored summaries', () => {
  it('leave every field of a summary as it was (the JSON a list prints is the same text)', () => {
    const a = shareStrings(JSON.parse(summaryJson) as SessionSummary, '/home/a/.claude/projects/-home-a-app/s1.jsonl');
    const b = shareStrings(JSON.parse(summaryJson) as SessionSummary);
    expect(JSON.stringify(a)).toBe(summaryJson);
    expect(JSON.stringify(b)).toBe(summaryJson);
    // A row path of other text is never put in the summary's place.
    const c = shareStrings(JSON.parse(summaryJson) as SessionSummary, '/elsewhere/s1.jsonl');
    expect(c.path).toBe('/home/a/.claude/projects/-home-a-app/s1.jsonl');
  });

  it.each(['{}', '[]', '5', '"text"', 'null', '{"endpoints":[null,3,"x"],"models":"x","workspace":7}', '{"models":[{"model":5}],"projectId":null}'])(
    'take a damaged row of JSON %s as it is, without throwing',
    (text) => {
      const parsed = JSON.parse(text) as SessionSummary;
      expect(JSON.stringify(shareStrings(parsed, '/p'))).toBe(JSON.stringify(JSON.parse(text)));
    },
  );

  it('keep very long values and past the pool size, as they were', () => {
    const long = 'w'.repeat(10_000);
    for (let i = 0; i < 20_000; i++) expect(shareStrings({ workspace: `/home/a/${i}`, model: long } as SessionSummary)).toEqual({ workspace: `/home/a/${i}`, model: long });
  });
});
