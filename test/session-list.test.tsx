import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionList, visibleLines } from '../src/components/SessionList.js';
import { chooseColumns } from '../src/components/SessionRow.js';
import { badges } from '../src/format/badges.js';
import { highlightSegments } from '../src/components/Highlighted.js';
import { buildItems, type ListItem } from '../src/app/list-model.js';
import { buildLayout } from '../src/components/list-layout.js';
import type { SearchHit } from '../src/store/search/types.js';
import type { SessionSummary } from '../src/store/types.js';
import { displayWidth } from '../src/format/width.js';
import { cleanup, frameLines, renderSized } from './helpers/render.js';
import { appSummary, manySummaries, NOW } from './helpers/fake-source.js';

afterEach(cleanup);

function draw(items: ListItem[], width: number, opts: { viewport?: number; selected?: number; scroll?: number } = {}) {
  const layout = buildLayout(
    items.map((it) => ({ id: it.summary.id, height: it.hasSnippet ? 2 : 1, header: it.group !== null })),
    opts.viewport ?? 20,
  );
  const view = renderSized(
    <SessionList items={items} layout={layout} selectedIndex={opts.selected ?? 0} scroll={opts.scroll ?? 0} width={width} nowMs={NOW} />,
    { columns: width, rows: 40 },
  );
  return view.waitFor((f) => f.length > 0);
}

const plain = (sessions: SessionSummary[]) => buildItems(sessions, null, 'project', (id) => id);

describe('columns adapt to the width', () => {
  it('at 160 columns shows every column', () => {
    expect(chooseColumns(160).columns.map((c) => c.key)).toEqual(['age', 'msgs', 'tools', 'model', 'tokens', 'cost', 'badges']);
  });

  it("on a wide line the model column holds a dated model id whole; on a narrower one it keeps its width, not the title's share", () => {
    const wide = chooseColumns(160);
    expect(wide.columns.find((c) => c.key === 'model')!.width).toBeGreaterThanOrEqual('claude-sonnet-4-5-20250929'.length);
    expect(wide.titleWidth).toBeGreaterThanOrEqual(64);
    const mid = chooseColumns(120);
    expect(mid.columns.find((c) => c.key === 'model')!.width).toBe(18);
    expect(mid.titleWidth).toBeGreaterThanOrEqual(48);
  });

  it('at 80 columns drops tool calls and model but keeps title, age, msgs, cost and badges', () => {
    const keys = chooseColumns(80).columns.map((c) => c.key);
    expect(keys).not.toContain('tools');
    expect(keys).not.toContain('model');
    expect(keys).toEqual(expect.arrayContaining(['age', 'msgs', 'cost', 'badges']));
    expect(chooseColumns(80).titleWidth).toBeGreaterThanOrEqual(30);
  });

  it.each([80, 160])('renders rows at %i columns with no line wider than the terminal', async (width) => {
    const s = appSummary({ id: 'a1', title: 'Refactor the parser '.repeat(10), model: 'claude-3-5-sonnet-20241022' });
    const frame = await draw(plain([s, appSummary({ id: 'a2', costMicros: null })]), width);
    for (const line of frameLines(frame)) expect(displayWidth(line)).toBeLessThanOrEqual(width);
    expect(frame).toContain('Refactor the parser');
    expect(frame).toContain('2h ago');
    expect(frame).toContain('$0.01');
    expect(frame).toMatch(/ \?/); // unknown cost reads '?', never $0
    if (width === 160) expect(frame).toContain('claude-3-5-sonnet');
    else expect(frame).not.toContain('claude-3-5-sonnet');
  });
});

describe('titles from logs', () => {
  it('truncates a CJK title by display width, never splitting a wide character', async () => {
    const title = '日本語のタイトルがとても長いのでここで切り詰められるべきです'.repeat(3);
    const frame = await draw(plain([appSummary({ id: 'cjk', title })]), 80);
    const row = frameLines(frame).find((l) => l.includes('日本語'))!;
    expect(row).toContain('…');
    expect(displayWidth(row)).toBeLessThanOrEqual(80);
    // The title cell is exactly its width: the columns after it line up.
    const cut = row.slice(2, row.indexOf('…') + 1);
    expect(displayWidth(cut)).toBeLessThanOrEqual(chooseColumns(80).titleWidth);
    expect(displayWidth(cut)).toBeGreaterThanOrEqual(chooseColumns(80).titleWidth - 1);
  });

  it('shows escape sequences in a title as visible markers, never as raw escapes', async () => {
    const title = 'evil \u001b]0;pwned\u0007 \u001b[2J title \u202Egnp.exe';
    const frame = await draw(plain([appSummary({ id: 'x', title })]), 120);
    expect(frame).not.toContain('\u001b]');
    expect(frame).not.toContain('\u001b[2J');
    expect(frame).not.toContain('\u202E');
    expect(frame).toContain('␛]0;pwned␇');
    expect(frame).toContain('⟦U+202E⟧');
  });
});

describe('selection and snippets', () => {
  it('marks the selected row with › (visible without colour)', async () => {
    const frame = await draw(plain(manySummaries(3)), 100, { selected: 1 });
    const rows = frameLines(frame).filter((l) => l.includes('Task number'));
    expect(rows.map((l) => l.startsWith('› '))).toEqual([false, true, false]);
  });

  it('draws a dim snippet line under a content match', async () => {
    const s = appSummary({ id: 'c1', title: 'Unrelated title' });
    const hit: SearchHit = {
      summary: s,
      tier: 'all',
      field: 'content',
      similar: [],
      snippet: { text: '…the flaky websocket test again…', ranges: [{ start: 15, end: 24 }] },
      titleRanges: [],
    };
    const frame = await draw(buildItems([s], [hit], 'project', (id) => id), 100);
    const lines = frameLines(frame);
    const row = lines.findIndex((l) => l.includes('Unrelated title'));
    expect(lines[row + 1]).toContain('the flaky websocket test again');
    expect(lines[row + 1]).not.toContain('similar:');
  });

  it('says which word a typo stood for, beside the snippet and for a title match', async () => {
    const s = appSummary({ id: 'c1', title: 'Unrelated title' });
    const t = appSummary({ id: 't1', title: 'Flaky tests' });
    const base = { tier: 'all' as const, titleRanges: [] };
    const hits: SearchHit[] = [
      { ...base, summary: s, field: 'content', similar: ['flaky'], snippet: { text: 'the flaky websocket', ranges: [{ start: 4, end: 9 }] } },
      { ...base, summary: t, field: 'title', similar: ['flaky'], snippet: null },
    ];
    const lines = frameLines(await draw(buildItems([s, t], hits, 'project', (id) => id), 100));
    const row = lines.findIndex((l) => l.includes('Unrelated title'));
    expect(lines[row + 1]).toMatch(/similar: flaky .*the flaky websocket/);
    const title = lines.findIndex((l) => l.includes('Flaky tests'));
    expect(lines[title + 1]).toContain('similar: flaky');
  });

  it('renders only the visible window of a long list', async () => {
    const items = plain(manySummaries(5000));
    const frame = await draw(items, 100, { viewport: 10, selected: 2500, scroll: 2495 });
    const rows = frameLines(frame).filter((l) => l.includes('Task number'));
    expect(rows).toHaveLength(10);
    expect(rows[0]).toContain('Task number 2495');
    expect(frame).toContain('› Task number 2500');
  });

  it('groups rows by project in all scope', async () => {
    const sessions = [...manySummaries(2, 'pa'), ...manySummaries(1, 'pb')];
    const items = buildItems(sessions, null, 'all', (id) => `/code/${id}`);
    const frame = await draw(items, 100);
    expect(frame).toContain('▸ /code/pa (2)');
    expect(frame).toContain('▸ /code/pb (1)');
    const lines = visibleLines(buildLayout(items.map((it) => ({ id: it.summary.id, height: 1, header: it.group !== null })), 20), 0);
    expect(lines.map((l) => l.kind)).toEqual(['group', 'row', 'row', 'group', 'row']);
  });
});

describe('helpers', () => {
  it('highlight segments keep ranges aligned after sanitizing and fill the width exactly', () => {
    const segs = highlightSegments('fix  the\tflaky\u001b test', [{ start: 9, end: 14 }], 30);
    expect(segs.map((s) => s.text).join('')).toBe('fix the flaky␛ test'.padEnd(30));
    expect(segs.filter((s) => s.hit).map((s) => s.text)).toEqual(['flaky']);
    const cut = highlightSegments('abcdefghij', [{ start: 2, end: 8 }], 6);
    expect(cut.map((s) => s.text).join('')).toBe('abcde…');
  });

  it('badges show checkpoints, warm cache time, failure, looping and unreadable lines', () => {
    const s = appSummary({
      id: 'b',
      checkpoints: 2,
      cacheWarmUntil: new Date(NOW + 4 * 60_000).toISOString(),
      status: 'failed',
      strikes: 3,
      malformedLines: 2,
      unknownLines: 2,
      oversizedLines: 1,
    });
    expect(badges(s, NOW)).toBe('◆2 ♨4m ✗ ↻3 ⚠5');
    expect(badges(appSummary({ id: 'cold', cacheWarmUntil: new Date(NOW - 1000).toISOString() }), NOW)).toBe('');
  });
});
