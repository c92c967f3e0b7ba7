import { describe, expect, it } from 'vitest';
import { buildCostModel, costWindow } from '../src/components/cost-model.js';
import { fitTable } from '../src/format/fit-table.js';
import { displayWidth } from '../src/format/width.js';
import { makeModelUsage, makeSummary, makeTokens } from './helpers/summary.js';

const NOW = Date.parse('2026-11-20T12:00:00Z');

function session(id: string, updatedAt: string, costMicros: number | null, status: 'success' | 'failed' = 'success') {
  return makeSummary({
    id,
    updatedAt,
    status,
    costMicros,
    model: 'claude-sonnet-4.6',
    provider: 'anthropic',
    tokens: makeTokens({ input: 1000, output: 200, cacheRead: 1000 }),
    models: [makeModelUsage({ provider: 'anthropic', model: 'claude-sonnet-4.6', tokens: makeTokens({ input: 1000, output: 200 }), costMicros })],
  });
}

const sessions = [
  session('a', '2026-11-20T09:00:00Z', 1_500_000),
  session('b', '2026-11-18T09:00:00Z', 500_000, 'failed'),
  session('c', '2026-11-18T10:00:00Z', null),
  session('old', '2026-09-01T10:00:00Z', 2_000_000),
];

describe('buildCostModel', () => {
  it('counts the empty sessions of the window apart, which the list hides but the totals count', async () => {
    const withEmpty = [...sessions, { ...session('e', '2026-11-19T09:00:00Z', null), empty: true }, { ...session('e-old', '2026-09-01T09:00:00Z', null), empty: true }];
    const m = buildCostModel(withEmpty, '7d', NOW);
    expect(m.totals.sessions).toBe(4);
    expect(m.emptySessions).toBe(1);
    expect(buildCostModel(withEmpty, 'all', NOW).emptySessions).toBe(2);
    const { costViewLines } = await import('../src/components/CostView.js');
    const text = costViewLines(m, { width: 120, height: 40, scopeLabel: 'this project', window: '7d' }).map((l) => l.text).join('\n');
    expect(text).toContain('4 sessions (1 empty)');
  });

  it('counts only sessions whose last activity is in the window', () => {
    expect(buildCostModel(sessions, 'today', NOW).totals.sessions).toBe(1);
    const week = buildCostModel(sessions, '7d', NOW);
    expect(week.totals.sessions).toBe(3);
    expect(week.totals.knownCostMicros).toBe(2_000_000);
    expect(week.totals.unknownCostSessions).toBe(1);
    expect(buildCostModel(sessions, 'all', NOW).totals.sessions).toBe(4);
  });

  it('gives one daily bucket per day of the window, empty days included, unknown kept apart', () => {
    const week = buildCostModel(sessions, '7d', NOW);
    expect(week.unit).toBe('day');
    expect(week.buckets.map((b) => b.key)).toEqual([
      '2026-11-14', '2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20',
    ]);
    const d18 = week.buckets[4]!;
    expect(d18).toMatchObject({ sessions: 2, costMicros: 500_000, unknownCostSessions: 1 });
    expect(week.buckets[5]).toMatchObject({ sessions: 0, costMicros: null });
  });

  it("buckets 'all' by week (from Monday) when it spans more than 30 days", () => {
    const all = buildCostModel(sessions, 'all', NOW);
    expect(all.unit).toBe('week');
    expect(all.buckets[0]!.key).toBe('2026-08-31'); // the Monday before 2026-09-01
    expect(all.buckets.at(-1)!.key).toBe('2026-11-16');
    expect(all.buckets.at(-1)!.sessions).toBe(3);
    const recent = buildCostModel(sessions.slice(0, 3), 'all', NOW);
    expect(recent.unit).toBe('day');
    expect(recent.buckets[0]!.key).toBe('2026-11-18');
  });

  it('has no buckets and zero sessions for an empty window', () => {
    const m = buildCostModel([], '30d', NOW);
    expect(m.totals.sessions).toBe(0);
    expect(m.buckets).toEqual([]);
    expect(costWindow('all', NOW)).toBeNull();
  });
});

describe('fitTable', () => {
  const columns = [
    { header: 'name', minWidth: 6 },
    { header: 'calls', align: 'right' as const },
    { header: 'extra', dropPriority: 1 },
  ];
  const rows = [['a-rather-long-endpoint-name', '12', 'something']];

  it('keeps everything when it fits', () => {
    const lines = fitTable(columns, rows, 80);
    expect(lines[0]).toContain('extra');
    expect(lines[2]).toContain('a-rather-long-endpoint-name');
  });

  it('shrinks the shrinkable column first, then drops the lowest priority', () => {
    const shrunk = fitTable(columns, rows, 30);
    expect(shrunk[0]).toContain('extra');
    expect(shrunk[2]).toContain('…');
    const dropped = fitTable(columns, rows, 16);
    expect(dropped[0]).not.toContain('extra');
    for (const line of [...shrunk, ...dropped]) expect(displayWidth(line)).toBeLessThanOrEqual(30);
    for (const line of dropped) expect(displayWidth(line)).toBeLessThanOrEqual(16);
  });
});
