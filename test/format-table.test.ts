import { describe, expect, it } from 'vitest';
import { renderTable } from '../src/format/table.js';
import { fitTable } from '../src/format/fit-table.js';
import { displayWidth } from '../src/format/width.js';

// Line feeds join the table's lines; anything else in C0/C1 or bidi would be an injection.
const DANGEROUS = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

describe('renderTable', () => {
  it('renders header, rule and rows aligned by column', () => {
    const out = renderTable(
      [{ header: 'ID' }, { header: 'Title' }, { header: 'Cost', align: 'right' }],
      [
        ['fix-auth', 'Fix flaky auth test', '$0.42'],
        ['run-7', 'Add retries', '$12.34'],
      ],
    );
    expect(out).toBe(
      [
        'ID        Title                  Cost',
        '────────  ───────────────────  ──────',
        'fix-auth  Fix flaky auth test   $0.42',
        'run-7     Add retries          $12.34',
      ].join('\n'),
    );
  });

  it('aligns CJK and emoji cells by display width', () => {
    const out = renderTable(
      [{ header: 'Title' }, { header: 'N', align: 'right' }],
      [
        ['日本語のタイトル', '1'],
        ['ascii title', '22'],
        ['👩‍💻 coding', '333'],
      ],
    );
    const lines = out.split('\n');
    // Every row ends its right-aligned column at the same display column.
    const widths = lines.map((l) => displayWidth(l));
    expect(new Set(widths.slice(1)).size).toBe(1);
    expect(lines[2]).toBe('日本語のタイトル    1');
  });

  it('truncates cells over maxWidth with an ellipsis', () => {
    const out = renderTable([{ header: 'Title', maxWidth: 8 }, { header: 'X' }], [['日本語テキストです', 'y']]);
    expect(out.split('\n')[2]).toBe('日本語…  y');
  });

  it('leaves no trailing spaces and fills missing cells with blanks', () => {
    const out = renderTable([{ header: 'A' }, { header: 'Long header' }], [['x'], ['yy', '']]);
    for (const line of out.split('\n')) expect(line).not.toMatch(/ $/);
    expect(out.split('\n')[2]).toBe('x');
  });

  it('keeps a hostile cell on one line and inert', () => {
    const out = renderTable([{ header: 'Title' }, { header: 'Id' }], [['evil\x1b[2J\nrow\u202E', 'a']]);
    expect(out).not.toMatch(DANGEROUS);
    expect(out.split('\n')).toHaveLength(3);
    expect(out.split('\n')[2]).toBe('evil␛[2J row⟦U+202E⟧  a');
  });

  it('honours the gap option', () => {
    expect(renderTable([{ header: 'a' }, { header: 'b' }], [], { gap: 1 })).toBe('a b\n─ ─');
  });
});

describe('session table at 80 columns with long ids', () => {
  it('drops figures before cutting a title under a readable width, and keeps age, flags and project', async () => {
    const { renderSessionTable } = await import('../src/app/commands/session-table.js');
    const { makeSummary } = await import('./helpers/summary.js');
    const s = makeSummary({ id: '019c8a59-e9dd-71f0-9ae3-4079fe9726a9', title: 'Work on the spotter worktree import command', updatedAt: '2026-11-20T10:00:00Z', model: 'claude-opus-4.5' });
    const lines = renderSessionTable([s], { nowMs: Date.parse('2026-11-20T12:00:00Z'), width: 80, projectLabel: () => '/home/me/projects/spotter' });
    expect(lines[0]).toMatch(/^ID\s+AGE\s+.*PROJECT\s+TITLE$/);
    expect(lines[0]).not.toMatch(/MSGS|TOOLS|TOKENS/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines[2]).toContain('019c8a59-e9dd-71f0-9ae3-4079fe9726a9');
    expect(lines[2]).toMatch(/Work on the spotter w…$/); // 22 columns of title, not 8
  });
});

describe('fitTable when nothing is left to drop', () => {
  it('narrows the label below its minimum rather than cutting the figures at the end of the line', () => {
    const lines = fitTable(
      [{ header: 'model', minWidth: 12 }, { header: 'tokens', align: 'right' }, { header: 'cost', align: 'right' }],
      [['anthropic/claude-sonnet-4-5', '17.8M', '$17,812.34']],
      26,
    );
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(26);
    expect(lines[2]).toMatch(/ 17\.8M  \$17,812\.34$/);
  });
});

describe('fitTable omitWhenBlank', () => {
  it('leaves out a column whose every cell is blank, keeps it when one cell is not', () => {
    const columns = [{ header: 'ID' }, { header: 'BLANK', omitWhenBlank: true }, { header: 'N', align: 'right' as const }];
    expect(fitTable(columns, [['a', '', '1'], ['b', '', '2']], 80)[0]).toMatch(/^ID\s+N$/);
    expect(fitTable(columns, [['a', '', '1'], ['b', 'x', '2']], 80)[0]).toMatch(/^ID\s+BLANK\s+N$/);
  });
});

describe('session cells', () => {
  it('a count past 9,999 is compact, never cut in the list\'s 5-wide column ("17,8…" read as another figure)', async () => {
    const { cellText } = await import('../src/format/session-cells.js');
    const { makeSummary } = await import('./helpers/summary.js');
    const now = Date.parse('2026-11-20T12:00:00Z');
    const big = makeSummary({ messageCount: 17_842, toolCalls: 8_925 });
    expect(cellText('msgs', big, now)).toBe('18k');
    expect(cellText('tools', big, now)).toBe('8,925');
    expect(cellText('msgs', makeSummary({ messageCount: 1_234_567 }), now)).toBe('1.2M');
    for (const n of [0, 9_999, 10_000, 99_999, 999_999, 5_000_000]) expect(displayWidth(cellText('msgs', makeSummary({ messageCount: n }), now))).toBeLessThanOrEqual(5);
  });
});
