/**
 * Issue 10: `?` inside a text box. The rule is fzf's and lazygit's: in a
 * box every printable key is text, so `?` is typed (a search for "why?");
 * the help is still one key away there, Ctrl+G (nano's help key), and what
 * was typed is still there when it closes. Read at 80x24 and 160x50.
 */
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../src/app/App.js';
import type { BrowserExit } from '../src/app/source.js';

import { appSummary, fakeSource, NOW } from './helpers/fake-source.js';
import { cleanup, expectFits, frameLines, KEYS, renderSized } from './helpers/render.js';

afterEach(cleanup);

const CTRL_G = '\u0007';
const CTRL_U = '\u0015';
const hoursAgo = (h: number) => new Date(NOW - h * 3_600_000).toISOString();
const SESSIONS = [
  appSummary({ id: 'sess-login', title: 'Fix login bug', updatedAt: hoursAgo(1) }),
  appSummary({ id: 'sess-why', title: 'why? the cache misses', updatedAt: hoursAgo(2) }),
];
const isHelp = (f: string) => f.includes('Keys and badges');

for (const [columns, rows] of [
  [80, 24],
  [160, 50],
] as const) {
  describe(`at ${columns}x${rows}`, () => {
    function start() {
      const exits: BrowserExit[] = [];
      const source = fakeSource({ sessions: SESSIONS });
      const ui = renderSized(<App source={source} onExit={(e) => exits.push(e)} />, { columns, rows });
      return { ui, exits, source };
    }
    const bottom = (f: string) => frameLines(f).at(-1) ?? '';

    it('the search box types ? and q; Ctrl+G opens the help over it and closing it gives the box back as it was', async () => {
      const { ui, exits } = start();
      await ui.waitFor('Fix login bug');
      let f = await ui.press('/why?', (x) => x.includes('search: why?'));
      expect(isHelp(f)).toBe(false);
      expect(bottom(f)).toContain('^G help');
      expect(bottom(f)).not.toContain('? help');
      f = await ui.press(CTRL_G, isHelp);
      expect(frameLines(f)[1]).toMatch(/^Search box \(after \/\) · here/);
      expectFits(f, columns, rows);
      f = await ui.press(KEYS.escape, (x) => !isHelp(x) && x.includes('search: why?'));
      f = await ui.press('q', (x) => x.includes('search: why?q'));
      expect(exits).toEqual([]);
      // Outside the box the bar offers ? again, and no ^G.
      f = await ui.press(KEYS.escape, (x) => x.includes('filter: why?q'));
      expect(bottom(f)).toContain('? help');
      expect(bottom(f)).not.toContain('^G');
    });

    it('the rename box types ?; Ctrl+G shows the help and the name being typed survives it', async () => {
      const { ui, source } = start();
      await ui.waitFor('Fix login bug');
      let f = await ui.press('R', 'rename: Fix login bug');
      f = await ui.press(CTRL_U + 'why?', (x) => x.includes('rename: why?'));
      expect(isHelp(f)).toBe(false);
      expect(bottom(f)).toContain('^G help');
      f = await ui.press(CTRL_G, isHelp);
      expect(frameLines(f)[1]).toMatch(/^Rename box \(after R\) · here/);
      f = await ui.press('x', (x) => !isHelp(x) && x.includes('rename: why?'));
      f = await ui.press(KEYS.enter, (x) => x.includes('Renamed to “why?”'));
      expect(source.labels?.().get('sess-login')).toEqual({ name: 'why?' });
    });

    it('the transcript search types ?; Ctrl+G shows the help over the session and the words survive it', async () => {
      const { ui } = start();
      await ui.waitFor('Fix login bug');
      await ui.press(KEYS.right, '[1 Replay]');
      let f = await ui.press('/why?', (x) => frameLines(x).some((l) => l.startsWith('/why?')));
      expect(isHelp(f)).toBe(false);
      expect(bottom(f)).toContain('^G help');
      f = await ui.press(CTRL_G, isHelp);
      expect(frameLines(f)[1]).toMatch(/^Transcript search \(after/);
      expectFits(f, columns, rows);
      f = await ui.press('x', (x) => !isHelp(x) && frameLines(x).some((l) => l.startsWith('/why?')));
    });

    it('Ctrl+C quits from the rename box (it did nothing there)', async () => {
      const { ui, exits } = start();
      await ui.waitFor('Fix login bug');
      await ui.press('R', 'rename: Fix login bug');
      ui.write(KEYS.ctrlC);
      await new Promise((r) => setTimeout(r, 50));
      expect(exits).toEqual([{ kind: 'quit' }]);
    });
  });
}
