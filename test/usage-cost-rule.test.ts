/**
 * One rule for a usage row's cost, in `usage` (every --by) and the cost
 * view (row-text.ts costText): `?` only where tokens have no price, and
 * then TOTAL says `+?` and the note counts them; a row with no tokens at
 * all shows `–`, as the cost view does. Before, `usage` printed `?` on the
 * demo's zero-token rows (a skills run, a meta-only session) while TOTAL
 * and its note said nothing of them and the cost view showed `–`.
 */
import { describe, expect, it } from 'vitest';
import { costText } from '../src/store/usage/row-text.js';
import type { UsageRow } from '../src/store/usage/usage.js';
import { runCli } from './helpers/cli.js';

const run = (args: string[]) => {
  const res = runCli(['--demo', 'usage', ...args]);
  expect(res.code, res.stderr).toBe(0);
  return res.stdout;
};

/** The table's rows (TOTAL last) as [label, COST cell, UNPRICED cell], read by the right edges of the headers. */
function table(stdout: string): { label: string; cost: string; unpriced: string }[] {
  const lines = stdout.split('\n');
  const header = lines[1]!;
  const edge = (name: string): number => header.indexOf(name) + name.length;
  const cell = (line: string, name: string): string => line.slice(0, edge(name)).trimEnd().split(/ {2,}/).pop()!.trim();
  const end = lines.findIndex((l) => l.startsWith('TOTAL'));
  return lines.slice(3, end + 1).map((l) => ({
    label: l.split(/ {2,}/)[0]!,
    cost: cell(l, 'COST'),
    // UNPRICED is blank when none: a cell reaching back into COST is no count.
    unpriced: l.slice(edge('COST'), edge('UNPRICED')).trim(),
  }));
}

describe('usage: the cost of a row with no tokens, and of tokens with no price', () => {
  it('by model: the zero-token skills run costs "–", TOTAL says "+?" for the 2 unpriced sessions the note counts', () => {
    const rows = table(run([]));
    expect(rows.find((r) => r.label === 'default/claude-opus-4.5')).toEqual({ label: 'default/claude-opus-4.5', cost: '–', unpriced: '' });
    const unknown = rows.filter((r) => r.cost.includes('?') && r.label !== 'TOTAL');
    expect(unknown.map((r) => [r.cost, r.unpriced])).toEqual([
      ['?', '1'],
      ['?', '1'],
    ]);
    expect(rows.at(-1)).toEqual({ label: 'TOTAL', cost: '$9.18+?', unpriced: '2' });
    expect(run([])).toContain('2 sessions have tokens with no known price');
  });

  it('by day over 7d: the day of one meta-only session costs "–", and a TOTAL with nothing unpriced has no "+?" and no note', () => {
    const out = run(['--by', 'day', '--since', '7d']);
    const rows = table(out);
    expect(rows[0]).toEqual({ label: '2026-11-15', cost: '–', unpriced: '' });
    expect(rows.some((r) => r.cost.includes('?'))).toBe(false);
    expect(rows.at(-1)!.cost).toBe('$9.17');
    expect(out).not.toContain('no known price');
  });

  it.each(['model', 'endpoint', 'day', 'session'])('by %s: every COST cell is the cost view\'s text for the --json row, and a "?" anywhere flags TOTAL and the note', (by) => {
    const text = table(run(['--by', by]));
    const json = JSON.parse(run(['--by', by, '--json'])) as { rows: UsageRow[]; totals: UsageRow };
    expect(text.map((r) => r.cost)).toEqual([...json.rows, json.totals].map(costText));
    // --json stays truthful: a row with no known cost is null, never 0.
    for (const r of json.rows) if (text[json.rows.indexOf(r)]!.cost === '–') expect(r.knownCostUsd).toBeNull();
    if (text.slice(0, -1).some((r) => r.cost.includes('?'))) {
      expect(text.at(-1)!.cost).toMatch(/\+\?$|^\?$/);
      expect(json.totals.unknownCostSessions).toBeGreaterThan(0);
    }
  });
});

describe('list: a session that spent nothing costs "–", as in usage', () => {
  it('the zero-token skills run and a meta-only session read "–" in list, text and browser cell; a priced one "$"', () => {
    const res = runCli(['--demo', 'list', '--include-empty']);
    expect(res.code, res.stderr).toBe(0);
    const row = (id: string) => res.stdout.split('\n').find((l) => l.includes(id)) ?? '';
    expect(row('skills-run')).toMatch(/ – /);
    expect(row('skills-run')).not.toMatch(/ \? /);
    expect(row('empty-meta-only')).toMatch(/ – /);
    const usage = JSON.parse(runCli(['--demo', 'usage', '--by', 'session', '--json']).stdout) as { rows: UsageRow[] };
    const skills = usage.rows.find((r) => r.key.includes('skills-run'));
    expect(skills && costText(skills)).toBe('–');
  });
});

describe('usage: rows whose SESSIONS add up to more than TOTAL say why', () => {
  it('by model: the demo session that used two models is counted in both rows, and the note says so; by day no note', () => {
    const out = run([]);
    const json = JSON.parse(run(['--json'])) as { rows: UsageRow[]; totals: UsageRow };
    expect(json.rows.reduce((n, r) => n + r.sessions, 0)).toBe(json.totals.sessions + 1);
    expect(out).toContain('1 session used more than one model: in each of its rows, once in TOTAL.');
    expect(run(['--by', 'day'])).not.toContain('used more than one');
  });
});

