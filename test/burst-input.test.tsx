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
import { dropUnnamedKeys, keyReachedHandler } from '../src/components/keypress.js';
import { EventEmitter } from 'node:events';
import { render as itlRender } from 'ink-testing-library';

import { appSummary, COMPACTED, fakeSource, NOW } from './helpers/fake-source.js';
import { cleanup, expectFits, frameLines, KEYS, renderSized } from './helpers/render.js';

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

  it('drops the control characters of inserted text, line breaks and tabs aside (a space)', () => {
    const run = (text: string, ...edits: LineEdit[]) => edits.reduce(applyEdit, lineAtEnd(text));
    expect(run('', { type: 'insert', text: 'ar\u009b2J\u0007\u007fz' }).text).toBe('ar2Jz');
    expect(run('', { type: 'insert', text: 'a\r\n\tb' }).text).toBe('a b');
    expect(applyEdit({ text: 'old', cursor: 3, selected: true }, { type: 'insert', text: '\u0007' })).toEqual({ text: 'old', cursor: 3, selected: true });
  });

  it("marks a burst's characters as such: a key read alone is not", () => {
    expect(splitKeys('0;evil\u0007bar', NO_KEY).every((k) => k.inRun)).toBe(true);
    expect(splitKeys('g', { ...NO_KEY, ctrl: true })[0]?.inRun).toBeUndefined();
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
      expectFits(frame, columns, rows);
    });

    it.each(BURSTS)('the transcript search applies %s inside one write', async (_name, burst, expected) => {
      const { ui } = start({ columns, rows });
      await ui.waitFor('Fix login bug');
      // Opening, the search and the keys in one write too: the keys wait for the screen to mount.
      const frame = await ui.press(`${KEYS.right}/${burst}`, (f) => findText(f) === expected);
      expectFits(frame, columns, rows);
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

    it('Esc twice in one write is two Escs: the box is left and its filter cleared', async () => {
      const { ui, exits } = start({ columns, rows });
      await ui.waitFor('Fix login bug');
      await ui.press('/dark', (f) => searchText(f) === 'dark' && f.includes('1 match'));
      const frame = await ui.press(`${KEYS.escape}${KEYS.escape}`, (f) => !f.includes('filter:') && f.includes('Fix login bug') && searchText(f) === undefined);
      expectFits(frame, columns, rows);
      expect(exits).toEqual([]);
      // In an opened session: the transcript search box closed, then its search cleared.
      await ui.press(`${KEYS.right}/login`, (f) => findText(f) === 'login');
      await ui.press(KEYS.enter, (f) => f.includes('search "login"'));
      await ui.press(`/x${KEYS.escape}${KEYS.escape}`, (f) => findText(f) === undefined && !f.includes('search "login"') && f.includes('[1 Replay]'));
    });

    it('a pasted line break is a space in a box and never Enter', async () => {
      const { ui, exits } = start({ columns, rows });
      await ui.waitFor('Fix login bug');
      await ui.press('/fix\nlogin bug\r\nmore text here', (f) => searchText(f) === 'fix login bug  more text here');
      expect(exits).toEqual([]);
    });
  });
}

/** The rename box's text (after "rename: "), the cursor mark removed. */
const renameText = (f: string): string | undefined =>
  frameLines(f)
    .find((l) => l.startsWith('rename: '))
    ?.slice('rename: '.length)
    .replace('▌', '')
    .trimEnd();

for (const [columns, rows] of [
  [80, 24],
  [160, 50],
] as const) {
  describe(`the rename box and the resume choice at ${columns}x${rows}`, () => {
    it.each(BURSTS)('the rename box applies %s inside one write', async (_name, burst, expected) => {
      const { ui } = start({ columns, rows });
      await ui.waitFor('Fix login bug');
      await ui.press('R', (f) => renameText(f) === 'Fix login bug');
      // Ctrl+U first empties the box, so the burst alone decides what it holds.
      const frame = await ui.press(`${CTRL.u}${burst}`, (f) => renameText(f) === expected);
      expectFits(frame, columns, rows);
    });

    it.each([
      ['a short name', 'Auth'],
      ['a name longer than a typed run', 'Auth flow rewrite'],
    ])('%s and Enter in one write rename', async (_what, name) => {
      const { ui, source, exits } = start({ columns, rows });
      await ui.waitFor('Fix login bug');
      await ui.press('R', (f) => renameText(f) === 'Fix login bug');
      const frame = await ui.press(`${CTRL.u}${name}\r`, (f) => f.includes(`Renamed to “${name}”`));
      expect(frame).not.toContain('rename: ');
      expect(source.labels?.().get('sess-login')).toEqual({ name });
      expectFits(frame, columns, rows);
      expect(exits).toEqual([]);
    });

    it('R, a name and Enter all in one write rename', async () => {
      const { ui, source } = start({ columns, rows });
      await ui.waitFor('Fix login bug');
      await ui.press(`R${CTRL.u}Auth flow\r`, (f) => f.includes('Renamed to “Auth flow”'));
      expect(source.labels?.().get('sess-login')).toEqual({ name: 'Auth flow' });
    });

    it('a long query and Enter in one write: the transcript search runs, the list search never resumes', async () => {
      const { ui, exits } = start({ columns, rows });
      await ui.waitFor('Fix login bug');
      await ui.press('/fix login bug\r', (f) => searchText(f) === 'fix login bug');
      await new Promise((r) => setTimeout(r, 50));
      expect(exits).toEqual([]);
      await ui.press(KEYS.escape, (f) => f.includes('filter: fix login bug'));
      await ui.press(KEYS.escape, (f) => !f.includes('filter:'));
      await ui.press(`${KEYS.right}/`, (f) => findText(f) === '');
      // The box closes on the closing Enter: the query is searched, not typed with a trailing space.
      await ui.press('first prompt\r', (f) => findText(f) === undefined && f.includes('[1 Replay]'));
      expect(exits).toEqual([]);
    });

    it('a pasted name over several lines stays in the box as one line', async () => {
      const { ui, source } = start({ columns, rows });
      await ui.waitFor('Fix login bug');
      await ui.press('R', (f) => renameText(f) === 'Fix login bug');
      await ui.press(`${CTRL.u}first line\nsecond line\r`, (f) => renameText(f) === 'first line second line');
      expect(source.labels?.().get('sess-login')).toBeUndefined();
    });

    it.each([
      ['↓', KEYS.down, 'start'],
      ['↓↓', `${KEYS.down}${KEYS.down}`, 'checkpoint'],
      ['↓↑↓', `${KEYS.down}${KEYS.up}${KEYS.down}`, 'start'],
    ] as const)('the resume choice applies %s inside one write, and Enter carries it', async (_name, burst, from) => {
      const exits: BrowserExit[] = [];
      const ui = renderSized(<App source={fakeSource({ sessions: [COMPACTED] })} onExit={(e) => exits.push(e)} />, { columns, rows });
      await ui.waitFor('Long refactor');
      await ui.press(`${KEYS.right}3`, (f) => f.includes('(•) last checkpoint'));
      ui.write(burst);
      await new Promise((r) => setTimeout(r, 50));
      const frame = ui.lastFrame();
      expect(frame).toContain(from === 'start' ? '(•) whole conversation' : '(•) last checkpoint');
      expectFits(frame, columns, rows);
      ui.write(KEYS.enter);
      await new Promise((r) => setTimeout(r, 50));
      expect(exits).toEqual([expect.objectContaining({ kind: 'resume', from })]);
    });

    it('opening, the Resume tab, the choice and Enter in one write; a digit there switches tabs and never resumes', async () => {
      const exits: BrowserExit[] = [];
      const ui = renderSized(<App source={fakeSource({ sessions: [COMPACTED] })} onExit={(e) => exits.push(e)} />, { columns, rows });
      await ui.waitFor('Long refactor');
      await ui.press(`${KEYS.right}3${KEYS.down}2`, (f) => f.includes('[2 Usage]'));
      expect(exits).toEqual([]);
      ui.write(`3${KEYS.enter}`);
      await new Promise((r) => setTimeout(r, 50));
      expect(exits).toEqual([expect.objectContaining({ kind: 'resume', from: 'start' })]);
    });
  });
}

describe('keys Ink cannot name', () => {
  // Ink 6.8 reads a modified key it has no name for (xterm's Ctrl+F1-F4, a
  // pasted colour code) as Ctrl+undefined and throws: the browser must drop
  // that one key, never quit on it.
  it.each([
    ['Ctrl+F1', '\u001b[1;5P'],
    ['Ctrl+F4', '\u001b[1;5S'],
    ['a pasted colour code', '\u001b[31m'],
  ])('%s is dropped and the next keys still act', async (_name, seq) => {
    const { ui, exits } = start({ columns: 80, rows: 24 });
    await ui.waitFor('Fix login bug');
    ui.write(seq);
    await ui.press('/dark', (f) => searchText(f) === 'dark');
    expect(exits).toEqual([]);
  });

  it('drops only what Ink throws before our handler: an error of our own on the same key is thrown on', () => {
    const events = new EventEmitter();
    const undo = dropUnnamedKeys(events);
    let ours = false;
    events.on('input', () => {
      if (ours) keyReachedHandler();
      throw new TypeError("Cannot read properties of undefined (reading 'length')");
    });
    expect(events.emit('input', '\u001b[1;5P')).toBe(false); // Ink's parse, before any handler: dropped
    ours = true;
    expect(() => events.emit('input', '\u001b[1;5P')).toThrow(TypeError); // our handler's own bug: not hidden
    undo();
  });
});

describe('a paste carrying escape sequences', () => {
  // ESC ] 0;evil BEL retitles a terminal; ESC [2J clears it. Ink takes the escape
  // sequences apart; the BEL inside "0;evil\u0007bar" read as Ctrl+G opened the
  // help, and the pasted "b" after it, "any key", closed it: "foo]0;evilar[2Jbaz".
  const PASTE = 'foo\u001b]0;evil\u0007bar\u001b[2Jbaz';
  const KEPT = 'foo]0;evilbar[2Jbaz';

  async function until(frame: () => string | undefined, test: (f: string) => boolean): Promise<string> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const f = frame() ?? '';
      if (test(f)) return f;
      if (Date.now() > deadline) throw new Error(`content did not appear; last frame:\n${f}`);
      await new Promise((r) => setImmediate(r));
    }
  }

  it('keeps every printable character in the list search box (ink-testing-library stdin)', async () => {
    const exits: BrowserExit[] = [];
    const ui = itlRender(<App source={fakeSource({ sessions: SESSIONS })} onExit={(e) => exits.push(e)} />);
    await until(ui.lastFrame, (f) => f.includes('Fix login bug'));
    ui.stdin.write('/');
    await until(ui.lastFrame, (f) => searchText(f) === '');
    ui.stdin.write(PASTE);
    const frame = await until(ui.lastFrame, (f) => searchText(f) === KEPT);
    expect(frame).not.toContain('\u001b');
    expect(frame).not.toContain('\u0007');
    // The help never opened: the box still has the keys, and the next letter is typed.
    ui.stdin.write('!');
    await until(ui.lastFrame, (f) => searchText(f) === `${KEPT}!`);
    expect(exits).toEqual([]);
    ui.unmount();
  });

  for (const [columns, rows] of [
    [80, 24],
    [160, 50],
  ] as const) {
    it(`keeps every printable character in the transcript search and the rename box at ${columns}x${rows}`, async () => {
      const { ui } = start({ columns, rows });
      await ui.waitFor('Fix login bug');
      await ui.press('R', (f) => renameText(f) === 'Fix login bug');
      await ui.press(`${CTRL.u}${PASTE}`, (f) => renameText(f) === KEPT);
      await ui.press(KEYS.escape, (f) => renameText(f) === undefined);
      await ui.press(`${KEYS.right}/`, (f) => findText(f) === '');
      const frame = await ui.press(PASTE, (f) => findText(f) === KEPT);
      expectFits(frame, columns, rows);
    });
  }

  it('a Ctrl+G read on its own still opens the help from the box, what is typed kept', async () => {
    const { ui } = start({ columns: 80, rows: 24 });
    await ui.waitFor('Fix login bug');
    await ui.press('/dark', (f) => searchText(f) === 'dark');
    await ui.press('\u0007', (f) => searchText(f) === undefined && /Search box \(after \/\)/.test(f));
    await ui.press('x', (f) => searchText(f) === 'dark');
  });

  it('a Ctrl+G typed in a quick run ("c" then Ctrl+G within one read, as tmux or ssh deliver them) opens the help too', async () => {
    const { ui } = start({ columns: 80, rows: 24 });
    await ui.waitFor('Fix login bug');
    await ui.press('/ab', (f) => searchText(f) === 'ab');
    await ui.press('c\u0007', (f) => searchText(f) === undefined && /Search box \(after \/\)/.test(f));
    await ui.press('x', (f) => searchText(f) === 'abc');
  });
});

