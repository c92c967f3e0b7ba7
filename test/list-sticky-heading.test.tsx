/**
 * In all projects the list's first line always names the project of the
 * rows below it. `a` keeps the selected row on its screen line, which used
 * to scroll the first project's heading off the top (its rows had no
 * heading), and so did scrolling down any group longer than the screen: the
 * heading of the group the top row belongs to now sticks to the top.
 */
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../src/app/App.js';
import { buildLayout, resolveScroll, stickyGroupAt } from '../src/components/list-layout.js';
import { visibleLines } from '../src/components/SessionList.js';

import { appSummary, fakeSource, NOW } from './helpers/fake-source.js';
import { cleanup, expectFits, frameLines, KEYS, renderSized } from './helpers/render.js';

afterEach(cleanup);

const minutesAgo = (m: number) => new Date(NOW - m * 60_000).toISOString();
/** 16 sessions in this project (p1), then 3 older ones in p2. */
const SESSIONS = [
  ...Array.from({ length: 16 }, (_, i) => appSummary({ id: `p1-${i + 1}`, title: `Webapp task ${i + 1}`, updatedAt: minutesAgo(i + 1) })),
  ...Array.from({ length: 3 }, (_, i) => appSummary({ id: `p2-${i + 1}`, projectId: 'p2', title: `Pipeline task ${i + 1}`, updatedAt: minutesAgo(100 + i) })),
];

/** The list's lines: below the column header, down to the first blank line. */
function listLines(f: string): string[] {
  const lines = frameLines(f);
  const from = lines.findIndex((l) => l.startsWith('  title')) + 1;
  const out: string[] = [];
  for (const l of lines.slice(from)) {
    if (l.trim() === '') break;
    out.push(l);
  }
  return out;
}
const selected = (f: string) => frameLines(f).find((l) => l.startsWith('› '))?.slice(2).split('  ')[0]?.trim();

for (const [columns, rows] of [
  [80, 24],
  [160, 50],
] as const) {
  describe(`all projects at ${columns}x${rows}`, () => {
    it('a with the last row of this project selected: the first line is its project heading, the selection keeps its line', async () => {
      const ui = renderSized(<App source={fakeSource({ sessions: SESSIONS })} onExit={() => undefined} />, { columns, rows });
      await ui.waitFor('Webapp task 1');
      const before = await ui.press('G', (f) => selected(f) === 'Webapp task 16');
      const line = listLines(before).findIndex((l) => l.startsWith('› '));
      const f = await ui.press('a', (x) => x.includes('all projects') && x.includes('19 sessions') && !x.includes('loading'));
      expectFits(f, columns, rows);
      const list = listLines(f);
      expect(list[0]).toMatch(/^▸ \/work\/p1 \(16\)/);
      expect(selected(f)).toBe('Webapp task 16');
      // At 80x24 the list is longer than the screen and the row keeps its line under the heading; at 160x50 it
      // all fits, is drawn from its top, and the heading's own line puts the row one lower.
      expect(list.findIndex((l) => l.startsWith('› '))).toBe(rows === 24 ? line : line + 1);
    });

    it('scrolling down and back up a long project: its heading stays on top and never hides the selection', async () => {
      // A screen too short for the 16 rows of p1: scrolling within it is what used to lose the heading.
      const short = Math.min(rows, 20);
      const ui = renderSized(<App source={fakeSource({ sessions: SESSIONS })} onExit={() => undefined} initialScope="all" />, { columns, rows: short });
      await ui.waitFor('Webapp task 1');
      let f = ui.lastFrame();
      for (let i = 2; i <= 16; i++) {
        f = await ui.press('j', (x) => selected(x) === `Webapp task ${i}`);
        expect(listLines(f)[0]).toMatch(/^▸ \/work\/p1 \(16\)/);
      }
      f = await ui.press('j', (x) => selected(x) === 'Pipeline task 1');
      expect(listLines(f)[0]).toMatch(/^▸ \/work\/p1 \(16\)/);
      for (let i = 16; i >= 1; i--) {
        f = await ui.press(KEYS.up, (x) => selected(x) === `Webapp task ${i}`);
        expect(listLines(f)[0]).toMatch(/^▸ \/work\/p1 \(16\)/);
        expectFits(f, columns, short);
      }
    });
  });
}

describe('the sticky heading, in display lines', () => {
  // Two groups: a (header line 0) with a, b, c; d (header line 4) with d, e; e has a snippet line.
  const layout = buildLayout(
    [
      { id: 'a', height: 1, header: true },
      { id: 'b', height: 1, header: false },
      { id: 'c', height: 1, header: false },
      { id: 'd', height: 1, header: true },
      { id: 'e', height: 2, header: false },
    ],
    3,
  );

  it('names the group of the top line when its heading is above it, nothing when a heading is the top line', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((s) => stickyGroupAt(layout, s))).toEqual([-1, 0, 0, 0, -1, 3, 3]);
    expect(visibleLines(layout, 2)).toEqual([
      { kind: 'group', item: 0 },
      { kind: 'row', item: 2 },
      { kind: 'group', item: 3 },
    ]);
  });

  it('scrolls one line more so the selected row is never under the heading', () => {
    expect(resolveScroll(layout, 2, 3)).toBe(2); // c alone on top would be under a's heading: b is instead
    expect(resolveScroll(layout, 1, 5)).toBe(1); // up from below: b on the line under the heading (a under it)
    expect(resolveScroll(layout, 0, 1)).toBe(0); // a group's first row brings its own heading
    expect(resolveScroll(layout, 4, 2)).toBe(5); // e spans lines 6-7, d is under the heading
  });

  it('takes the snippet line of the row it covers with it: no snippet under no title', () => {
    // Group d: heading line 4, d line 5, e lines 6-7 (title, snippet), f line 8. Scrolled to e's title line.
    const tall = buildLayout(
      [
        { id: 'a', height: 1, header: true },
        { id: 'b', height: 1, header: false },
        { id: 'c', height: 1, header: false },
        { id: 'd', height: 1, header: true },
        { id: 'e', height: 2, header: false },
        { id: 'f', height: 1, header: false },
      ],
      3,
    );
    expect(visibleLines(tall, 6)).toEqual([
      { kind: 'group', item: 3 },
      { kind: 'row', item: 5 },
    ]);
  });

  it('a one- or two-line list has no room for it', () => {
    const tiny = buildLayout([{ id: 'a', height: 1, header: true }, { id: 'b', height: 1, header: false }], 2);
    expect(stickyGroupAt(tiny, 1)).toBe(-1);
  });
});
