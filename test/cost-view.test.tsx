import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { CostView, costScrollMax, costViewParts } from '../src/components/CostView.js';
import { buildCostModel } from '../src/components/cost-model.js';
import { displayWidth } from '../src/format/width.js';
import { cleanup, renderSized } from './helpers/render.js';
import { makeModelUsage, makeSummary, makeTokens } from './helpers/summary.js';

const NOW = Date.parse('2026-11-20T12:00:00Z');

function session(id: string, updatedAt: string, model: string, costMicros: number | null, status: 'success' | 'failed') {
  const tokens = makeTokens({ input: 40_000, output: 2_000, cacheRead: 10_000 });
  return makeSummary({
    id, updatedAt, model, provider: 'anthropic', status, costMicros, tokens,
    models: [makeModelUsage({ provider: 'anthropic', model, tokens, costMicros, calls: 3 })],
  });
}

const sessions = [
  session('a', '2026-11-20T09:00:00Z', 'claude-sonnet-4.6', 1_250_000, 'success'),
  session('b', '2026-11-19T09:00:00Z', 'claude-sonnet-4.6', 750_000, 'failed'),
  session('c', '2026-11-17T09:00:00Z', 'my-private-finetune-with-a-very-long-model-name', null, 'success'),
  session('d', '2026-11-01T09:00:00Z', 'claude-sonnet-4.6', 9_000_000, 'success'), // outside 7d
];

afterEach(cleanup);

describe('CostView', () => {
  for (const width of [80, 160]) {
    it(`shows totals, per-model rows and unknown cost as '?' at width ${width}`, async () => {
      const height = 30;
      const app = renderSized(
        <CostView sessions={sessions} nowMs={NOW} window="7d" width={width} height={height} scopeLabel="this project" />,
        { columns: width, rows: height },
      );
      const frame = await app.waitFor('Cost · this project · window 7d (w cycles)');
      expect(frame).toContain('cost $2.00+?');
      expect(frame).toContain('3 sessions');
      expect(frame).toContain('success 67%');
      expect(frame).toMatch(/per success \(runs with an\s+outcome\)/);
      expect(frame).toContain('1 session with unknown cost');
      expect(frame).not.toContain('$11'); // the old session is outside the window
      // A long id keeps its provider and its end ("anthropic/…very-long-model-name"): the end names it.
      const unknownRow = frame.split('\n').find((l) => /^anthropic\/\S*model-name /.test(l)) ?? '';
      expect(unknownRow).toMatch(/ \?( |$)/);
      expect(unknownRow).not.toContain('$0');
      expect(frame).toMatch(/^11-20 █+.* \$1\.25$/m); // today's bar
      expect(frame).toMatch(/^11-17 +\?$/m); // a day whose only session has no price
      const lines = frame.split('\n');
      expect(lines.length).toBeLessThanOrEqual(height);
      for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
    });
  }

  it('at 80 columns tells apart model ids that share their start, and cuts no figure', async () => {
    const ids = ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-20250514', 'claude-haiku-4-5-20251001'];
    const three = ids.map((m, i) => session(`m${i}`, '2026-11-20T09:00:00Z', m, 17_812_000_000 + i, 'success'));
    const app = renderSized(<CostView sessions={three} nowMs={NOW} window="7d" width={80} height={30} scopeLabel="all projects" />, { columns: 80, rows: 30 });
    const frame = await app.waitFor('By model (3)');
    const rows = frame.split('\n').filter((l) => l.startsWith('anthropic/'));
    expect(rows).toHaveLength(3);
    const labels = rows.map((l) => l.split(/ {2,}/)[0]);
    expect(new Set(labels).size).toBe(3);
    expect(labels.some((l) => /sonnet-4-5/.test(l!))).toBe(true);
    expect(labels.some((l) => /haiku-4-5/.test(l!))).toBe(true);
    for (const l of rows) expect(l).toMatch(/ \$17,812 +\$17,812$/); // cost and cost per success, whole
  });

  it('keeps to a short height and scrolls its body to every model and every day', async () => {
    const parts = costViewParts(buildCostModel(sessions, '30d', NOW, 'UTC'), { window: '30d', width: 80, scopeLabel: 'all projects' });
    const max = costScrollMax(parts, 14);
    expect(max).toBeGreaterThan(0);
    const top = renderSized(<CostView sessions={sessions} nowMs={NOW} window="30d" width={80} height={14} scopeLabel="all projects" />, { columns: 80, rows: 14 });
    const first = await top.waitFor('window 30d');
    expect(first.split('\n').length).toBeLessThanOrEqual(14);
    expect(first).toMatch(/lines 1-\d+ of \d+ · j\/k PgUp\/PgDn scroll/);
    expect(first).not.toMatch(/… \d+ more/);
    const bottom = renderSized(<CostView sessions={sessions} nowMs={NOW} window="30d" width={80} height={14} scopeLabel="all projects" scroll={max} />, { columns: 80, rows: 14 });
    const last = await bottom.waitFor('window 30d');
    expect(last.split('\n').length).toBeLessThanOrEqual(14);
    expect(last).toMatch(/^11-20 █+.* \$1\.25$/m); // the newest day is the last line of the body
    expect(last).toMatch(new RegExp(`lines ${max + 1}-${parts.body.length} of ${parts.body.length}`));
  });

  it('lists every model and endpoint (no "… n more"), in a body taller than the screen', () => {
    const many = Array.from({ length: 15 }, (_, i) => session(`m${i}`, '2026-11-20T09:00:00Z', `model-${String(i).padStart(2, '0')}`, 1000 * (i + 1), 'success'));
    const { body } = costViewParts(buildCostModel(many, '7d', NOW, 'UTC'), { window: '7d', width: 80, scopeLabel: 'x' });
    const text = body.map((l) => l.text).join('\n');
    for (let i = 0; i < 15; i++) expect(text).toContain(`model-${String(i).padStart(2, '0')}`);
    expect(text).toContain('By model (15)');
    expect(text).not.toMatch(/more models/);
  });

  it('says weekly bars for a long all-time window and explains an empty one', async () => {
    const older = [...sessions, session('e', '2026-03-02T09:00:00Z', 'claude-sonnet-4.6', 100_000, 'success')];
    const all = renderSized(<CostView sessions={older} nowMs={NOW} window="all" width={80} height={80} scopeLabel="x" />, { columns: 80, rows: 80 });
    const frame = await all.waitFor('window all (w cycles) · weekly bars');
    expect(frame).toMatch(/^2026-11-16 █+\S* +\$2\.00\+\?$/m); // this week's bar, from Monday
    expect(frame).toMatch(/^2026-03-02 /m); // from the first session's week
    // The quiet months between are one line, not a row per empty week.
    expect(frame).toMatch(/^ +⋯ 33 weeks with no sessions$/m);
    expect(frame).not.toMatch(/^2026-06-01/m);
    expect(frame).toMatch(/^2026-10-26 /m); // a week with sessions after the gap keeps its row
    expect(frame).toMatch(/^2026-11-02 +–$/m); // a lone quiet week: a dash, not a bare date
    expect(frame).toMatch(/Cost per week \(from Monday/);
    const today = renderSized(<CostView sessions={sessions.slice(1)} nowMs={NOW} window="today" width={80} height={30} scopeLabel="x" />, { columns: 80, rows: 30 });
    await today.waitFor('No sessions in this window');
  });
});
