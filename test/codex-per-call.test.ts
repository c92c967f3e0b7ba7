/**
 * Codex writes its usage as running totals (`total_token_usage`, re-emitted
 * unchanged between calls): the summary counts each increase as a call
 * (ADAPTERS.md), and the transcript's usage entries, which the Usage tab
 * charts per call, show the same calls, not one entry holding the total.
 */
import { describe, expect, it } from 'vitest';
import { loadTranscript } from '../src/store/scan/transcript.js';
import { readSummary } from '../src/store/scan/summary-reader.js';
import { readOpts, tempHome } from './helpers/session-files.js';

const T = '2026-11-20T09:00:00Z';

describe('per-call usage of a Codex running total', () => {
  it("the transcript shows each increase of total_token_usage as its call, as many as the summary's calls, adding up to its tokens", async () => {
    const t2 = tempHome();
    try {
      const total = (input: number, output: number): object => ({ timestamp: T, type: 'event_msg', payload: { type: 'token_count', info: { total_token_usage: { input_tokens: input, cached_input_tokens: 0, output_tokens: output, total_tokens: input + output } } } });
      const path = t2.write('codex-calls', [
        { timestamp: T, type: 'session_meta', payload: { id: 'codex-calls', timestamp: T, cwd: '/w' } },
        { timestamp: T, type: 'turn_context', payload: { cwd: '/w', model: 'gpt-5-codex' } },
        { timestamp: T, type: 'response_item', payload: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'go' }] } },
        total(1000, 100),
        total(1000, 100), // re-emitted unchanged: no call
        total(2500, 180),
        total(4000, 300),
      ]);
      const opts = readOpts({ file: { id: 'codex-calls', source: 'codex', format: 'codex' } });
      const { summary } = await readSummary(path, opts);
      const calls = (await loadTranscript(path, opts)).entries.filter((e) => e.kind === 'usage');
      expect(summary.endpoints.map((e) => e.calls)).toEqual([3]);
      expect(calls.map((c) => c.kind === 'usage' && [c.tokens.input, c.tokens.output])).toEqual([[1000, 100], [1500, 80], [1500, 120]]);
      expect(summary.tokens).toMatchObject({ input: 4000, output: 300 });
    } finally {
      t2.cleanup();
    }
  });
});

describe('per-call usage when a Codex file has billing records too', () => {
  it("a running total's calls taken back by the records that follow are not shown as well: entries match the summary's calls and tokens", async () => {
    const { fileURLToPath } = await import('node:url');
    const path = fileURLToPath(new URL('../fixtures/agents/codex/sessions/2026/01/03/rollout-2026-01-03T08-00-00-019b0000-0000-7000-8000-00000000000d.jsonl', import.meta.url));
    const opts = readOpts({ file: { id: '019b0000-0000-7000-8000-00000000000d', source: 'codex', format: 'codex' } });
    const { summary } = await readSummary(path, opts);
    const calls = (await loadTranscript(path, opts)).entries.flatMap((e) => (e.kind === 'usage' ? [e] : []));
    expect(calls).toHaveLength(summary.endpoints.reduce((n, e) => n + e.calls, 0));
    expect(calls.reduce((n, c) => n + c.tokens.total, 0)).toBe(summary.tokens.total);
  });

  it('a model named like an object member ("constructor") keeps its totals when a running total is flagged', async () => {
    const t2 = tempHome();
    try {
      const total = (input: unknown): object => ({ timestamp: T, type: 'event_msg', payload: { type: 'token_count', info: { total_token_usage: { input_tokens: input, cached_input_tokens: 0, output_tokens: 10, total_tokens: 110 } } } });
      const path = t2.write('codex-proto', [
        { timestamp: T, type: 'session_meta', payload: { id: 'codex-proto', timestamp: T, cwd: '/w' } },
        { timestamp: T, type: 'turn_context', payload: { cwd: '/w', model: 'constructor' } },
        { timestamp: T, type: 'response_item', payload: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'go' }] } },
        total(1e17),
        total(100),
      ]);
      const { summary } = await readSummary(path, readOpts({ file: { id: 'codex-proto', source: 'codex', format: 'codex' } }));
      expect(summary.invalidNumbers).toBe(1);
      expect(summary.tokens).toMatchObject({ input: 100, output: 10 });
      expect(Number.isFinite(summary.tokens.total)).toBe(true);
    } finally {
      t2.cleanup();
    }
  });
});
