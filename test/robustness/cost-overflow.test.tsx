/**
 * Costs past 2^53 micro-USD (about $9.007 billion): token counts exact on
 * their own can be priced past it, and sessions exact on their own can sum
 * past it. Past Number.MAX_SAFE_INTEGER a double no longer counts by one, so
 * no view may print such a cost, or a figure derived from it ($ per
 * success), as an exact-looking amount: the list, `show`, `usage` (table
 * and JSON) and the cost view say overflow, and JSON marks it `overflowed`.
 */
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app/App.js';
import { SUM_CAP } from '../../src/store/counts.js';
import { readSummary } from '../../src/store/scan/summary-reader.js';
import { aggregateUsage } from '../../src/store/usage/usage.js';
import { runCli } from '../helpers/cli.js';
import { appSummary, fakeSource, NOW } from '../helpers/fake-source.js';
import { cleanup, renderSized } from '../helpers/render.js';
import { readOpts, useTempHome, type TempHome } from '../helpers/session-files.js';

let t: TempHome;
useTempHome((h) => (t = h));
afterEach(cleanup);

const T = '2026-11-20T09:00:00Z';
/** 7e14 output tokens, a safe integer, at $15 per million: 1.05e16 micro-USD, past 2^53. */
const HUGE_OUTPUT = 7e14;

function pricey(id: string): string {
  return t.write(id, [
    { type: 'meta', id, created_at: T, title: id, model: 'claude-sonnet-4.6' },
    { type: 'message', timestamp: T, message: { role: 'user', content: 'go' } },
    { type: 'usage', entry: { timestamp: T, model: 'claude-sonnet-4.6', vendor: 'anthropic', endpoint: 'e', usage: { input_tokens: 10, output_tokens: HUGE_OUTPUT } } },
  ]);
}

/** An events session that succeeded and recorded `usd` spent: each alone is exact. */
function spent(id: string, usd: number): string {
  const ev = (seq: number, type: string, data: object) => ({ session_id: id, seq, type, timestamp: T, data });
  return t.write(id, [
    ev(0, 'session.start', { provider: 'openai', model: 'gpt-5', prompt: 'go' }),
    ev(1, 'llm.response', { content: 'done', usage: { input_tokens: 10, output_tokens: 5 }, cost_usd: usd }),
    ev(2, 'session.end', { status: 'success', cost_usd: usd }),
  ]);
}

/** Digits of the cap as money or USD ("$9,007,199,255", "9007199254.74", "$4,503,599,627"): what must never print. */
const CAP_DIGITS = /9,007,199|9007199254|4,503,599|4503599627/;

describe('robustness: costs past 2^53 micro-USD', () => {
  it('exact tokens priced past the limit: the session cost is capped and marked overflowed', async () => {
    const { summary } = await readSummary(pricey('pricey'), readOpts());
    expect(summary.tokens.output).toBe(HUGE_OUTPUT);
    expect(summary.costMicros).toBe(SUM_CAP);
    expect(summary.overflowed).toBe(true);
    const small = (await readSummary(spent('small', 1.5), readOpts())).summary;
    expect(small.overflowed).toBeUndefined();
  });

  it('CLI: list and show say overflow, their JSON is marked overflowed, and no cap digits print', () => {
    pricey('pricey');
    spent('small', 1.5);
    const list = runCli(['--home', t.home, 'list', '--all']);
    expect(list.stdout).toMatch(/^pricey .* overflow /m);
    expect(list.stdout).not.toMatch(CAP_DIGITS);
    const listed = JSON.parse(runCli(['--home', t.home, 'list', '--all', '--json']).stdout) as { sessions: { id: string; overflowed?: boolean }[] };
    expect(listed.sessions.find((s) => s.id === 'pricey')?.overflowed).toBe(true);
    expect(listed.sessions.find((s) => s.id === 'small')?.overflowed).toBeUndefined();
    const show = runCli(['--home', t.home, 'show', 'pricey', '--all']);
    expect(show.stdout).toMatch(/^cost +overflow$/m);
    expect(show.stdout).not.toMatch(CAP_DIGITS);
    expect(JSON.parse(runCli(['--home', t.home, 'show', 'pricey', '--all', '--json']).stdout)).toMatchObject({ costMicros: SUM_CAP, overflowed: true });
  });

  it('usage: two sessions exact alone sum past the limit: the cost and the $ per success say overflow', async () => {
    spent('big1', 5e9);
    spent('big2', 5e9);
    const a = (await readSummary(`${t.dir}/big1.jsonl`, readOpts())).summary;
    expect(a.costMicros).toBe(5e15);
    const table = runCli(['--home', t.home, 'usage', '--all', '--since', 'all']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^TOTAL +2 +100% .* overflow +overflow +–$/m);
    expect(table.stdout).not.toMatch(CAP_DIGITS);
    const json = JSON.parse(runCli(['--home', t.home, 'usage', '--all', '--since', 'all', '--json']).stdout) as { totals: Record<string, unknown> };
    expect(json.totals).toMatchObject({ knownCostMicros: SUM_CAP, overflowed: true });
    // The cap in USD, as the capped cost is: never half of it as if exact.
    expect(json.totals['costPerSuccess']).toBe(SUM_CAP / 1e6);
  });

  it('the cost view says overflow for the cost and the $ per success', async () => {
    const now = new Date(NOW - 3_600_000).toISOString();
    const sessions = [
      appSummary({ id: 'big1', title: 'Big one', updatedAt: now, costMicros: 5e15, costUsd: 5e9 }),
      appSummary({ id: 'big2', title: 'Big two', updatedAt: now, costMicros: 5e15, costUsd: 5e9 }),
    ];
    expect(aggregateUsage(sessions, { by: 'model', window: null }).totals.knownCostMicros).toBe(SUM_CAP);
    const ui = renderSized(<App source={fakeSource({ sessions })} onExit={() => undefined} />, { columns: 100, rows: 30 });
    await ui.waitFor('Big one');
    const f = await ui.press('c', (x) => x.includes('per success'));
    expect(f).toContain('cost overflow');
    expect(f).toContain('overflow per success');
    expect(f).not.toMatch(CAP_DIGITS);
  });
});
