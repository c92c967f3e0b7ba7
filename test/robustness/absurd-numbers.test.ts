/**
 * Hostile case "absurd numbers are summed" (issue 9): token counts of 1e300,
 * -5000, "12", true, 1.5 and 2^53+1, costs of 1e300 and -1, are flagged
 * (SessionSummary.invalidNumbers, `doctor`) and left out of every total.
 */
import { describe, expect, it } from 'vitest';
import { diagnoseFile, hasProblem } from '../../src/store/scan/doctor.js';
import { readSummary } from '../../src/store/scan/summary-reader.js';
import { aggregateUsage } from '../../src/store/usage/usage.js';
import { readOpts, useTempHome, type TempHome } from '../helpers/session-files.js';

let t: TempHome;
useTempHome((h) => (t = h));

const T = '2026-11-20T09:00:00Z';
const ABSURD: unknown[] = [1e300, -5000, '12', true, 1.5, 2 ** 53 + 1, { n: 1 }];

describe('robustness: absurd numbers', () => {
  it('store: every absurd token count is flagged and summed as 0; valid ones still count', async () => {
    const usage = (n: unknown): string =>
      `{"type":"usage","entry":{"timestamp":"${T}","model":"claude-sonnet-4.6","vendor":"anthropic","usage":{"input_tokens":${JSON.stringify(n)},"output_tokens":10}}}`;
    const path = t.write('absurd', [
      { type: 'meta', id: 'absurd', created_at: T, title: 'absurd', model: 'claude-sonnet-4.6', token_usage: { input_tokens: 1e300 } },
      { type: 'message', timestamp: T, message: { role: 'user', content: 'go' } },
      ...ABSURD.map(usage),
      { type: 'checkpoint', timestamp: T, token_count: 1e300, messages: [] },
    ]);
    const { summary } = await readSummary(path, readOpts());
    expect(summary.tokens.input).toBe(0);
    expect(summary.tokens.output).toBe(10 * ABSURD.length);
    expect(summary.invalidNumbers).toBe(ABSURD.length + 2);
    expect(summary.lastCheckpoint?.tokenCount).toBe(0);
    expect(Number.isSafeInteger(summary.costMicros)).toBe(true);
    const report = aggregateUsage([summary], { by: 'model', window: null });
    expect(report.totals.inputTokens).toBe(0);
    const d = await diagnoseFile(path);
    expect(d.invalidNumbers).toEqual([1, ...ABSURD.map((_, i) => i + 3), ABSURD.length + 3]);
    expect(hasProblem(d)).toBe(true);
  });

  it('events: absurd costs and durations are flagged; the recorded total cost is not 1e300', async () => {
    const path = t.write('run-absurd', [
      { session_id: 'r', seq: 0, type: 'session.start', timestamp: T, data: { provider: 'openai', model: 'gpt-5', prompt: 'go' } },
      { session_id: 'r', seq: 1, type: 'llm.response', timestamp: T, data: { content: 'ok', usage: { input_tokens: -5000, output_tokens: 7 }, cost_usd: 1e300 } },
      { session_id: 'r', seq: 2, type: 'llm.response', timestamp: T, data: { content: 'ok', usage: { input_tokens: 3, output_tokens: 2 }, cost_usd: 0.5 } },
      { session_id: 'r', seq: 3, type: 'session.end', timestamp: T, data: { status: 'success', cost_usd: -1, duration_ms: 1e300, tokens: { input_tokens: true } } },
    ]);
    const { summary } = await readSummary(path, readOpts());
    expect(summary.invalidNumbers).toBe(5);
    expect(summary.tokens).toMatchObject({ input: 3, output: 9 });
    expect(summary.costMicros).toBeGreaterThanOrEqual(500_000);
    expect(summary.costMicros).toBeLessThan(600_000);
    expect(summary.durationMs).toBeLessThan(1e12);
  });
});
