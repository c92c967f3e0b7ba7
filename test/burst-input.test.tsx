/**
 * Issue 10 item 1: no key is ever lost or changed. Every editing key is
 * sent inside ONE write (fast typing, SSH batching, a paste all arrive so),
 * in the list's search box and in the transcript search, at 80x24 and
 * 160x50, and the screen must show each key applied in order.
 */
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../src/app/App.js';
import type { BrowserExit } from '../src/app/source.js';
import { applyEdit, lineAtEnd, type LineEdit } from '../src/components/line-editor.js';
import { splitKeys, NO_KEY } from '../src/app/keys.js';
import { displayWidth } from '../src/format/width.js';
import { appSummary, fakeSource, NOW } from './helpers/fake-source.js';
import { cleanup, frameLines, KEYS, renderSized } from './helpers/render.js';

afterEach(cleanup);

const hoursAgo = (h: number) => new Date(NOW - h * 3_600_000).toISOString();
const SESSIONS = [
  appSummary({ id: 'sess-login', title: 'Fix login bug', updatedAt: hoursAgo(1) }),
  appSummary({ id: 'sess-dark', title: 'Add dark mode', updatedAt: hoursAgo(2) }),
];

const BS = '\u007f';
const CTRL = { a: '\u0001', e: '\u0005', u: '\u0015', w: '\u0017', k: '\u000b', b: '\u0002', f: '\u0006', h: '\u0008' };

/** Each editing key inside one write, and what the box must then hold. */
const BURSTS: [string, string, string][] = [
  ['Backspace', `abcd${BS}e`, 'abce'],
  ['Backspace (^H)', `abcd${CTRL.h}e`, 'abce'],
  ['Ctrl+U', `foo bar${CTRL.u}baz`, 'baz'],
  ['Ctrl+W', `fix login${CTRL.w}bug`, 'fix bug'],
  ['Ctrl+A and Ctrl+E', `bc${CTRL.a}a${CTRL.e}d`, 'abcd'],
  ['Ctrl+K', `abcd${CTRL.a}${CTRL.f}${CTRL.k}x`, 'ax'],
  ['← and letters', `ac${KEYS.left}b`, 'abc'],
  ['← ← → and Backspace', `abd${KEYS.left}${KEYS.left}${KEYS.right}${BS}x`, 'axd'],
  ['Ctrl+B', `ac${CTRL.b}b`, 'abc'],
];

function start(size: { columns: number; rows: number }) {
  const source = fakeSource({ sessions: SESSIONS });
  const exits: BrowserExit[] = [];
  const ui = renderSized(<App source={source} onExit={(e) => exits.push(e)} />, size);
  return { ui, exits, source };
}

function fits(frame: string, columns: number, rows: number): void {
  const lines = frameLines(frame);
  expect(lines.length).toBeLessThanOrEqual(rows - 1);
  for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(columns);
}

/** The search box's text, the cursor mark removed. */
const searchText = (f: string): string | undefined =>
  frameLines(f)
    .find((l) => l.startsWith('search: '))
    ?.slice('search: '.length)
    .replace('▌', '')
    .trimEnd();

/** The transcript search box's text ("/words▌" above the help line). */
const findText = (f: string): string | undefined =>
  frameLines(f)
    .find((l) => l.startsWith('/'))
    ?.slice(1)
    .replace('▌', '')
    .trimEnd();

describe('the line editor (pure)', () => {
  it('applies every edit at the cursor, by code point', () => {
    const run = (text: string, ...edits: LineEdit[]) => edits.reduce(applyEdit, lineAtEnd(text));
    expect(run('a😀', { type: 'backspace' }).text).toBe('a');
    expect(run('one two  ', { type: 'kill-word' }).text).toBe('one ');
    expect(run('abc', { type: 'left' }, { type: 'kill-before' })).toEqual({ text: 'c', cursor: 0 });
    expect(run('abc', { type: 'start' }, { type: 'insert', text: 'x\ny' })).toEqual({ text: 'x yabc', cursor: 3 });
    expect(run('', { type: 'backspace' }, { type: 'left' }, { type: 'kill-word' })).toEqual({ text: '', cursor: 0 });
  });

  it('a burst is split into one key per character, controls included', () => {
    const keys = splitKeys(`ab${BS}${CTRL.u}`, NO_KEY);
    expect(keys.map((k) => k.input)).toEqual(['a', 'b', '', 'u']);
    expect(keys[2]?.key.delete).toBe(true);
    expect(keys[3]?.key.ctrl).toBe(true);
  });
});

for (const [columns, rows] of [
  [80, 24],
  [160, 50],
] as const) {
  describe(`at ${columns}x${rows}`, () => {
    it.each(BURSTS)('the list search box applies %s inside one write', async (_name, burst, expected) => {
      const { ui } = start({ columns, rows });
      await ui.waitFor('Fix login bug');
      const frame = await ui.press(`/${burst}`, (f) => searchText(f) === expected);
      fits(frame, columns, rows);
    });

    it.each(BURSTS)('the transcript search applies %s inside one write', async (_name, burst, expected) => {
      const { ui } = start({ columns, rows });
      await ui.waitFor('Fix login bug');
      // Opening, the search and the keys in one write too: the keys wait for the screen to mount.
      const frame = await ui.press(`${KEYS.right}/${burst}`, (f) => findText(f) === expected);
      fits(frame, columns, rows);
    });

    it('all the editing keys at once, in one write, in both boxes', async () => {
      const all = `xyz${CTRL.u}fix${BS}${BS}ix lo${CTRL.w}login${CTRL.a}[${CTRL.e}]${KEYS.left}${BS}`;
      const { ui } = start({ columns, rows });
      await ui.waitFor('Fix login bug');
      await ui.press(`/${all}`, (f) => searchText(f) === '[fix logi]');
      await ui.press(KEYS.escape, (f) => f.includes('filter: [fix logi]'));
      await ui.press(KEYS.escape, (f) => !f.includes('filter:'));
      await ui.press(`${KEYS.right}/${all}`, (f) => findText(f) === '[fix logi]');
    });

    it('→ at the end of the query and Enter act on the selection without leaving the box', async () => {
      const { ui, exits } = start({ columns, rows });
      await ui.waitFor('Fix login bug');
      await ui.press('/dark', (f) => searchText(f) === 'dark' && f.includes('1 match'));
      // ← then → only moves the cursor; → at the end opens the selected match.
      await ui.press(`${KEYS.left}${KEYS.right}`, (f) => searchText(f) === 'dark');
      const opened = await ui.press(KEYS.right, (f) => f.includes('[1 Replay]'));
      expect(opened).toContain('Add dark mode');
      await ui.press(KEYS.left, (f) => searchText(f) === 'dark');
      ui.write(KEYS.enter);
      await new Promise((r) => setTimeout(r, 50));
      expect(exits).toEqual([expect.objectContaining({ kind: 'resume', session: expect.objectContaining({ id: 'sess-dark' }) })]);
    });

    it('a pasted line break is a space in a box and never Enter', async () => {
      const { ui, exits } = start({ columns, rows });
      await ui.waitFor('Fix login bug');
      await ui.press('/fix\nlogin bug\r\nmore text here', (f) => searchText(f) === 'fix login bug  more text here');
      expect(exits).toEqual([]);
    });
  });
}
