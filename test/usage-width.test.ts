/** `usage` fits the terminal like `list` (the new-user pass saw 130-column lines at 80 columns). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../src/format/width.js';
import { runCli } from './helpers/cli.js';

describe('usage at 80 columns', () => {
  it.each(['model', 'session', 'endpoint'])('by %s: every table line fits, costs and tokens stay, the least needed figures go first', (by) => {
    const res = runCli(['usage', '--demo', '--by', by], { env: { COLUMNS: '80' } });
    expect(res.code).toBe(0);
    const table = res.stdout.split('\n').filter((l) => l !== '' && !/^\d+ sessions? ha(s|ve) tokens/.test(l));
    for (const line of table) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    const header = table[1]!;
    expect(header).toMatch(/INPUT\s+OUTPUT/);
    expect(header).toMatch(/COST$/);
    expect(header).not.toContain('UNPRICED');
    // By session every row's SESSIONS is 1: it goes before any figure does.
    if (by === 'session') expect(header).toMatch(/^SESSION +SUCCESS +INPUT/);
    // With room, everything is there.
    const wide = runCli(['usage', '--demo', '--by', by], { env: { COLUMNS: '200' } }).stdout.split('\n')[1]!;
    expect(wide).toMatch(/UNPRICED\s+\$\/SUCCESS\s+TIME$/);
  });
});

describe('usage at 80 columns on model ids that share their start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-usage-width-'));
  const claude = join(dir, 'claude');
  const models = ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-20250514', 'claude-haiku-4-5-20251001'];
  mkdirSync(join(claude, 'projects', '-w-p'), { recursive: true });
  models.forEach((model, i) => {
    const id = `${i + 1}1111111-1111-4111-8111-111111111111`;
    const at = `2026-01-0${i + 2}T10:00:00Z`;
    const lines = [
      { type: 'user', sessionId: id, cwd: '/w/p', timestamp: at, uuid: `${id}-u`, message: { role: 'user', content: 'go' } },
      // Counts in the tens of millions: the figures that used to be cut ("17,8…").
      { type: 'assistant', sessionId: id, cwd: '/w/p', timestamp: at, uuid: `${id}-a`, requestId: `r${i}`,
        message: { id: `m${i}`, model, role: 'assistant', content: [{ type: 'text', text: 'x' }], usage: { input_tokens: 17_812_345 * (i + 1), output_tokens: 1_234_567, cache_read_input_tokens: 98_765_432, cache_creation_input_tokens: 4_321 } } },
    ];
    writeFileSync(join(claude, 'projects', '-w-p', `${id}.jsonl`), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const usage = (columns: number) =>
    runCli(['usage', '--all', '--since', 'all', '--source', 'claude', '--claude-dir', claude], { env: { COLUMNS: String(columns) } });

  it.each([80, 60])('at %i columns each model row keeps the end that names it, and every figure is whole', (columns) => {
    const narrow = usage(columns);
    expect(narrow.code, narrow.stderr).toBe(0);
    const rows = narrow.stdout.split('\n').filter((l) => l.startsWith('anthropic/') || l.startsWith('…'));
    expect(rows).toHaveLength(3);
    for (const l of rows) expect(displayWidth(l), l).toBeLessThanOrEqual(columns);
    const labels = rows.map((l) => l.split(/ {2,}/)[0]);
    expect(new Set(labels).size).toBe(3);
    expect(labels.find((l) => l!.includes('haiku-4-5'))).toBeDefined();
    expect(labels.find((l) => /sonnet-4-5/.test(l!))).toBeDefined();
    expect(labels.find((l) => /sonnet-4(…|$)/.test(l!))).toBeDefined();
    // The figures at this width are those of the wide table (same rows, same order), none cut.
    const wide = usage(200).stdout.split('\n');
    const wideRows = wide.filter((l) => l.startsWith('anthropic/'));
    const header = narrow.stdout.split('\n')[1]!.split(/ {2,}/);
    const wideHeader = wide[1]!.split(/ {2,}/);
    rows.forEach((row, r) => {
      const cells = row.split(/ {2,}/);
      const full = wideRows[r]!.split(/ {2,}/);
      expect(full[0]).toContain(cells[0]!.replace(/^.*…/, '').replace(/…$/, ''));
      header.slice(1).forEach((h, i) => expect(cells[i + 1], h).toBe(full[wideHeader.indexOf(h)]));
    });
  });
});

describe('usage leaves out a column of blanks', () => {
  it('UNPRICED shows only when some session has tokens without a price', () => {
    const all = runCli(['usage', '--demo'], { env: { COLUMNS: '200' } }).stdout.split('\n')[1]!;
    expect(all).toContain('UNPRICED');
    const week = runCli(['usage', '--demo', '--by', 'day', '--since', '7d'], { env: { COLUMNS: '200' } }).stdout;
    expect(week).not.toContain('no known price');
    expect(week.split('\n')[1]).not.toContain('UNPRICED');
    expect(week.split('\n')[1]).toMatch(/COST\s+\$\/SUCCESS\s+TIME$/);
  });
});

