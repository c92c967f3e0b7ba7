/**
 * Issue 10 item 2: one key table for every mode. `?` opens the overlay from
 * every view and closes back to it, `q` quits from anywhere outside a text
 * box, the overlay scrolls at 80x24 to every binding of the table and to the
 * badge legend, and the help lines of every mode come from the table.
 */
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../src/app/App.js';
import type { BrowserExit } from '../src/app/source.js';
import type { SessionSummary } from '../src/store/types.js';
import { BADGE_SECTION, helpBarEntries, HELP_SECTIONS, KEY_BINDINGS } from '../src/app/keys.js';
import { helpBarText } from '../src/components/HelpBar.js';
import { helpColumns } from '../src/components/HelpOverlay.js';
import { BADGES } from '../src/format/badges.js';
import { displayWidth, fit } from '../src/format/width.js';
import { appSummary, fakeSource, NOW } from './helpers/fake-source.js';
import { cleanup, expectFits, frameLines, KEYS, renderSized } from './helpers/render.js';

afterEach(cleanup);

const hoursAgo = (h: number) => new Date(NOW - h * 3_600_000).toISOString();
const SESSIONS = [
  appSummary({ id: 'sess-login', title: 'Fix login bug', updatedAt: hoursAgo(1) }),
  appSummary({ id: 'sess-dark', title: 'Add dark mode', updatedAt: hoursAgo(2), checkpoints: 2 }),
];

function start(size: { columns: number; rows: number }) {
  const exits: BrowserExit[] = [];
  const ui = renderSized(<App source={fakeSource({ sessions: SESSIONS })} onExit={(e) => exits.push(e)} />, size);
  return { ui, exits };
}


const isHelp = (f: string) => f.includes('Keys and badges');
const settle = () => new Promise((r) => setTimeout(r, 30));

/** Keys that bring each view to the front from the list, and a text that proves it is there. */
const VIEWS: [string, string, (f: string) => boolean][] = [
  ['the list', '', (f) => f.includes('enter resume  → open')],
  ['an opened session', KEYS.right, (f) => f.includes('[1 Replay]')],
  ['the cost view', 'c', (f) => f.includes('Cost · ')],
  ['the delete dialog', 'd', (f) => f.includes('Delete')],
];

for (const [columns, rows] of [
  [80, 24],
  [160, 50],
] as const) {
  describe(`at ${columns}x${rows}`, () => {
    it.each(VIEWS)('? opens the overlay over %s, and any other key goes back to it', async (_name, keys, there) => {
      const { ui } = start({ columns, rows });
      await ui.waitFor('Fix login bug');
      if (keys) await ui.press(keys, there);
      const help = await ui.press('?', isHelp);
      expectFits(help, columns, rows);
      expect(help).toMatch(/^(List|.* · here)/m); // that view's keys first
      await ui.press('x', (f) => !isHelp(f) && there(f));
    });

    it.each([
      ['the list', '', 'List'],
      ['an opened session', KEYS.right, 'Opened session · here'],
      ['the cost view', 'c', 'Cost view · here'],
      ['the delete dialog', 'd', 'Delete dialog · here'],
    ])('? over %s starts with the keys of that view', async (_name, keys, heading) => {
      const { ui } = start({ columns, rows });
      await ui.waitFor('Fix login bug');
      const there = VIEWS.find((v) => v[1] === keys)![2];
      if (keys) await ui.press(keys, there);
      const help = await ui.press('?', isHelp);
      // The line under the title: the first section's heading, in the left column.
      expect(frameLines(help)[1]?.startsWith(heading)).toBe(true);
      expectFits(help, columns, rows);
    });

    it.each(VIEWS)('q quits from %s, and from the overlay over it', async (_name, keys, there) => {
      for (const overlay of [false, true]) {
        const { ui, exits } = start({ columns, rows });
        await ui.waitFor('Fix login bug');
        if (keys) await ui.press(keys, there);
        if (overlay) await ui.press('?', isHelp);
        ui.write('q');
        await settle();
        expect(exits).toEqual([{ kind: 'quit' }]);
        ui.unmount();
      }
    });

    it('the overlay scrolls to every binding of the table and to the badge legend', async () => {
      const { ui } = start({ columns, rows });
      await ui.waitFor('Fix login bug');
      const seen = new Set<string>();
      let frame = await ui.press('?', isHelp);
      for (let i = 0; i < 200; i++) {
        expectFits(frame, columns, rows);
        for (const l of frameLines(frame)) seen.add(l);
        const where = /lines (\d+)-(\d+) of (\d+)/.exec(frame);
        if (!where || where[2] === where[3]) break;
        const before = where[0];
        frame = await ui.press('j', (f) => /lines \d+-\d+ of \d+/.exec(f)?.[0] !== before);
      }
      if (columns === 80) expect([...seen].some((l) => /lines \d+-\d+ of \d+ · ↑↓ j\/k/.test(l))).toBe(true);
      const text = [...seen].join('\n');
      for (const b of KEY_BINDINGS) expect(text, `${b.mode} ${b.keys}`).toContain(b.description.slice(0, 20));
      for (const badge of BADGES) expect(text).toContain(badge.glyph);
      expect(text).toContain('Badges in the list');
    });

    it('beside the position in a long transcript the help line shows whole hints, none cut short', async () => {
      const base = fakeSource({ sessions: SESSIONS });
      const entries = Array.from({ length: 80 }, (_, i) => ({ kind: 'message' as const, timestamp: hoursAgo(2), role: 'user' as const, text: `message ${i}` }));
      const source = { ...base, loadTranscript: async (s: SessionSummary) => ({ summary: s, entries, resumeContext: [], lastCheckpointIndex: -1 }) };
      const ui = renderSized(<App source={source} onExit={() => undefined} />, { columns, rows });
      await ui.waitFor('Fix login bug');
      const frame = await ui.press(KEYS.right, (f) => /line 1\/\d+ \(\d+%\)/.test(f));
      const help = frameLines(frame).find((l) => /line 1\/\d+/.test(l))!;
      expect(help).not.toContain('…');
      expect(help.startsWith(helpBarText(helpBarEntries('session', ['resume-from']), columns - 2 - displayWidth(/line \S+ \(\d+%\)/.exec(help)![0])))).toBe(true);
      expectFits(frame, columns, rows);
    });

    it('a in the cost view switches it between this project and all projects', async () => {
      const other = appSummary({ id: 'sess-other', projectId: 'p2', title: 'Other project work', updatedAt: hoursAgo(1), costMicros: 70_000 });
      const ui = renderSized(<App source={fakeSource({ sessions: [...SESSIONS, other] })} onExit={() => undefined} />, { columns, rows });
      await ui.waitFor('Fix login bug');
      const mine = await ui.press('c', (f) => f.includes('Cost · /home/u/proj'));
      const all = await ui.press('a', (f) => f.includes('Cost · all projects') && /\d+ sessions/.test(f));
      expect(/(\d+) sessions/.exec(all)?.[1]).not.toBe(/(\d+) sessions/.exec(mine)?.[1]);
      expectFits(all, columns, rows);
      await ui.press('a', (f) => f.includes('Cost · /home/u/proj'));
    });

    it('each tab of the session screen hints only keys that act there', async () => {
      const { ui } = start({ columns, rows });
      await ui.waitFor('Fix login bug');
      const last = (f: string) => frameLines(f).filter((l) => l.trim()).at(-1) ?? '';
      // Fix login bug: no checkpoint.
      let f = await ui.press(KEYS.right, (x) => x.includes('[1 Replay]'));
      expect(last(f)).toContain('↑↓ scroll');
      f = await ui.press('2', (x) => x.includes('[2 Usage]'));
      expect(last(f)).not.toMatch(/↑↓|space fold|n\/N/);
      expect(last(f)).toContain('enter resume');
      f = await ui.press('3', (x) => x.includes('[3 Resume]'));
      expect(last(f)).not.toMatch(/↑↓|space fold/);
      // Add dark mode: two checkpoints, so ↑↓ choose where the resume starts.
      await ui.press(KEYS.left, (x) => x.includes('enter resume  → open'));
      f = await ui.press(`j${KEYS.right}3`, (x) => x.includes('[3 Resume]') && x.includes('Add dark mode'));
      expect(last(f)).toContain('↑↓ choose');
      expect(last(f)).not.toContain('scroll');
      expectFits(f, columns, rows);
    });

    it('the session screen and the cost view draw their help lines from the table', async () => {
      const { ui } = start({ columns, rows });
      await ui.waitFor('Fix login bug');
      const session = await ui.press(KEYS.right, (f) => f.includes('[1 Replay]'));
      expect(session).toContain(helpBarText(helpBarEntries('session'), columns).slice(0, 30));
      const find = await ui.press('/', (f) => f.includes(helpBarText(helpBarEntries('find'), columns)));
      expectFits(find, columns, rows);
      // Apart: ESC followed by an arrow in one read is Alt+arrow to every terminal parser.
      await ui.press(KEYS.escape, (f) => !f.includes(helpBarText(helpBarEntries('find'), columns)));
      await ui.press(KEYS.left, (f) => f.includes('enter resume  → open'));
      const cost = await ui.press('c', (f) => f.includes('Cost · '));
      expect(cost).toContain(helpBarText(helpBarEntries('cost'), columns));
    });
  });
}

/**
 * The overlay's lines as "keys description" entries: a line with nothing in
 * the keys column continues the entry above it (a wrapped description).
 */
function overlayEntries(columns: string[][]): string[] {
  const out: string[] = [];
  for (const col of columns) {
    let open = false;
    for (const line of col) {
      const text = line.trimEnd();
      if (open && text.startsWith(' '.repeat(12)) && text.trim()) out[out.length - 1] += ` ${text.trim()}`;
      else {
        out.push(text.replace(/\s+/g, ' '));
        open = true;
      }
    }
  }
  return out;
}

describe('the overlay is generated from the table', () => {
  it.each([80, 100, 160])('at %i columns every description is whole (wrapped under itself, never cut with …)', (columns) => {
    const cols = helpColumns([...HELP_SECTIONS, BADGE_SECTION], columns);
    const colWidth = cols.length > 1 ? Math.floor((columns - 2) / 2) : columns;
    for (const l of cols.flat()) expect(displayWidth(l.text)).toBeLessThanOrEqual(colWidth);
    const entries = overlayEntries(cols.map((c) => c.map((l) => l.text)));
    for (const b of KEY_BINDINGS) {
      const whole = `${b.keys} ${b.description}`.replace(/\s+/g, ' ');
      expect(entries, `${b.mode} ${b.keys}`).toContain(whole);
    }
    expect(cols.flat().some((l) => l.text.includes('…'))).toBe(false);
  });

  it('holds every mode\'s bindings and the legend of every badge', () => {
    const lines = helpColumns([...HELP_SECTIONS, BADGE_SECTION], 200).flat().map((l) => l.text);
    for (const b of KEY_BINDINGS) expect(lines.some((l) => l.includes(fit(b.description, 60).trimEnd().slice(0, 30)))).toBe(true);
    for (const badge of BADGES) expect(lines.some((l) => l.includes(badge.glyph) && l.includes(badge.meaning.slice(0, 20)))).toBe(true);
  });
});
