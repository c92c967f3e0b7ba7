/**
 * `show` and the Markdown export name every model a session called (a
 * Claude session whose subagents ran on Haiku), not only the session's own.
 */
import { describe, expect, it } from 'vitest';
import { agentsCli } from './helpers/cli.js';

describe('show', () => {
  it('names every model a session called, each with its calls, tokens and cost, when it called more than one', () => {
    const cli = agentsCli(['claude']);
    try {
      const res = cli.run(['show', '1d3b2c4e-0000-4000-8000-00000000000a']);
      expect(res.code, res.stderr).toBe(0);
      const lines = res.stdout.split('\n');
      expect(lines.find((l) => l.startsWith('model '))).toMatch(/^model\s+claude-sonnet-4-5-20250929 \(anthropic\) and 1 other \(below\)$/);
      const perModel = lines.filter((l) => /^model\s+\S+ \(anthropic\) · \d+ calls? · /.test(l));
      expect(perModel.map((l) => l.split(/\s+/)[1])).toEqual(['claude-sonnet-4-5-20250929', 'claude-haiku-4-5-20251001']);
    } finally {
      cli.cleanup();
    }
  });
});
