/**
 * Issue 10: keys pressed while the list reloads after `a` (this project /
 * all projects) acted on an empty list and were lost. The old list stays
 * on screen until the new scope answers, the header says what is loading,
 * and every key acts on the rows the user sees; the selected session stays
 * selected in the new list. Read at 80x24 and 160x50.
 */
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../src/app/App.js';
import type { BrowserExit, Scope } from '../src/app/source.js';
import type { SessionSummary } from '../src/store/types.js';

import { appSummary, fakeSource, NOW } from './helpers/fake-source.js';
import { cleanup, expectFits, frameLines, KEYS, renderSized } from './helpers/render.js';

afterEach(cleanup);

const hoursAgo = (h: number) => new Date(NOW - h * 3_600_000).toISOString();
const SESSIONS = [
  appSummary({ id: 'sess-login', title: 'Fix login bug', updatedAt: hoursAgo(1) }),
  appSummary({ id: 'sess-other', projectId: 'p2', title: 'Other project work', updatedAt: hoursAgo(1.5) }),
  appSummary({ id: 'sess-dark', title: 'Add dark mode', updatedAt: hoursAgo(2) }),
  appSummary({ id: 'sess-parse', title: 'Refactor parser', updatedAt: hoursAgo(3) }),
];

/** A source whose loads of `slow` wait for `release()` (a cold catalog reading every file), the others answer at once. */
function slowSource(slow: Scope) {
  const base = fakeSource({ sessions: SESSIONS });
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const source = {
    ...base,
    loadSessions: async (scope: Scope, opts?: Parameters<typeof base.loadSessions>[1]): Promise<SessionSummary[]> => {
      if (scope === slow) await gate;
      return base.loadSessions(scope, opts);
    },
  };
  return { source, release: () => release() };
}

const selected = (f: string) => frameLines(f).find((l) => l.startsWith('› '))?.slice(2).split('  ')[0]?.trim();

for (const [columns, rows] of [
  [80, 24],
  [160, 50],
] as const) {
  describe(`at ${columns}x${rows}`, () => {
    it('a then j j while all projects load: the moves act on the list shown, and the new list keeps the selection', async () => {
      const { source, release } = slowSource('all');
      const ui = renderSized(<App source={source} onExit={() => undefined} />, { columns, rows });
      await ui.waitFor('Fix login bug');
      let f = await ui.press('a', (x) => x.includes('loading all projects…'));
      expect(f).toContain('Fix login bug'); // the project's list is still there
      expectFits(f, columns, rows);
      f = await ui.press('j', (x) => selected(x) === 'Add dark mode');
      f = await ui.press('j', (x) => selected(x) === 'Refactor parser');
      release();
      f = await ui.waitFor((x) => x.includes('Other project work') && !x.includes('loading'));
      expect(selected(f)).toBe('Refactor parser');
      expectFits(f, columns, rows);
    });

    it('"aj" and Enter in one write: Enter resumes the row selected on screen, not nothing', async () => {
      const { source } = slowSource('all');
      const exits: BrowserExit[] = [];
      const ui = renderSized(<App source={source} onExit={(e) => exits.push(e)} />, { columns, rows });
      await ui.waitFor('Fix login bug');
      ui.write('aj\r');
      await ui.waitFor(() => exits.length > 0);
      expect(exits[0]).toMatchObject({ kind: 'resume', session: { id: 'sess-dark' } });
    });

    it('back to this project while all projects are on screen: / and a search act on what is shown', async () => {
      const { source, release } = slowSource('project');
      const ui = renderSized(<App source={source} onExit={() => undefined} initialScope="all" />, { columns, rows });
      await ui.waitFor('Other project work');
      let f = await ui.press('a', (x) => x.includes('loading this project…'));
      expect(f).toContain('Other project work');
      f = await ui.press('/other', (x) => x.includes('1 match') && selected(x) === 'Other project work');
      release();
      // The project's own list has no such session: the search now finds nothing there, said as such.
      f = await ui.waitFor((x) => !x.includes('loading') && !x.includes('Other project work'));
      expect(f).toContain('0 matches');
    });
  });
}
