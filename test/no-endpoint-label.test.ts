/**
 * Usage that names no endpoint reads one way everywhere. A store usage entry
 * with neither vendor nor endpoint (key `|`) and a session with no
 * per-endpoint usage at all (tokens from its meta total) are the same fact:
 * `usage --by endpoint` showed the first as a blank row next to a `(none)`
 * row, and `show` called it `? (default)`. Now: one `(no endpoint)` row, and
 * the same words in `show`, the cost view and the Usage tab.
 */
import { describe, expect, it } from 'vitest';
import { costViewParts } from '../src/components/CostView.js';
import { buildCostModel } from '../src/components/cost-model.js';
import { endpointLines } from '../src/components/UsagePanel.js';
import { readSummary } from '../src/store/scan/summary-reader.js';
import type { SessionSummary } from '../src/store/types.js';
import type { UsageRow } from '../src/store/usage/usage.js';
import { runCli } from './helpers/cli.js';
import { readOpts, useTempHome, type TempHome } from './helpers/session-files.js';

const meta = (id: string, hour: number, extra: object = {}) => ({
  type: 'meta',
  id,
  created_at: `2026-11-20T${hour}:00:00.000Z`,
  updated_at: `2026-11-20T${hour}:05:00.000Z`,
  title: id,
  model: 'gpt-5',
  ...extra,
});
const prompt = (hour: number) => ({ type: 'message', timestamp: `2026-11-20T${hour}:00:00.000Z`, message: { role: 'user', content: 'hi' } });
const usage = (hour: number, where: object, input: number, output: number) => ({
  type: 'usage',
  entry: { timestamp: `2026-11-20T${hour}:01:00.000Z`, model: 'gpt-5', ...where, usage: { input_tokens: input, output_tokens: output, cache_read_tokens: 0, cache_write_tokens: 0 } },
});

let t: TempHome;
useTempHome((h) => (t = h));

/** Three sessions: one call keyed `|`, one with only a meta total, one on a recorded endpoint. */
function writeSessions(): string[] {
  return [
    t.write('bare-call', [meta('bare-call', 10), prompt(10), usage(10, {}, 0, 1)]),
    t.write('meta-only', [meta('meta-only', 11, { token_usage: { input_tokens: 1000, output_tokens: 100, cache_read_tokens: 0, cache_write_tokens: 0 } }), prompt(11)]),
    t.write('on-openai', [meta('on-openai', 12), prompt(12), usage(12, { vendor: 'openai', endpoint: 'https://api.openai.com/v1' }, 2000, 300)]),
  ];
}

const cli = (args: string[]) => runCli([...args, '--home', t.home, '--all'], { env: { SESSION_BROWSER_NOW: '2026-11-21T12:00:00Z' } });

describe('usage with no endpoint recorded', () => {
  it('is one "(no endpoint)" row in usage --by endpoint, never a blank row beside a "(none)" one', () => {
    writeSessions();
    const res = cli(['usage', '--by', 'endpoint']);
    expect(res.code, res.stderr).toBe(0);
    const body = res.stdout.split('\n').slice(3).filter((l) => l.trim() && !l.startsWith('TOTAL'));
    expect(body.map((l) => l.split(/ {2,}/)[0])).toEqual(['openai|https://api.openai.com/v1', '(no endpoint)']);
    // Both sessions in it, their tokens summed (1k + 0 in, 100 + 1 out).
    expect(body[1]).toMatch(/^\(no endpoint\)\s+2\s+–\s+1k\s+101\s/);
    expect(res.stdout).not.toContain('(none)');
  });

  it('is one row in usage --json too, keyed as labelled, with no vendor made up', () => {
    writeSessions();
    const res = cli(['usage', '--by', 'endpoint', '--json']);
    expect(res.code, res.stderr).toBe(0);
    const { rows } = JSON.parse(res.stdout) as { rows: UsageRow[] };
    expect(rows.map((r) => [r.key, r.provider, r.sessions, r.inputTokens, r.outputTokens])).toEqual([
      ['openai|https://api.openai.com/v1', 'openai', 1, 2000, 300],
      ['(no endpoint)', '', 2, 1000, 101],
    ]);
  });

  it('reads the same in show', () => {
    writeSessions();
    const res = cli(['show', 'bare-call']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/^endpoint\s+\(no endpoint\) · 1 call · /m);
    expect(res.stdout).not.toMatch(/^endpoint .*\(default\)/m);
  });

  it('reads the same in the cost view and the Usage tab', async () => {
    const summaries: SessionSummary[] = [];
    for (const path of writeSessions()) summaries.push((await readSummary(path, readOpts())).summary!);
    const model = buildCostModel(summaries, 'all', Date.parse('2026-11-21T12:00:00Z'));
    const { body } = costViewParts(model, { window: 'all', width: 100, scopeLabel: 'this project' });
    const text = body.map((l) => l.text);
    const endpointRows = text.slice(text.findIndex((l) => l.startsWith('By endpoint')) + 3).filter((l) => /^\S/.test(l) && !l.startsWith('Cost per'));
    expect(endpointRows.slice(0, 2).map((l) => l.split(/ {2,}/)[0])).toEqual(['openai|https://api.openai.com/v1', '(no endpoint)']);
    expect(text.join('\n')).not.toContain('(none)');

    const bare = summaries.find((s) => s.id === 'bare-call')!;
    const tab = endpointLines(bare.endpoints, 100);
    expect(tab[2]).toMatch(/^–\s+\(no endpoint\)\s+1\s/);
  });
});
