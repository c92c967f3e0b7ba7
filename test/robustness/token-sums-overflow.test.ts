/**
 * Hostile case "token sums past 2^53" (issue 9): every count is a safe
 * integer, but their sum is not. Past Number.MAX_SAFE_INTEGER a double no
 * longer counts by one, so a printed total would be a wrong exact figure.
 * Every sum (a session's buckets, usage rows across sessions, the cost view's
 * days) is capped there and shows as "overflow"; the record that took a
 * session past it is flagged like a bad count (invalidNumbers, `doctor`).
 */
import { describe, expect, it } from 'vitest';
import { buildCostModel } from '../../src/components/cost-model.js';
import { formatTokens, formatUsd } from '../../src/format/numbers.js';
import { addTokens, SUM_CAP } from '../../src/store/counts.js';
import { diagnoseFile } from '../../src/store/scan/doctor.js';
import { readSummary } from '../../src/store/scan/summary-reader.js';
import { aggregateUsage } from '../../src/store/usage/usage.js';
import { runCli } from '../helpers/cli.js';
import { readOpts, useTempHome, type TempHome } from '../helpers/session-files.js';

let t: TempHome;
useTempHome((h) => (t = h));

const T = '2026-11-20T09:00:00Z';
/** A store session whose usage records each hold `input` tokens: every one a safe integer. */
function session(id: string, inputs: number[]): string {
  return t.write(id, [
    { type: 'meta', id, created_at: T, title: id, model: 'claude-sonnet-4.6' },
    { type: 'message', timestamp: T, message: { role: 'user', content: 'go' } },
    ...inputs.map((n) => ({ type: 'usage', entry: { timestamp: T, model: 'claude-sonnet-4.6', vendor: 'anthropic', endpoint: 'e', usage: { input_tokens: n, output_tokens: 10 } } })),
  ]);
}

describe('robustness: token sums past 2^53', () => {
  it('addTokens is exact below the limit and capped (sticky) past it', () => {
    expect(addTokens(4e15, 4e15)).toBe(8e15);
    expect(addTokens(8e15, 4e15)).toBe(SUM_CAP);
    expect(addTokens(SUM_CAP, 0)).toBe(SUM_CAP);
  });

  it('one session: the total is capped, shown as overflow, and the record that took it there is flagged', async () => {
    const path = session('huge', [4e15, 4e15, 4e15]);
    const { summary } = await readSummary(path, readOpts());
    // 1.2e16 is past 2^53: no figure may claim it exactly.
    expect(summary.tokens.input).toBe(SUM_CAP);
    expect(formatTokens(summary.tokens.input)).toBe('overflow');
    expect(formatUsd(summary.costMicros)).toBe('overflow');
    expect(summary.tokens.output).toBe(30);
    expect(summary.invalidNumbers).toBe(1);
    // Lines 1-2 are meta and message; the third usage record (line 5) passed the limit.
    expect((await diagnoseFile(path)).invalidNumbers).toEqual([5]);
  });

  it('usage rows and the cost view: sessions exact alone overflow together, marked, never a wrong figure', async () => {
    const a = (await readSummary(session('half1', [5e15]), readOpts())).summary;
    const b = (await readSummary(session('half2', [5e15]), readOpts())).summary;
    expect(a.tokens.input).toBe(5e15);
    const report = aggregateUsage([a, b], { by: 'model', window: null });
    expect(report.rows[0]!.inputTokens).toBe(SUM_CAP);
    expect(report.rows[0]!.overflowed).toBe(true);
    expect(report.totals.overflowed).toBe(true);
    expect(report.totals.outputTokens).toBe(20);
    const single = aggregateUsage([a], { by: 'model', window: null });
    // One alone is exact (its cost, 5e15 tokens at $3/M, is itself past 2^53 micro-USD: that shows as overflow too).
    expect(single.totals.inputTokens).toBe(5e15);
    expect(formatUsd(single.totals.knownCostMicros)).toBe('overflow');
    const model = buildCostModel([a, b], 'all', Date.parse('2026-11-21T12:00:00Z'), 'UTC');
    expect(formatTokens(model.totals.inputTokens)).toBe('overflow');
  });

  it('CLI: usage, show and doctor say overflow, print no digits for it, and doctor names the line', () => {
    session('huge', [4e15, 4e15, 4e15]);
    session('small', [1200]);
    const usage = runCli(['--home', t.home, 'usage', '--all', '--since', 'all']);
    expect(usage.code).toBe(0);
    expect(usage.stdout).toMatch(/TOTAL .* overflow /);
    expect(usage.stdout).not.toMatch(/9,007|9\.0P|9007/);
    const show = runCli(['--home', t.home, 'show', 'huge', '--all']);
    expect(show.stdout).toMatch(/tokens +overflow · overflow in · 30 out/);
    expect(show.stdout).toContain('1 impossible number');
    const doctor = runCli(['--home', t.home, 'doctor', '--all']);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/^huge +store +5 .* 5 *$/m);
    expect(doctor.stdout).not.toMatch(/^small/m);
  });
});
