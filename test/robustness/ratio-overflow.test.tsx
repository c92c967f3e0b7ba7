/**
 * Ratios of capped sums. Token sums past 2^53 - 1 are capped (counts.ts);
 * a cache hit rate or output tokens per second computed from a capped sum
 * used to print as an exact-looking figure that is wrong (two sessions of
 * 5e15 input and 1e15 cache-read tokens each: 16.7% in truth, 18% shown).
 * Such a ratio is unknown: null in JSON, '?' in the usage table and the
 * cost view, like an unknown cost.
 */
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.js';
import { SUM_CAP } from '../../src/store/counts.js';
import { aggregateUsage } from '../../src/store/usage/usage.js';
import { makeTokens } from '../helpers/summary.js';
import { runCli } from '../helpers/cli.js';
import { appSummary, fakeSource, NOW } from '../helpers/fake-source.js';
import { cleanup, renderSized } from '../helpers/render.js';
import { useTempHome, type TempHome } from '../helpers/session-files.js';

let t: TempHome;
useTempHome((h) => (t = h));
afterEach(cleanup);

/** A store session of one call with `input` input, `output` output and `cacheRead` cache-read tokens, over an hour. */
function heavy(id: string, input: number, output: number, cacheRead: number): void {
  t.write(id, [
    { type: 'meta', id, created_at: '2026-11-20T09:00:00Z', updated_at: '2026-11-20T10:00:00Z', title: id, model: 'nopriced-model' },
    { type: 'message', timestamp: '2026-11-20T09:00:00Z', message: { role: 'user', content: 'go' } },
    { type: 'usage', entry: { timestamp: '2026-11-20T10:00:00Z', model: 'nopriced-model', vendor: 'v', endpoint: 'e', usage: { input_tokens: input, output_tokens: output, cache_read_tokens: cacheRead } } },
  ]);
}

interface JsonRow { inputTokens: number; outputTokens: number; cacheHitRate: number | null; outputTokensPerSecond: number | null; overflowed?: boolean }

const usageJson = (): { rows: JsonRow[]; totals: JsonRow } => JSON.parse(runCli(['--home', t.home, 'usage', '--all', '--since', 'all', '--json']).stdout);

describe('robustness: ratios of capped sums', () => {
  it('usage --json: a capped input or output sum makes the hit rate and tokens per second null', () => {
    heavy('big1', 5e15, 5e15, 1e15);
    heavy('big2', 5e15, 5e15, 1e15);
    const { rows, totals } = usageJson();
    for (const r of [totals, rows[0]!]) {
      expect(r).toMatchObject({ inputTokens: SUM_CAP, outputTokens: SUM_CAP, overflowed: true });
      expect(r.cacheHitRate).toBeNull();
      expect(r.outputTokensPerSecond).toBeNull();
    }
  });

  it('usage --json: exact sums keep their ratios', () => {
    heavy('small', 3000, 3600, 1000);
    const { totals } = usageJson();
    expect(totals.cacheHitRate).toBe(0.25);
    expect(totals.outputTokensPerSecond).toBe(1);
  });

  it('the usage table shows the unknown hit rate as ?, never a percentage', () => {
    heavy('big1', 5e15, 5e15, 1e15);
    heavy('big2', 5e15, 5e15, 1e15);
    const table = runCli(['--home', t.home, 'usage', '--all', '--since', 'all']);
    expect(table.code).toBe(0);
    // TOTAL, SESSIONS, SUCCESS, INPUT, OUTPUT, CACHE R, CACHE W, HIT, COST: the hit rate is '?'.
    expect(table.stdout).toMatch(/^TOTAL +2 +– +overflow +overflow +2P +0 +\? +\?/m);
    expect(table.stdout).not.toMatch(/\d%/);
  });

  it('the cost view shows the unknown hit rate as ?', async () => {
    const now = new Date(NOW - 3_600_000).toISOString();
    const big = { updatedAt: now, tokens: makeTokens({ input: 5e15, output: 10, cacheRead: 1e15 }) };
    const sessions = [appSummary({ id: 'big1', title: 'Big one', ...big }), appSummary({ id: 'big2', title: 'Big two', ...big })];
    expect(aggregateUsage(sessions, { by: 'model', window: null }).totals.cacheHitRate).toBeNull();
    const ui = renderSized(<App source={fakeSource({ sessions })} onExit={() => undefined} />, { columns: 100, rows: 30 });
    await ui.waitFor('Big one');
    const f = await ui.press('c', (x) => x.includes('cache hit'));
    expect(f).toContain('cache hit ?');
    expect(f).not.toMatch(/cache hit \d/);
  });
});
