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
