/**
 * `show` and the Markdown export name every model a session called (a
 * Claude session whose subagents ran on Haiku), not only the session's own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers/cli.js';

describe('show', () => {
  it('names every model a session called, each with its calls, tokens and cost, when it called more than one', () => {
    const home = mkdtempSync(join(tmpdir(), 'sb-show-models-'));
    try {
      const agents = join(ROOT, 'fixtures', 'agents');
      const res = runCli(['show', '1d3b2c4e-0000-4000-8000-00000000000a', '--all', '--home', home, '--source', 'claude', '--claude-dir', join(agents, 'claude')]);
      expect(res.code, res.stderr).toBe(0);
      const lines = res.stdout.split('\n');
      expect(lines.find((l) => l.startsWith('model '))).toMatch(/^model\s+claude-sonnet-4-5-20250929 \(anthropic\) and 1 other \(below\)$/);
      const perModel = lines.filter((l) => /^model\s+\S+ \(anthropic\) · \d+ calls? · /.test(l));
      expect(perModel.map((l) => l.split(/\s+/)[1])).toEqual(['claude-sonnet-4-5-20250929', 'claude-haiku-4-5-20251001']);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
