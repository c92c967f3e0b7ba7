/**
 * Hostile case "absurd numbers are summed" (issue 9): token counts of 1e300,
 * -5000, "12", true, 1.5 and 2^53+1, costs of 1e300 and -1, are flagged
 * (SessionSummary.invalidNumbers, `doctor`) and left out of every total, in
 * our own formats and in Claude Code's, Codex's and Gemini CLI's logs; a
 * capped sum is never priced as if it were a number of tokens.
 */
import { describe, expect, it } from 'vitest';
import { diagnoseFile, hasProblem } from '../../src/store/scan/doctor.js';
import { readSummary } from '../../src/store/scan/summary-reader.js';
import { aggregateUsage } from '../../src/store/usage/usage.js';
import { formatUsd } from '../../src/format/numbers.js';
import { priceMicros } from '../../src/store/pricing.js';
import { SUM_CAP } from '../../src/store/counts.js';
import { codexTokens } from '../../src/store/sources/codex/parse.js';
import { geminiTokens } from '../../src/store/sources/gemini/parse.js';
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

  // Other agents' logs, read with what their location knows (sources/<agent>): the same rule as ours.
  const agent = (source: 'claude' | 'codex' | 'gemini') => readOpts({ file: { id: `${source}-absurd`, source, format: source } });

  it('Claude Code: an absurd count in a message.usage is flagged and left out; the cost stays that of the good counts', async () => {
    const line = (i: number, usage: object): object => ({
      type: 'assistant',
      sessionId: 's',
      cwd: '/w',
      timestamp: T,
      uuid: `u${i}`,
      requestId: `req_${i}`,
      message: { id: `msg_${i}`, role: 'assistant', model: 'claude-sonnet-4-5', content: [{ type: 'text', text: 'ok' }], usage },
    });
    const path = t.write('claude-absurd', [
      { type: 'user', sessionId: 's', cwd: '/w', timestamp: T, uuid: 'u0', message: { role: 'user', content: 'go' } },
      line(1, { input_tokens: 10, output_tokens: 50, cache_read_input_tokens: 1e17 }),
      line(2, { input_tokens: 'lots', output_tokens: -5, cache_read_input_tokens: 100 }),
      // The same reply's next content block: a copy of its usage, flagged once with it.
      line(2, { input_tokens: 'lots', output_tokens: -5, cache_read_input_tokens: 100 }),
      line(3, { input_tokens: 1.5, output_tokens: 7, cache_creation_input_tokens: 2 ** 53 + 1 }),
    ]);
    const { summary } = await readSummary(path, agent('claude'));
    expect(summary.invalidNumbers).toBe(5);
    expect(summary.tokens).toMatchObject({ input: 10, output: 57, cacheRead: 100, cacheWrite: 0 });
    expect(summary.overflowed).toBeUndefined();
    // 10 in, 57 out, 100 cache read at Sonnet 4.5's $3 / $15 / $0.30 a million: well under a cent, never $4.5 billion.
    expect(summary.costMicros).toBe(10 * 3 + 57 * 15 + Math.round(100 * 0.3));
  });

  it('Codex: an absurd count in a usage record or a running total is flagged and left out; later totals still count', async () => {
    const total = (usage: object): object => ({ timestamp: T, type: 'event_msg', payload: { type: 'token_count', info: { total_token_usage: usage } } });
    const path = t.write('codex-absurd', [
      { timestamp: T, type: 'session_meta', payload: { id: 'codex-absurd', timestamp: T, cwd: '/w' } },
      { timestamp: T, type: 'turn_context', payload: { cwd: '/w', model: 'gpt-5-codex' } },
      { timestamp: T, type: 'response_item', payload: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'go' }] } },
      total({ input_tokens: 1000, cached_input_tokens: 200, output_tokens: 100, total_tokens: 1100 }),
      total({ input_tokens: 1e17, cached_input_tokens: 200, output_tokens: 'many', total_tokens: 1200 }),
      total({ input_tokens: 1500, cached_input_tokens: 300, output_tokens: 150, total_tokens: 1650 }),
    ]);
    const { summary } = await readSummary(path, agent('codex'));
    expect(summary.invalidNumbers).toBe(2);
    // The two good totals: 1,500 input of which 300 cached, 150 output.
    expect(summary.tokens).toMatchObject({ input: 1200, cacheRead: 300, output: 150 });
    expect(Number.isSafeInteger(summary.costMicros)).toBe(true);
    expect(summary.costMicros!).toBeLessThan(1_000_000);
  });

  it('Gemini CLI: an absurd count in a message\'s tokens is flagged and left out', async () => {
    const path = t.write('gemini-absurd', [
      { sessionId: 'gemini-absurd', projectHash: 'h', startTime: T, lastUpdated: T, kind: 'main' },
      { id: 'u1', timestamp: T, type: 'user', content: 'go' },
      { id: 'g1', timestamp: T, type: 'gemini', content: 'ok', model: 'gemini-2.5-pro', tokens: { input: 1000, output: 1e300, cached: 400, thoughts: -3, tool: 0, total: 1080 } },
      { id: 'g2', timestamp: T, type: 'gemini', content: 'ok', model: 'gemini-2.5-pro', tokens: { input: 500, output: 10, cached: 0, thoughts: 0, tool: 0, total: 510 } },
    ]);
    const { summary } = await readSummary(path, agent('gemini'));
    expect(summary.invalidNumbers).toBe(2);
    expect(summary.tokens).toMatchObject({ input: 1100, cacheRead: 400, output: 10 });
    // The total adds up what was kept: g1's recorded 1,080 held the counts left out (a tryout saw 113 for 100 + 10).
    expect(summary.tokens.total).toBe(1100 + 400 + 10);
  });

  it('a recorded total beside a count left out is replaced by the sum of the counts kept (Codex, Gemini)', () => {
    expect(codexTokens({ input_tokens: 1000, cached_input_tokens: 200, output_tokens: 'many', total_tokens: 1200 })).toMatchObject({ input: 800, cacheRead: 200, output: 0, total: 1000, rejected: 1 });
    expect(codexTokens({ input_tokens: 1000, cached_input_tokens: 200, output_tokens: 100, total_tokens: 1150 })).toMatchObject({ total: 1150 });
    expect(geminiTokens({ input: 1e20, output: -1, cached: 5, thoughts: 'x', tool: 0, total: 3 })).toMatchObject({ total: 0, rejected: 3 });
  });

  it('a capped sum of tokens is priced as overflow, not as an exact cost', () => {
    const price = { input: 3, output: 15, cache_read: 0.3, cache_write: 3.75 };
    expect(priceMicros(price, { input: 0, output: 0, cacheRead: SUM_CAP, cacheWrite: 0 })).toBe(SUM_CAP);
    expect(formatUsd(priceMicros(price, { input: 1, output: 1, cacheRead: SUM_CAP, cacheWrite: 0 }))).toBe('overflow');
    expect(priceMicros(price, { input: 1_000_000, output: 0, cacheRead: 0, cacheWrite: 0 })).toBe(3_000_000);
  });
});
